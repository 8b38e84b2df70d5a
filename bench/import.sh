#!/usr/bin/env bash
# bench/import.sh measures what a user waits for: the local Neo4j's start
# (a new data folder, and a restart), and importing a corpus into an empty
# database and again over itself. It runs its own server on ports
# 7689/7476 with its own data, and stops it at the end.
#
#   bench/import.sh [CORPUS]      default ../shared/corpus/seeds
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/seeds}
export KG_NEO4J_STATE=$PWD/.kg/neo4j-bench KG_NEO4J_BOLT_PORT=7689 KG_NEO4J_HTTP_PORT=7476
export KG_NEO4J_URI=bolt://127.0.0.1:7689 KG_LOG_LEVEL=warn
neo4j=docker/neo4j/neo4j.sh

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

echo "machine: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
go build -trimpath -o bin/kg ./cmd/kg
$neo4j wipe >/dev/null 2>&1 || true
trap '$neo4j down >/dev/null 2>&1 || true' EXIT

t=$(now); $neo4j up 2>/dev/null; echo "neo4j first start (new data folder): $(since "$t") s"
$neo4j down >/dev/null 2>&1
t=$(now); $neo4j up 2>/dev/null; echo "neo4j restart: $(since "$t") s"

bytes=$(cat "$corpus"/* | wc -c)
t=$(now); bin/kg schema apply; schema=$(since "$t")
t=$(now); bin/kg import "$corpus"; first=$(since "$t")
t=$(now); bin/kg import "$corpus"; again=$(since "$t")
t=$(now); bin/kg extract "$corpus" >/dev/null; ext=$(since "$t")
echo "corpus: $corpus, $(ls "$corpus" | wc -l) files, $bytes bytes"
echo "kg extract (no database): $ext s"
echo "kg schema apply on a new database (constraints, indexes, waiting for them): $schema s"
echo "kg import into the empty database: $first s"
echo "kg import again, unchanged (hashes compared, nothing written): $again s ($(awk -v a="$again" -v b="$first" 'BEGIN { printf "%.2f", a / b }') of the first)"
bin/kg stats
