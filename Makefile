# kg: `make demo` runs the main job, `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

GO        ?= go
BIN       := bin/kg
NEO4J     := docker/neo4j/neo4j.sh
SAMPLE    := cmd/kg/testdata/sample
SEEDS     ?= ../shared/corpus/seeds
GOLD      ?= ../shared/gold/seeds.gold.json
# The test server runs beside the demo server, on its own ports and data
# (override the ports to run two checkouts' tests side by side), with a
# transaction memory limit so that the tests meet a batch the server rejects.
TEST_BOLT_PORT ?= 7688
TEST_HTTP_PORT ?= 7475
TEST_TX_MAX    ?= 64m
TEST_ENV  := KG_NEO4J_STATE=$(CURDIR)/.kg/neo4j-test KG_NEO4J_BOLT_PORT=$(TEST_BOLT_PORT) \
             KG_NEO4J_HTTP_PORT=$(TEST_HTTP_PORT) KG_NEO4J_TX_MAX=$(TEST_TX_MAX)
TEST_URI  := bolt://127.0.0.1:$(TEST_BOLT_PORT)

.PHONY: help
help: ## show the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: deps
deps: ## install what a fresh machine lacks (Java 17 and Maven for the local Neo4j)
	@./docker/neo4j/deps.sh

.PHONY: build
build: ## build bin/kg (the trained linguistic model is embedded; no download)
	$(GO) build -trimpath -o $(BIN) ./cmd/kg

# The linguistic layer is trained from the treebanks in ../shared/ud (never
# copied here) and written to extract/analysis/model/en.kgm.gz, which is
# committed and embedded in the binary. Single-threaded and deterministic.
UD        ?= ../shared/ud
MODEL     := extract/analysis/model/en.kgm.gz

.PHONY: model
model: ## train the tagger, lemmatiser, parser and entity tagger from $(UD) (about 15 minutes on 2 cores)
	$(GO) run ./cmd/kg-train -ud $(UD) -o $(MODEL)

.PHONY: model-eval
model-eval: build ## score the embedded model on the EWT and GUM test splits and Universal NER test
	@for f in en_ewt-ud-test.conllu en_gum-ud-test.conllu en_ewt-uner-test.iob2; do $(BIN) parse --eval $(UD)/$$f; done

.PHONY: up
up: deps ## start a local Neo4j (Docker if an engine answers, else assembled from Maven Central)
	@$(NEO4J) up

.PHONY: down
down: ## stop the local Neo4j
	@$(NEO4J) down

.PHONY: wipe
wipe: ## stop the local Neo4j and delete its data
	@$(NEO4J) wipe

.PHONY: demo
demo: deps build ## import the sample corpus into Neo4j (starting a local one unless KG_NEO4J_URI is set) and show it
	@if [ -z "$$KG_NEO4J_URI" ]; then $(NEO4J) up; fi
	$(BIN) import $(SAMPLE)
	$(BIN) stats
	@echo
	@echo "Neo4j Browser: http://localhost:$${KG_NEO4J_HTTP_PORT:-7474}/browser  (user neo4j; the local server's password: $(NEO4J) password)"
	@echo "Three queries to paste there (or run: bin/kg query NAME; bin/kg query lists them all):"
	@for q in criticised roles connected; do echo; $(BIN) query --print $$q; done

.PHONY: test
test: ## run every test: unit, integration against a real Neo4j (Browser and notebook included), and the quality bars
	@./docker/neo4j/deps.sh --test
	@set -e; trap '$(TEST_ENV) $(NEO4J) down' EXIT; \
	$(TEST_ENV) $(NEO4J) up; \
	KG_TEST_NEO4J_URI=$(TEST_URI) KG_TEST_NEO4J_BROWSER=http://127.0.0.1:$(TEST_HTTP_PORT)/browser/ $(GO) test -count=1 -p 1 ./...; \
	echo "== notebook (notebooks/explore.ipynb over the sample corpus)"; \
	KG_NEO4J_URI=$(TEST_URI) KG_NEO4J_PASSWORD_FILE=.kg/neo4j-test/password KG_LOG_LEVEL=warn $(GO) run ./cmd/kg import cmd/kg/testdata/sample; \
	KG_NEO4J_URI=$(TEST_URI) KG_NEO4J_PASSWORD_FILE=.kg/neo4j-test/password notebooks/run.sh; \
	$(MAKE) --no-print-directory eval

