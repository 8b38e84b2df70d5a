// Package analysis is kg's linguistic layer: it cuts a document into
// sentences and tokens with byte offsets, tags each token with its
// Universal Dependencies part of speech (UPOS and the Penn XPOS), features
// and lemma, parses each sentence into labelled dependencies, and finds the
// names of people, organisations and places.
//
// Every model is learnt from open treebanks (UD English EWT, GUM, Universal
// NER) by Train, which `make model` runs through cmd/kg-train; the result
// ships compressed inside the binary (model/en.kgm.gz, see NOTICE) and is
// decoded by Default. The same treebanks and seed give the same bytes.
//
// A Model is read-only and may be shared; an Analyser holds the working
// buffers of one goroutine.
package analysis
