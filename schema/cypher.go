package schema

import "fmt"

// Key is the property that identifies an entity node; Document and Sentence
// nodes are identified by ID.
const (
	Key = "key"
	ID  = "id"
)

// FullTextIndex is the name of the full-text index over entity names and
// aliases, for db.index.fulltext.queryNodes.
const FullTextIndex = "entity_names"

// Statements returns the Cypher DDL that makes the database ready for kg:
// a uniqueness constraint on the stable key of every label (MERGE relies on
// them), and the full-text index over names and aliases. Every statement is
// idempotent (IF NOT EXISTS), so applying them again changes nothing.
func Statements() []string {
	var out []string
	for _, l := range EntityLabels {
		out = append(out, uniqueness(l, Key))
	}
	out = append(out,
		uniqueness(Entity, Key),
		uniqueness(Document, ID),
		uniqueness(Sentence, ID),
		uniqueness(Lease, "name"),
		fmt.Sprintf("CREATE INDEX sentence_doc IF NOT EXISTS FOR (n:%s) ON (n.doc)", Sentence),
		fmt.Sprintf("CREATE INDEX document_corpus IF NOT EXISTS FOR (n:%s) ON (n.corpus)", Document),
		fmt.Sprintf("CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:%s|%s|%s|%s|%s) ON EACH [n.name, n.aliases]",
			FullTextIndex, Person, Organisation, Report, Contract, Policy),
	)
	return out
}

func uniqueness(l Label, prop string) string {
	return fmt.Sprintf("CREATE CONSTRAINT %s_%s_unique IF NOT EXISTS FOR (n:%s) REQUIRE n.%s IS UNIQUE",
		lower(string(l)), prop, l, prop)
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