# The quality bars CI holds on the seeds (the issue's bars; raise them as
# extraction improves). The sample and held-out sets are reported, not held:
# they measure how extraction generalises to text it was not tuned on.
MIN_ENTITY_F1   ?= 0.90
MIN_RELATION_F1 ?= 0.75
MIN_LABEL_F1    ?= Person=0.90,Organisation=0.90

.PHONY: eval
eval: ## score extraction: the seeds against the CI bars, then the sample and held-out sets
	@echo "== seeds ($(SEEDS))"
	@$(GO) run ./cmd/kg eval $(GOLD) $(SEEDS) --min-entity-f1 $(MIN_ENTITY_F1) \
	  --min-relation-f1 $(MIN_RELATION_F1) --min-label-f1 $(MIN_LABEL_F1)
	@echo "== sample (cmd/kg/testdata/sample, reported only)"
	@$(GO) run ./cmd/kg eval cmd/kg/testdata/sample.gold.json cmd/kg/testdata/sample
	@if [ -f extract/testdata/heldout/heldout.gold.json ]; then \
	  echo "== held-out (extract/testdata/heldout, reported only)"; \
	  $(GO) run ./cmd/kg eval extract/testdata/heldout/heldout.gold.json extract/testdata/heldout/docs; fi

.PHONY: unit
unit: ## run the tests that need no server
	$(GO) test -short ./...

.PHONY: race
race: ## unit tests with the race detector
	$(GO) test -short -race ./...

.PHONY: golden
golden: ## regenerate golden files
	$(GO) test ./extract/... ./graph/... ./cmd/... -run 'Golden|Sections|Extract' -update

.PHONY: fuzz
fuzz: ## fuzz each parser for 30s
	@for t in FuzzNormalize FuzzSplit FuzzResolve FuzzRead FuzzReadHTML; do \
	  $(GO) test ./extract -run '^$$' -fuzz "^$$t$$" -fuzztime 30s || exit 1; done
	$(GO) test ./extract/token -run '^$$' -fuzz '^FuzzSplit$$' -fuzztime 30s
	$(GO) test ./extract/conllu -run '^$$' -fuzz '^FuzzRead$$' -fuzztime 30s
	$(GO) test ./extract/perceptron -run '^$$' -fuzz '^FuzzUnmarshal$$' -fuzztime 30s
	$(GO) test ./extract/tag -run '^$$' -fuzz '^FuzzUnmarshal$$' -fuzztime 30s
	$(GO) test ./extract/lemma -run '^$$' -fuzz '^FuzzUnmarshalBinary$$' -fuzztime 30s
	$(GO) test ./extract/score -run '^$$' -fuzz '^FuzzLoadGold$$' -fuzztime 30s
	$(GO) test ./schema -run '^$$' -fuzz '^FuzzParseQueries$$' -fuzztime 30s

.PHONY: bench
bench: ## extraction and linguistic-layer benchmarks (the layer on one core: tokens/s, allocs/token, model load)
	$(GO) test ./extract -run '^$$' -bench . -benchmem
	$(GO) test ./extract/analysis ./extract/token -run '^$$' -bench . -benchmem -cpu 1

.PHONY: lint
lint: ## gofmt and go vet
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

.PHONY: tidy-check
tidy-check: ## go.mod and go.sum are tidy
	$(GO) mod tidy -diff

.PHONY: check
check: lint tidy-check race ## lint, tidy and race, then the golden files are current
	$(MAKE) golden && git diff --exit-code -- '*/testdata/*'
