// Saved queries over kg's graph. `kg query NAME [--param k=v]` runs one;
// in Neo4j Browser, drag this file onto the window and click "Save to
// favorites" (the file becomes one favourite), or paste one query (set its
// parameters first, e.g. :param name => 'Napo').
// Each query starts with a line "// name: NAME", then its description.

// name: criticised (demo)
// Who criticised whom or what, with the sentences that say so.
MATCH (a:Entity)-[r:CRITICISED]->(b:Entity)
UNWIND r.evidence AS sid
MATCH (s:Sentence {id: sid})
RETURN a.name AS critic, b.name AS target, r.confidence AS confidence, s.doc AS document, s.text AS sentence
ORDER BY critic, target, document
LIMIT 50;

// name: roles (demo)
// Who holds which role where.
MATCH (p:Person)-[r:AFFILIATED_WITH]->(o:Organisation)
RETURN p.name AS person, r.role AS role, o.name AS organisation, r.docs AS documents
ORDER BY organisation, person;

// name: connected (demo)
// The most connected people and organisations, by facts and documents.
MATCH (e:Entity)
WHERE e:Person OR e:Organisation
RETURN labels(e)[0] AS label, e.name AS name,
       COUNT { (e)-[:CRITICISED|AUTHORED|AWARDED|AWARDED_TO|AFFILIATED_WITH]-() } AS facts, size(e.docs) AS documents
ORDER BY facts DESC, documents DESC, name
LIMIT 15;

// name: contracts
// Who let which contract, who won it, and its value.
MATCH (c:Contract)
OPTIONAL MATCH (buyer:Organisation)-[:AWARDED]->(c)
OPTIONAL MATCH (c)-[:AWARDED_TO]->(supplier:Organisation)
RETURN c.name AS contract, c.value AS value, c.currency AS currency, c.value_text AS as_written,
       collect(DISTINCT buyer.name) AS buyers, collect(DISTINCT supplier.name) AS suppliers
ORDER BY contract;

// name: reports
// Who wrote which report.
MATCH (a:Entity)-[r:AUTHORED]->(rep:Report)
RETURN rep.name AS report, collect(a.name) AS authors, rep.docs AS documents
ORDER BY report;

// name: about
// Everything said about one entity, and where. Parameter: name.
MATCH (e:Entity)-[r]-(other:Entity)
WHERE e.name = $name OR $name IN e.aliases
RETURN type(r) AS relation, CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction,
       other.name AS other, r.role AS role, r.confidence AS confidence, r.docs AS documents
ORDER BY relation, other;

// name: evidence
// The sentences behind the edges from one entity. Parameters: from, type.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE (a.name = $from OR $from IN a.aliases) AND type(r) = $type
UNWIND range(0, size(r.evidence) - 1) AS i
MATCH (d:Document)-[:HAS_SENTENCE]->(s:Sentence {id: r.evidence[i]})
RETURN a.name AS from, type(r) AS type, b.name AS to, d.id AS document, d.title AS title,
       s.start AS start, s.end AS end, s.text AS sentence, r.evidence_rules[i] AS rule, r.evidence_scores[i] AS score
ORDER BY to, document, start;

// name: search
// Find an entity by any of its names, full-text. Parameter: q.
CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node, score
RETURN labels(node)[0] AS label, node.name AS name, node.aliases AS aliases, score
ORDER BY score DESC, name
LIMIT 10;

// name: documents
// The documents, with their dates and what they hold.
MATCH (d:Document)
RETURN d.id AS document, d.title AS title, d.date AS date,
       COUNT { (d)-[:MENTIONS]->() } AS entities, COUNT { (d)-[:HAS_SENTENCE]->() } AS sentences
ORDER BY date, document;
