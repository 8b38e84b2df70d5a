package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/schema"
)

// Batch is the contribution of a group of documents to the graph, as rows
// grouped by label and relationship type. Writing a Batch replaces whatever
// those documents contributed before.
type Batch struct {
	// Docs are the ids of the documents whose contribution the batch
	// replaces. A doc listed here without a row in Documents is removed.
	Docs      []string
	Documents []map[string]any
	Sentences []map[string]any
	// Entities holds one row per entity the documents mention, by label.
	Entities map[schema.Label][]map[string]any
	// Mentions holds one row per (document, entity).
	Mentions []map[string]any
	// Facts holds the documents' evidence for each fact.
	Facts []Fact
}

// Rows is the number of rows b carries: documents, sentences, entities,
// mentions and pieces of evidence. A write transaction's memory on the
// server grows with it.
func (b Batch) Rows() int {
	n := len(b.Documents) + len(b.Sentences) + len(b.Mentions)
	for _, rows := range b.Entities {
		n += len(rows)
	}
	for _, f := range b.Facts {
		n += 1 + len(f.Evidence)
	}
	return n
}

// Fact is one relation with the evidence a batch gives for it.
type Fact struct {
	Type     schema.RelType
	From, To string
	Evidence []Evidence
}

// Evidence is one supporting sentence of a fact, as stored on the edge.
type Evidence struct {
	// ID is the id of the Sentence node.
	ID    string
	Doc   string
	Rule  string
	Score float64
	Role  string
}

func (f Fact) id() string { return string(f.Type) + "\x00" + f.From + "\x00" + f.To }

// SentenceID is the id of the Sentence node for a span of a document.
func SentenceID(doc extract.DocID, s extract.Span) string {
	return fmt.Sprintf("%s#%d-%d", doc, s.Start, s.End)
}

// Batches cuts a result into batches of at most size documents each, in
// document order. Entities appear in every batch whose documents mention
// them; a fact's evidence goes to the batch of its document.
func Batches(r extract.Result, size int) []Batch {
	if size < 1 {
		size = 1
	}
	ix := newIndex(r)
	var out []Batch
	for i := 0; i < len(r.Documents); i += size {
		j := min(i+size, len(r.Documents))
		out = append(out, ix.batch(r.Documents[i:j]))
	}
	return out
}

// index finds, per document, the entities and relations that touch it, so
// that building a batch costs what its documents hold, not the corpus.
type index struct {
	r     extract.Result
	ents  map[extract.DocID][]int
	rels  map[extract.DocID][]int
	byKey map[extract.EntityID]int
	// mentions of each entity by document, and the aliases no mention
	// of it carries
	mentions    []map[extract.DocID][]extract.Mention
	unmentioned [][]string
}

func newIndex(r extract.Result) *index {
	ix := &index{r: r, ents: map[extract.DocID][]int{}, rels: map[extract.DocID][]int{}, byKey: map[extract.EntityID]int{}}
	add := func(m map[extract.DocID][]int, d extract.DocID, i int) {
		if l := m[d]; len(l) == 0 || l[len(l)-1] != i {
			m[d] = append(l, i)
		}
	}
	ix.mentions = make([]map[extract.DocID][]extract.Mention, len(r.Entities))
	ix.unmentioned = make([][]string, len(r.Entities))
	for i, e := range r.Entities {
		ix.byKey[e.ID] = i
		ix.mentions[i] = map[extract.DocID][]extract.Mention{}
		forms := map[string]bool{}
		for _, m := range e.Mentions {
			add(ix.ents, m.Doc, i)
			ix.mentions[i][m.Doc] = append(ix.mentions[i][m.Doc], m)
			forms[m.Text] = true
		}
		for _, a := range e.Aliases {
			if !forms[a] {
				ix.unmentioned[i] = append(ix.unmentioned[i], a)
			}
		}
		for _, d := range e.Docs {
			add(ix.ents, d, i)
		}
		for _, mg := range e.Merges {
			add(ix.ents, mg.Doc, i)
		}
	}
	for i, rel := range r.Relations {
		for _, ev := range rel.Evidence {
			add(ix.rels, ev.Doc, i)
		}
	}
	return ix
}

