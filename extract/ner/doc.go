// Package ner finds the names of people (PER), organisations (ORG) and
// places (LOC) in a sentence: a greedy IOB2 labeller from package tag that
// reads each word with its part of speech and the lists of the domain
// vocabulary the word falls in.
//
// The vocabulary reaches the model as gazetteer features ("this word is in
// the given-name list", "a body's name starts here"), never as the words of
// the lists, so a new domain's vocabulary helps a trained model without
// retraining it.
//
// Models are trained from GUM's entity mentions (see ReadGUM for how a
// mention becomes a named span) and from Universal NER over EWT (ReadUNER).
package ner
