package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/schema"
)

// Contribution is a digest of everything a document contributes to the
// graph: its text and metadata, its sentences, the entities it mentions as
// resolved across the corpus (keys, names, values), its mentions and its
// evidence. A document whose contribution is unchanged needs no write; one
// whose text is unchanged but whose entities were renamed by another
// document's change does.
func Contribution(r extract.Result, d extract.Document) string {
	return contribution(newIndex(r).batch([]extract.Document{d}))
}

func contribution(b Batch) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, row := range b.Documents {
		_ = enc.Encode(canonical(row))
	}
	for _, row := range b.Sentences {
		_ = enc.Encode(canonical(row))
	}
	for _, l := range schema.EntityLabels {
		for _, row := range b.Entities[l] {
			_ = enc.Encode(canonical(row))
		}
	}
	for _, row := range b.Mentions {
		_ = enc.Encode(canonical(row))
	}
	for _, f := range b.Facts {
		_ = enc.Encode(f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Plan says what an import will do to each document.
type Plan struct {
	// Added and Changed are written; Unchanged are left alone; Removed are
	// retracted (only when pruning).
	Added, Changed, Unchanged, Removed []string
	// contributions by document id, for the documents to write.
	contributions map[string]string
}

// Stored is what the graph holds about one document: enough to tell
// whether it must be written again.
type Stored struct {
	ID, Corpus string
	// Source is the path the document was read from, as given then.
	Source string
	// Hash is the SHA-256 of the file the document was read from.
	Hash string
	// Extractor is the fingerprint of the extractor (binary and
	// vocabulary) that produced what is stored.
	Extractor    string
	Contribution string
}

// StoredDocuments returns the documents of the graph that have one of ids
// or belong to one of corpora.
func (w *Writer) StoredDocuments(ctx context.Context, ids, corpora []string) (map[string]Stored, error) {
	return w.stored(ctx, "d.id IN $ids OR d.corpus IN $corpora", ids, corpora)
}

// OtherDocuments returns the documents of the graph that have none of ids
// and belong to none of corpora: what other runs imported from other
// folders.
func (w *Writer) OtherDocuments(ctx context.Context, ids, corpora []string) (map[string]Stored, error) {
	return w.stored(ctx, "NOT d.id IN $ids AND NOT coalesce(d.corpus, '') IN $corpora", ids, corpora)
}

func (w *Writer) stored(ctx context.Context, where string, ids, corpora []string) (map[string]Stored, error) {
	if ids == nil {
		ids = []string{}
	}
	if corpora == nil {
		corpora = []string{}
	}
	rows, err := w.Read(ctx, fmt.Sprintf(`MATCH (d:%s)
WHERE %s
RETURN d.id AS id, coalesce(d.corpus, '') AS corpus, coalesce(d.source, '') AS source, coalesce(d.hash, '') AS hash,
       coalesce(d.extractor, '') AS extractor, coalesce(d.contribution, '') AS contribution`, schema.Document, where),
		map[string]any{"ids": ids, "corpora": corpora})
	if err != nil {
		return nil, fmt.Errorf("read stored documents: %w", err)
	}
	out := make(map[string]Stored, len(rows))
	for _, r := range rows {
		s := Stored{ID: r["id"].(string), Corpus: r["corpus"].(string), Source: r["source"].(string), Hash: r["hash"].(string),
			Extractor: r["extractor"].(string), Contribution: r["contribution"].(string)}
		out[s.ID] = s
	}
	return out, nil
}

// NewPlan compares a result with what the graph holds. A document is
// changed when its contribution is; its file or the extractor changing
// does not matter by itself. With prune, a stored
// document of one of corpora that is neither in r nor in keep is removed;
// keep names documents that exist but could not be read this time, whose
// old contribution stays.
func NewPlan(r extract.Result, stored map[string]Stored, prune bool, corpora, keep []string) Plan {
	p := Plan{contributions: map[string]string{}}
	ix := newIndex(r)
	present := map[string]bool{}
	for _, id := range keep {
		present[id] = true
	}
	for _, d := range r.Documents {
		id := string(d.ID)
		present[id] = true
		c := contribution(ix.batch([]extract.Document{d}))
		s, ok := stored[id]
		switch {
		case !ok:
			p.Added = append(p.Added, id)
		case s.Contribution != c:
			p.Changed = append(p.Changed, id)
		default:
			p.Unchanged = append(p.Unchanged, id)
			continue
		}
		p.contributions[id] = c
	}
	if prune {
		in := map[string]bool{}
		for _, c := range corpora {
			in[c] = true
		}
		for id, s := range stored {
			if !present[id] && in[s.Corpus] {
				p.Removed = append(p.Removed, id)
			}
		}
		sort.Strings(p.Removed)
	}
	return p
}

// Batches returns the batches that carry out the plan: the added and
// changed documents, size at a time, then one batch that removes the
// removed ones. Each document row records its contribution and the
// fingerprint of the extractor that produced it.
func (p Plan) Batches(r extract.Result, size int, extractor string) []Batch {
	return p.BatchesLimit(r, size, 0, extractor)
}

// BatchesLimit is Batches with batches also bounded by the rows they
// carry (see Batch.Rows): a batch takes documents while it holds fewer
// than size and their rows stay within maxRows (0: no bound). A document
// with more rows than maxRows is a batch of its own. A transaction's
// memory grows with its rows, not with its documents: twenty documents of
// a thousand sentences are not twenty articles.
func (p Plan) BatchesLimit(r extract.Result, size, maxRows int, extractor string) []Batch {
	var docs []extract.Document
	for _, d := range r.Documents {
		if _, ok := p.contributions[string(d.ID)]; ok {
			docs = append(docs, d)
		}
	}
	if size < 1 {
		size = 1
	}
	ix := newIndex(r)
	var out []Batch
	var group []extract.Document
	rows := 0
	for _, d := range docs {
		n := 0
		if maxRows > 0 {
			n = ix.batch([]extract.Document{d}).Rows()
		}
		if len(group) > 0 && (len(group) >= size || maxRows > 0 && rows+n > maxRows) {
			out = append(out, p.batch(ix, group, extractor))
			group, rows = nil, 0
		}
		group = append(group, d)
		rows += n
	}
	if len(group) > 0 {
		out = append(out, p.batch(ix, group, extractor))
	}
	if len(p.Removed) > 0 {
		out = append(out, Batch{Docs: p.Removed, Entities: map[schema.Label][]map[string]any{}})
	}
	return out
}

func (p Plan) batch(ix *index, docs []extract.Document, extractor string) Batch {
	b := ix.batch(docs)
	for _, row := range b.Documents {
		row["contribution"] = p.contributions[row["id"].(string)]
		row["extractor"] = extractor
	}
	return b
}

// Split cuts a batch of the plan in two halves of its documents, to find
// by bisection the document that makes the server reject it. A batch of
// one document is returned as is.
func (p Plan) Split(r extract.Result, b Batch, extractor string) []Batch {
	if len(b.Docs) < 2 {
		return []Batch{b}
	}
	half := len(b.Docs) / 2
	if len(b.Documents) == 0 { // a removal batch
		return []Batch{
			{Docs: b.Docs[:half:half], Entities: map[schema.Label][]map[string]any{}},
			{Docs: b.Docs[half:], Entities: map[schema.Label][]map[string]any{}},
		}
	}
	in := map[string]int{}
	for i, id := range b.Docs {
		in[id] = i
	}
	var first, second []extract.Document
	for _, d := range r.Documents {
		if i, ok := in[string(d.ID)]; ok {
			if i < half {
				first = append(first, d)
			} else {
				second = append(second, d)
			}
		}
	}
	ix := newIndex(r)
	return []Batch{p.batch(ix, first, extractor), p.batch(ix, second, extractor)}
}