// batch is NewBatch over the part of the result that touches docs.
func (ix *index) batch(docs []extract.Document) Batch {
	ents, rels := map[int]bool{}, map[int]bool{}
	for _, d := range docs {
		for _, i := range ix.ents[d.ID] {
			ents[i] = true
		}
		for _, i := range ix.rels[d.ID] {
			rels[i] = true
			// A fact's ends are rows of the batch even when the document
			// does not mention them by name.
			for _, key := range []extract.EntityID{ix.r.Relations[i].From, ix.r.Relations[i].To} {
				if j, ok := ix.byKey[key]; ok {
					ents[j] = true
				}
			}
		}
	}
	sub := extract.Result{}
	in := map[extract.DocID]bool{}
	for _, d := range docs {
		in[d.ID] = true
	}
	for i := range ix.r.Entities {
		if !ents[i] {
			continue
		}
		// Only what matters to these documents: their mentions, their
		// merges, and the aliases no mention carries.
		e := ix.r.Entities[i]
		e.Mentions, e.Merges, e.Aliases = nil, nil, ix.unmentioned[i]
		for _, d := range docs {
			e.Mentions = append(e.Mentions, ix.mentions[i][d.ID]...)
		}
		for _, mg := range ix.r.Entities[i].Merges {
			if in[mg.Doc] {
				e.Merges = append(e.Merges, mg)
			}
		}
		sub.Entities = append(sub.Entities, e)
	}
	for i := range ix.r.Relations {
		if rels[i] {
			sub.Relations = append(sub.Relations, ix.r.Relations[i])
		}
	}
	return NewBatch(sub, docs)
}

// NewBatch builds the batch for docs, which must be documents of r.
func NewBatch(r extract.Result, docs []extract.Document) Batch {
	b := Batch{Entities: map[schema.Label][]map[string]any{}}
	byID := map[extract.DocID]*extract.Document{}
	for i := range docs {
		d := &docs[i]
		byID[d.ID] = d
		b.Docs = append(b.Docs, string(d.ID))
		b.Documents = append(b.Documents, documentRow(d))
	}
	sentences := map[string]map[string]any{}
	addSentence := func(d *extract.Document, sp extract.Span, index int) string {
		id := SentenceID(d.ID, sp)
		if _, ok := sentences[id]; !ok {
			row := map[string]any{
				"id": id, "doc": string(d.ID), "index": int64(index),
				"start": int64(sp.Start), "end": int64(sp.End), "text": d.Text[sp.Start:sp.End],
				"section": "", "author": "",
			}
			if index >= 0 && index < len(d.Sentences) {
				if sec := d.Sentences[index].Section; sec >= 0 && sec < len(d.Sections) {
					row["section"] = string(d.Sections[sec].Kind)
					row["author"] = d.Sections[sec].Author
				}
			}
			sentences[id] = row
		}
		return id
	}

	type mention struct {
		forms, sentences map[string]bool
		merges           map[string]bool
		count            int
	}
	mentions := map[[2]string]*mention{} // (doc, key)
	mentionOf := func(doc, key string) *mention {
		k := [2]string{doc, key}
		m := mentions[k]
		if m == nil {
			m = &mention{forms: map[string]bool{}, sentences: map[string]bool{}, merges: map[string]bool{}}
			mentions[k] = m
		}
		return m
	}
	entities := map[string]*extract.Entity{}
	for i := range r.Entities {
		e := &r.Entities[i]
		entities[string(e.ID)] = e
		mentioned := map[extract.DocID]bool{}
		for _, m := range e.Mentions {
			d := byID[m.Doc]
			if d == nil {
				continue
			}
			mentioned[m.Doc] = true
			mm := mentionOf(string(m.Doc), string(e.ID))
			mm.forms[m.Text] = true
			mm.count++
			sp := m.Span
			if m.Sentence >= 0 && m.Sentence < len(d.Sentences) {
				sp = d.Sentences[m.Sentence].Span
			}
			mm.sentences[addSentence(d, sp, m.Sentence)] = true
		}
		// Aliases no mention carries (a lexicon expansion, say) belong to
		// every document of the entity, so that the graph keeps them.
		seen := map[string]bool{}
		for _, m := range e.Mentions {
			seen[m.Text] = true
		}
		for _, a := range e.Aliases {
			if seen[a] {
				continue
			}
			for doc := range mentioned {
				mentionOf(string(doc), string(e.ID)).forms[a] = true
			}
		}
		for _, mg := range e.Merges {
			if byID[mg.Doc] != nil {
				mentionOf(string(mg.Doc), string(e.ID)).merges[fmt.Sprintf("%s → %s: %s", mg.Form, mg.Into, mg.Reason)] = true
			}
		}
	}

	facts := map[string]*Fact{}
	for _, rel := range r.Relations {
		for _, ev := range rel.Evidence {
			d := byID[ev.Doc]
			if d == nil {
				continue
			}
			f := Fact{Type: rel.Type, From: string(rel.From), To: string(rel.To)}
			if facts[f.id()] == nil {
				facts[f.id()] = &f
			}
			index := -1
			for i, s := range d.Sentences {
				if s.Span == ev.Span {
					index = i
					break
				}
			}
			id := addSentence(d, ev.Span, index)
			facts[f.id()].Evidence = append(facts[f.id()].Evidence, Evidence{
				ID: id, Doc: string(d.ID), Rule: ev.Rule, Score: ev.Score, Role: rel.Role,
			})
			// The fact's ends are mentioned by the document that supports
			// it, so that retracting the document finds the fact.
			for _, key := range []string{string(rel.From), string(rel.To)} {
				mm := mentionOf(string(d.ID), key)
				mm.sentences[id] = true
			}
		}
	}

	for _, id := range sortedKeys(sentences) {
		b.Sentences = append(b.Sentences, sentences[id])
	}
	keys := map[string]bool{}
	var mkeys [][2]string
	for k := range mentions {
		mkeys = append(mkeys, k)
	}
	sort.Slice(mkeys, func(i, j int) bool {
		if mkeys[i][0] != mkeys[j][0] {
			return mkeys[i][0] < mkeys[j][0]
		}
		return mkeys[i][1] < mkeys[j][1]
	})
	for _, k := range mkeys {
		if entities[k[1]] == nil {
			continue // a relation to an entity the result does not hold
		}
		m := mentions[k]
		keys[k[1]] = true
		b.Mentions = append(b.Mentions, map[string]any{
			"doc": k[0], "key": k[1], "count": int64(m.count),
			"forms": sortedKeys(m.forms), "sentences": sortedKeys(m.sentences), "merges": sortedKeys(m.merges),
		})
	}
	for _, key := range sortedKeys(keys) {
		e := entities[key]
		b.Entities[e.Label] = append(b.Entities[e.Label], entityRow(e))
	}
	for _, id := range sortedKeys(facts) {
		f := facts[id]
		if entities[f.From] == nil || entities[f.To] == nil {
			continue
		}
		sortEvidence(f.Evidence)
		b.Facts = append(b.Facts, *f)
	}
	return b
}

