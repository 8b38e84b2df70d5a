// Saved queries for kg's graph. Paste one into Neo4j Browser
// (http://localhost:7474/browser) or run it from a notebook. Parameters are
// set in Browser with :param, e.g.  :param name => 'Chris Grayling'

// demo: who criticised what, with the sentences that say so
MATCH (a:Entity)-[r:CRITICISED]->(b:Entity)
UNWIND r.evidence AS sid
MATCH (s:Sentence {id: sid})
RETURN a.name AS critic, b.name AS target, r.confidence AS confidence, s.doc AS document, s.text AS sentence
ORDER BY critic, target
LIMIT 25;

// demo: who holds which role where
MATCH (p:Person)-[r:AFFILIATED_WITH]->(o:Organisation)
RETURN p.name AS person, r.role AS role, o.name AS organisation, r.docs AS documents
ORDER BY organisation, person;

// demo: the most connected people and organisations
MATCH (e:Entity)
WHERE e:Person OR e:Organisation
RETURN labels(e)[0] AS label, e.name AS name, COUNT { (e)-[:CRITICISED|AUTHORED|AWARDED|AWARDED_TO|AFFILIATED_WITH]-() } AS facts, size(e.docs) AS documents
ORDER BY facts DESC, documents DESC
LIMIT 15;

// evidence: the sentences behind one edge (:param from => 'Napo', type => 'CRITICISED')
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.name = $from AND type(r) = $type
UNWIND range(0, size(r.evidence) - 1) AS i
MATCH (d:Document)-[:HAS_SENTENCE]->(s:Sentence {id: r.evidence[i]})
RETURN a.name AS from, type(r) AS type, b.name AS to, d.id AS document, d.title AS title,
       s.start AS start, s.end AS end, s.text AS sentence, r.evidence_rules[i] AS rule, r.evidence_scores[i] AS score;

// contracts: who let which contract, who won it, and its value
MATCH (c:Contract)
OPTIONAL MATCH (buyer:Organisation)-[:AWARDED]->(c)
OPTIONAL MATCH (c)-[:AWARDED_TO]->(supplier:Organisation)
RETURN c.name AS contract, c.value AS value, c.currency AS currency, collect(DISTINCT buyer.name) AS buyers,
       collect(DISTINCT supplier.name) AS suppliers;

// reports: who wrote which report
MATCH (a:Entity)-[r:AUTHORED]->(rep:Report)
RETURN rep.name AS report, collect(a.name) AS authors, rep.docs AS documents
ORDER BY report;

// search: find an entity by any of its names (full-text, :param q => 'Grayling')
CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node, score
RETURN labels(node)[0] AS label, node.name AS name, node.aliases AS aliases, score
LIMIT 10;

// entity: everything said about one entity, and where (:param name => 'Napo')
MATCH (e:Entity {name: $name})-[r]-(other:Entity)
RETURN type(r) AS relation, startNode(r) = e AS outgoing, other.name AS other, r.role AS role, r.docs AS documents
ORDER BY relation, other;
