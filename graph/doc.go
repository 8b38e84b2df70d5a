// Package graph loads extraction results into Neo4j, and writes them as
// JSON Lines for tools that read them without a database.
//
// A Batch holds the rows of a group of documents, grouped by label and
// relationship type. (*Writer).Write replaces the contribution of those
// documents in one managed write transaction: what they said before is
// retracted (their sentences, mentions and evidence; facts and entities
// that only they supported), and what they say now is merged on the
// constrained keys of schema. Facts and entities that other documents still
// support keep their remaining evidence. Every list property is written in
// a canonical order, so importing the same corpus twice, or in any order,
// leaves the same graph.
//
// Labels and relationship types enter query text only from schema
// constants; every value travels as a parameter.
package graph