func documentRow(d *extract.Document) map[string]any {
	hash := d.Hash
	if hash == "" {
		sum := sha256.Sum256([]byte(d.Text))
		hash = hex.EncodeToString(sum[:])
	}
	row := map[string]any{
		"id": string(d.ID), "title": d.Title, "source": d.Source, "format": d.Format, "corpus": d.Corpus,
		"text": d.Text, "hash": hash, "bytes": int64(len(d.Text)),
		"sentences": int64(len(d.Sentences)), "date": nil,
	}
	if t, err := time.Parse(time.DateOnly, d.Date); err == nil {
		row["date"] = neo4j.DateOf(t)
	}
	return row
}

func entityRow(e *extract.Entity) map[string]any {
	row := map[string]any{"key": string(e.ID), "name": e.Name, "value": nil, "currency": nil, "value_text": nil}
	if e.ValueText != "" {
		row["value"] = e.Value
		row["currency"] = e.Currency
		row["value_text"] = e.ValueText
	}
	return row
}

// sortEvidence puts evidence in its canonical order: by sentence id, then
// rule. The order does not depend on the order documents were imported in.
func sortEvidence(evs []Evidence) {
	sort.Slice(evs, func(i, j int) bool {
		if evs[i].ID != evs[j].ID {
			return evs[i].ID < evs[j].ID
		}
		if evs[i].Rule != evs[j].Rule {
			return evs[i].Rule < evs[j].Rule
		}
		return evs[i].Score > evs[j].Score
	})
}

// edgeProps are the properties of a fact edge with the given evidence, in
// canonical order.
func edgeProps(t schema.RelType, evs []Evidence) map[string]any {
	sortEvidence(evs)
	var ids, docs, rules, roles []string
	var scores []float64
	docSet, ruleSet, roleSet := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, e := range evs {
		ids = append(ids, e.ID)
		docs = append(docs, e.Doc)
		rules = append(rules, e.Rule)
		scores = append(scores, e.Score)
		roles = append(roles, e.Role)
		docSet[e.Doc], ruleSet[e.Rule] = true, true
		if e.Role != "" {
			roleSet[e.Role] = true
		}
	}
	props := map[string]any{
		"evidence": ids, "evidence_docs": docs, "evidence_rules": rules, "evidence_scores": scores,
		"docs": sortedKeys(docSet), "rules": sortedKeys(ruleSet),
		"confidence": Confidence(scores),
	}
	if t == schema.AffiliatedWith {
		props["evidence_roles"] = roles
		props["roles"] = sortedKeys(roleSet)
		props["role"] = ""
		for _, r := range roles {
			if r != "" {
				props["role"] = r
				break
			}
		}
	}
	return props
}

// Confidence combines the scores of a fact's evidence as independent votes
// (noisy-or), rounded to six places so that it does not depend on order.
func Confidence(scores []float64) float64 {
	miss := 1.0
	for _, s := range scores {
		miss *= 1 - s
	}
	return math.Round((1-miss)*1e6) / 1e6
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
