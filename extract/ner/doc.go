// Package ner finds the names of people (PER), organisations (ORG) and
// places (LOC) in a sentence: a greedy IOB2 labeller from package tag that
// reads each word with its part of speech, the shape of the capitalised
// phrase it sits in, and the lists of the domain vocabulary it falls in.
//
// The vocabulary reaches the model as gazetteer features ("this word is in
// the given-name list", "a body's name starts here"), never as the words of
// the lists, so a new domain's vocabulary helps a trained model without
// retraining it.
//
// Models are trained from GUM's entity mentions (see ReadGUM, and named for
// how a mention becomes a named span) and from Universal NER over EWT
// (ReadUNER). Training sees gold parts of speech with one in ten hidden, so
// a model copes with the predicted tags it gets at run time, or with none.
// TestAccuracy trains on GUM train and UNER dev and scores GUM test and
// UNER test; Score gives exact-match span precision, recall and F1.
package ner
