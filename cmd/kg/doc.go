// Command kg builds an evidence-backed knowledge graph in Neo4j from a corpus
// of news articles, blog posts with comment threads, and HTML pages.
//
// Usage:
//
//	kg extract PATH... [-o FILE]      facts as JSON Lines, no database
//	kg import PATH...                 facts into Neo4j (replaces what those documents said before)
//	kg schema apply | show            constraints and indexes
//	kg eval GOLD.json PATH... [--show N] [--min-entity-f1 F] [--min-relation-f1 F]
//	kg stats                          nodes by label, relationships by type
//	kg fingerprint [--dump]           order-independent digest of the graph
//	kg parse PATH...                  the linguistic analysis as CoNLL-U (tokens, tags, parse, names)
//	kg parse --eval GOLD.conllu|GOLD.iob2 [--json]
//	                                  score that analysis on a treebank
//
// PATH is a file or a folder; folders are read recursively for .txt, .md and
// .html files. A document's id is its path relative to the folder given,
// without its extension.
//
// Configuration comes from flags, then KG_* environment variables, then a
// config file (--config FILE, or kg/kg.yaml in the user's config folder such
// as ~/.config/kg/kg.yaml; a kg.yaml in the working directory is read only
// when named), then the defaults:
//
//	key                 env                     default
//	neo4j.uri           KG_NEO4J_URI            bolt://localhost:7687
//	neo4j.user          KG_NEO4J_USER           neo4j
//	neo4j.password      KG_NEO4J_PASSWORD       none
//	neo4j.password_file KG_NEO4J_PASSWORD_FILE  .kg/neo4j/password (read for a server on this machine when no password is given)
//	neo4j.database      KG_NEO4J_DATABASE       "" (the server's default)
//	neo4j.timeout       KG_NEO4J_TIMEOUT        10s
//	neo4j.retry_time    KG_NEO4J_RETRY_TIME     30s (then a server that stays unreachable ends the run)
//	extract.vocabulary  KG_EXTRACT_VOCABULARY   none (space-separated YAML files)
//	extract.max_bytes   KG_EXTRACT_MAX_BYTES    10485760 (10 MB; a larger file is skipped)
//	batch.size          KG_BATCH_SIZE           20 documents per transaction
//	batch.max_rows      KG_BATCH_MAX_ROWS       10000 rows per transaction (a larger document goes alone)
//	import.prune        KG_IMPORT_PRUNE         false (remove documents gone from the folders given)
//	import.prune_max    KG_IMPORT_PRUNE_MAX     0.2 (refuse to prune more of a folder's documents)
//	import.wait         KG_IMPORT_WAIT          0s (wait for another import this long)
//	import.lease_ttl    KG_IMPORT_LEASE_TTL     60s (how long a dead run's lease lasts)
//	log.level           KG_LOG_LEVEL            info
//	log.format          KG_LOG_FORMAT           auto (console on a terminal, JSON otherwise)
//
// Logs go to standard error; standard output carries data only. Exit codes:
// 0 success, 1 failure, 2 usage error, 3 partial failure (some inputs failed,
// each logged with its file and cause, and the others went through), 4
// another import holds the lease, 5 interrupted by SIGINT or SIGTERM (stopped
// at a transaction boundary; a second signal stops at once).
package main

// manual is the long help of the root command.
const manual = `kg reads news articles, blog posts with comment threads and HTML pages, and
builds a knowledge graph in Neo4j: people, organisations, reports, contracts and
policies, who criticised, authored, awarded or is affiliated with what, every
fact traced to the sentences that support it.

Configuration: flags > KG_* environment variables > config file (--config, or
~/.config/kg/kg.yaml) > defaults. Main keys: neo4j.uri (KG_NEO4J_URI), neo4j.user,
neo4j.password (KG_NEO4J_PASSWORD), neo4j.database, batch.size, log.level,
log.format, extract.vocabulary.

Exit codes: 0 success, 1 failure, 2 usage error, 3 partial failure, 4 another
import is running, 5 interrupted (SIGINT or SIGTERM).`
