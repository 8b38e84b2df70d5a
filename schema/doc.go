// Package schema holds the graph model of kg and its domain vocabulary as
// data: node labels, relationship types and their signatures, the Cypher DDL
// (constraints and indexes), and the lexicons the extractor reads (bodies,
// acronyms, titles, trigger words), embedded and overridable from a file.
//
// See README.md in this folder for the model, the keys, and the queries that
// trace every fact back to its sentences.
package schema
