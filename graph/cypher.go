package graph

import (
	"fmt"

	"github.com/kgtool/kg/schema"
)

// The static query text. Labels and types come only from schema constants;
// every value is a parameter.
var (
	qOldFacts = fmt.Sprintf(`UNWIND $docs AS doc
MATCH (:%[1]s {id: doc})-[:%[2]s]->(e:%[3]s)
MATCH (e)-[r]-(:%[3]s)
WHERE type(r) IN $types AND doc IN r.docs
WITH DISTINCT r
RETURN type(r) AS type, startNode(r).key AS from, endNode(r).key AS to, properties(r) AS props`,
		schema.Document, schema.Mentions, schema.Entity)

	qPairFacts = fmt.Sprintf(`UNWIND $pairs AS p
MATCH (a:%[1]s {key: p.from})-[r]->(b:%[1]s {key: p.to})
WHERE type(r) = p.type
RETURN type(r) AS type, a.key AS from, b.key AS to, properties(r) AS props`, schema.Entity)

	qOldMentioned = fmt.Sprintf(`MATCH (d:%s)-[:%s]->(e:%s)
WHERE d.id IN $docs
RETURN DISTINCT e.key AS key`, schema.Document, schema.Mentions, schema.Entity)

	qRetractMentions = fmt.Sprintf(`MATCH (d:%s)-[m:%s]->()
WHERE d.id IN $docs
DELETE m`, schema.Document, schema.Mentions)

	qRetractSentences = fmt.Sprintf(`MATCH (s:%s)
WHERE s.doc IN $docs
DETACH DELETE s`, schema.Sentence)

	qRemoveDocuments = fmt.Sprintf(`MATCH (d:%s)
WHERE d.id IN $docs
DETACH DELETE d`, schema.Document)

	qDocuments = fmt.Sprintf(`UNWIND $rows AS row
MERGE (d:%s {id: row.id})
SET d = row`, schema.Document)

	qSentences = fmt.Sprintf(`UNWIND $rows AS row
MATCH (d:%s {id: row.doc})
MERGE (s:%s {id: row.id})
SET s = row
MERGE (d)-[:%s]->(s)`, schema.Document, schema.Sentence, schema.HasSentence)

	qMentions = fmt.Sprintf(`UNWIND $rows AS row
MATCH (d:%s {id: row.doc})
MATCH (e:%s {key: row.key})
MERGE (d)-[m:%s]->(e)
SET m.forms = row.forms, m.count = row.count, m.sentences = row.sentences, m.merges = row.merges`,
		schema.Document, schema.Entity, schema.Mentions)

	qDerived = fmt.Sprintf(`UNWIND $keys AS key
MATCH (e:%s {key: key})
OPTIONAL MATCH (d:%s)-[m:%s]->(e)
RETURN key, e.name AS name, collect(d.id) AS docs, collect(m.forms) AS forms,
       collect(m.merges) AS merges, sum(coalesce(m.count, 0)) AS count`,
		schema.Entity, schema.Document, schema.Mentions)

	qSetDerived = fmt.Sprintf(`UNWIND $rows AS row
MATCH (e:%s {key: row.key})
SET e.aliases = row.aliases, e.docs = row.docs, e.merges = row.merges, e.mentions = row.count`, schema.Entity)

	qDeleteEntities = fmt.Sprintf(`UNWIND $keys AS key
MATCH (e:%s {key: key})
DETACH DELETE e`, schema.Entity)
)

// entityQuery merges the entity rows of one label.
func entityQuery(l schema.Label) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MERGE (e:%s {key: row.key})
SET e:%s, e.name = row.name, e.value = row.value, e.currency = row.currency, e.value_text = row.value_text`,
		l, schema.Entity)
}

// setFactQuery merges the edges of one fact type and sets their properties
// whole, so that no stale property survives.
func setFactQuery(t schema.RelType) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:%[1]s {key: row.from})
MATCH (b:%[1]s {key: row.to})
MERGE (a)-[r:%[2]s]->(b)
SET r = row.props`, schema.Entity, t)
}

// deleteFactQuery deletes the edges of one fact type.
func deleteFactQuery(t schema.RelType) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MATCH (:%[1]s {key: row.from})-[r:%[2]s]->(:%[1]s {key: row.to})
DELETE r`, schema.Entity, t)
}
