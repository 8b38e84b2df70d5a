package extract

import (
	"context"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgtool/kg/schema"
)

// Extractor turns documents into a knowledge graph: sentences, mentions,
// entities resolved across the corpus, and the relations between them,
// every one with the sentences behind it. It uses no model, only the rules
// in this package and the vocabulary it is given. An Extractor holds no
// state between calls; it is safe for concurrent use.
type Extractor struct {
	v *schema.Vocabulary
}

// New returns an Extractor that reads with the vocabulary v (nil means the
// default vocabulary).
func New(v *schema.Vocabulary) *Extractor {
	if v == nil {
		v = schema.MustLoadDefault()
	}
	return &Extractor{v: v}
}

// Extract runs every stage over the corpus: per document Split and
// FindMentions, then corpus-wide resolution, then relations. The documents
// come back with Sentences filled; everything is sorted.
func (x *Extractor) Extract(docs []Document) Result {
	r, _ := x.ExtractContext(context.Background(), docs)
	return r
}

// ExtractContext is Extract that stops early, returning ctx's error, once
// ctx is done: it looks between documents and between stages, so a run
// asked to stop does not first extract the rest of the corpus.
func (x *Extractor) ExtractContext(ctx context.Context, docs []Document) (Result, error) {
	states := make([]*docState, len(docs))
	out := make([]Document, len(docs))
	copy(out, docs)
	sort.SliceStable(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	mf := &mentionFinder{v: x.v, lowerSeen: map[string]bool{}}
	for i := range out {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		d := &out[i]
		d.Sentences = Split(d.Text, d.Sections)
		states[i] = x.prepare(d, mf)
	}
	for _, st := range states {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		for _, s := range st.sents {
			mf.find(s)
		}
	}
	rs := &resolver{v: x.v, docs: states}
	ents := rs.resolve()
	rl := &relater{v: x.v, ents: ents, rels: map[relKey]*Relation{}}
	for _, d := range states {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		rl.relateDoc(d)
	}
	rels := rl.relations()
	ents = keepEvidenced(ents)
	sort.SliceStable(ents, func(a, b int) bool {
		la, lb := schema.LabelOrder(ents[a].Label), schema.LabelOrder(ents[b].Label)
		if la != lb {
			return la < lb
		}
		return ents[a].ID < ents[b].ID
	})
	return Result{Documents: out, Entities: ents, Relations: rels}, nil
}

// keepEvidenced drops entities with no mention (none should exist).
func keepEvidenced(ents []Entity) []Entity {
	out := ents[:0]
	for _, e := range ents {
		if len(e.Mentions) > 0 {
			sort.Slice(e.Mentions, func(a, b int) bool {
				x, y := e.Mentions[a], e.Mentions[b]
				if x.Doc != y.Doc {
					return x.Doc < y.Doc
				}
				return x.Start < y.Start
			})
			out = append(out, e)
		}
	}
	return out
}

// prepare tokenises a document's sentences and notes the words it writes
// in lower case.
func (x *Extractor) prepare(d *Document, mf *mentionFinder) *docState {
	st := &docState{doc: d, sents: make([]*sent, len(d.Sentences))}
	line, scanned := 0, 0
	for i, sn := range d.Sentences {
		s := &sent{Sentence: sn, doc: d}
		if sn.Start < scanned { // not in order: look back from the sentence itself
			line, scanned = 0, 0
		}
		if k := strings.LastIndexByte(d.Text[scanned:sn.Start], '\n'); k >= 0 {
			line = scanned + k + 1
		}
		scanned = sn.Start
		s.line = line
		s.toks = tokenize(d.Text, sn.Span)
		s.words = make([]string, len(s.toks))
		for k, t := range s.toks {
			s.words[k] = t.text
			if t.lower {
				mf.lowerSeen[t.text] = true
			}
		}
		s.heading = isHeading(d.Text, sn.Span)
		st.sents[i] = s
	}
	return st
}

// isHeading reports whether a sentence is a line of its own with no final
// punctuation: a title or heading. It looks only at the white space around
// the sentence, never at the rest of its line, so that it costs nothing
// on a text without line breaks.
func isHeading(text string, sp Span) bool {
	for i := sp.Start; i > 0; {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if r == '\n' {
			break
		}
		if !unicode.IsSpace(r) {
			return false
		}
		i -= n
	}
	for i := sp.End; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			break
		}
		if !unicode.IsSpace(r) {
			return false
		}
		i += n
	}
	line := strings.TrimRight(strings.TrimSpace(text[sp.Start:sp.End]), "\"'”’)")
	return line != "" && !strings.ContainsAny(line[len(line)-1:], ".!,;:")
}

// FindMentions returns the mentions of one document on its own, before
// resolution: what the rules see in each sentence. Mentions whose label
// depends on the rest of the corpus have an empty Label.
func (x *Extractor) FindMentions(d *Document) []Mention {
	if d.Sentences == nil {
		d.Sentences = Split(d.Text, d.Sections)
	}
	mf := &mentionFinder{v: x.v, lowerSeen: map[string]bool{}}
	st := x.prepare(d, mf)
	var out []Mention
	for _, s := range st.sents {
		mf.find(s)
		for _, c := range s.cands {
			out = append(out, c.Mention)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}
