// Package lemma gives the dictionary form of a word ("was" -> "be",
// "mice" -> "mouse", "n't" -> "not") from its form and part-of-speech tags,
// with a model learned from Universal Dependencies treebanks.
//
// A model is three tables of edits, each an instruction to lower-case the
// form or keep its case, strip bytes from its end and append a string:
// words seen in training with their exact case ("i" -> "I"), words seen in
// any case ("Was" -> "be"), and suffix rules per tag for unseen words
// ("-ies" NNS -> "-y"). A word falls through the tables in that order; the
// shortest rule, the empty suffix, gives each tag its usual identity. Table
// entries that the later tables already get right are dropped, which keeps
// the model small without changing a single answer on the training data.
package lemma
