package token_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/extract/conllu"
	"github.com/kgtool/kg/extract/token"
)

var diff = flag.Int("diff", 0, "print up to this many differences from the treebank")

// udDir holds the treebanks; it is never copied into the repository.
const udDir = "../../../shared/ud"

// span is a half-open byte range of a rebuilt document.
type span struct{ start, end int }

// goldDoc is one treebank document rebuilt as raw text, with the spans of
// its sentences and words.
type goldDoc struct {
	id    string
	text  string
	sents []span
	words []span
}

// readTreebank reads a CoNLL-U file, or skips the test when the treebanks
// are absent (and fails when CI=true, where they must be there).
func readTreebank(t testing.TB, name string) []*conllu.Sentence {
	t.Helper()
	path := filepath.Join(udDir, name)
	f, err := os.Open(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("treebank: %v", err)
		}
		t.Skipf("treebank not here: %v", err)
	}
	defer f.Close()
	ss, err := conllu.ReadAll(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

// rebuild joins the "# text" of the sentences of each document: a space
// between sentences of a paragraph, a blank line between paragraphs (or
// only between documents when the file marks no paragraphs). Words are
// placed by their forms; a multi-word token whose words do not spell it
// ("won't" is not "wo"+"n't" in every treebank) is one gold span. It
// returns the documents and the number of words it could not place.
func rebuild(ss []*conllu.Sentence) ([]goldDoc, int) {
	hasPar := false
	for _, s := range ss {
		hasPar = hasPar || newpar(s)
	}
	var docs []goldDoc
	var b strings.Builder
	lost := 0
	for _, s := range ss {
		if newdoc(s) || len(docs) == 0 {
			if len(docs) > 0 {
				docs[len(docs)-1].text = b.String()
			}
			docs = append(docs, goldDoc{id: s.Comment("newdoc id")})
			b.Reset()
		}
		d := &docs[len(docs)-1]
		if b.Len() > 0 {
			if hasPar && newpar(s) {
				b.WriteString("\n\n")
			} else {
				b.WriteString(" ")
			}
		}
		text := s.Comment("text")
		base := b.Len()
		b.WriteString(text)
		d.sents = append(d.sents, span{base, base + len(text)})
		lost += placeWords(d, s, text, base)
	}
	if len(docs) > 0 {
		docs[len(docs)-1].text = b.String()
	}
	return docs, lost
}

// newdoc and newpar report the comments that open a document and a
// paragraph, bare or with an id.
func newdoc(s *conllu.Sentence) bool { return s.HasComment("newdoc") || s.HasComment("newdoc id") }
func newpar(s *conllu.Sentence) bool { return s.HasComment("newpar") || s.HasComment("newpar id") }

// placeWords appends the spans of the words of s, whose text starts at base.
func placeWords(d *goldDoc, s *conllu.Sentence, text string, base int) int {
	p, ri, lost := 0, 0, 0
	skip := func() {
		for p < len(text) && unicode.IsSpace(rune(text[p])) {
			p++
		}
	}
	for i := 0; i < len(s.Tokens); i++ {
		skip()
		if ri < len(s.Ranges) && s.Ranges[ri].From == s.Tokens[i].ID {
			r := s.Ranges[ri]
			ri++
			if !strings.HasPrefix(text[p:], r.Form) {
				lost += r.To - r.From + 1
				i += r.To - r.From
				continue
			}
			var parts []string
			for k := r.From; k <= r.To && k-1 < len(s.Tokens); k++ {
				parts = append(parts, s.Tokens[k-1].Form)
			}
			if strings.EqualFold(strings.Join(parts, ""), r.Form) {
				q := p
				for _, w := range parts {
					d.words = append(d.words, span{base + q, base + q + len(w)})
					q += len(w)
				}
			} else {
				d.words = append(d.words, span{base + p, base + p + len(r.Form)})
			}
			p += len(r.Form)
			i += r.To - r.From
			continue
		}
		f := s.Tokens[i].Form
		if !strings.HasPrefix(text[p:], f) {
			lost++
			continue
		}
		d.words = append(d.words, span{base + p, base + p + len(f)})
		p += len(f)
	}
	return lost
}

// score is precision, recall and F1 of predicted spans against gold ones.
type score struct{ tp, pred, gold int }

func (s *score) add(gold, pred []span) (missed, extra []span) {
	g := make(map[span]bool, len(gold))
	for _, x := range gold {
		g[x] = true
	}
	p := make(map[span]bool, len(pred))
	for _, x := range pred {
		p[x] = true
		if g[x] {
			s.tp++
		} else {
			extra = append(extra, x)
		}
	}
	for _, x := range gold {
		if !p[x] {
			missed = append(missed, x)
		}
	}
	s.pred += len(pred)
	s.gold += len(gold)
	return missed, extra
}

func (s score) f1() float64 {
	if s.pred+s.gold == 0 {
		return 0
	}
	return 2 * float64(s.tp) / float64(s.pred+s.gold)
}

func (s score) String() string {
	return fmt.Sprintf("P %.4f R %.4f F1 %.4f", float64(s.tp)/float64(max(1, s.pred)),
		float64(s.tp)/float64(max(1, s.gold)), s.f1())
}

// TestTreebank measures sentence and token F1 of Split on the raw text of
// the test treebanks, and logs the same sentence F1 for extract.Split, the
// splitter the rule extractor used before this package.
func TestTreebank(t *testing.T) {
	for _, tc := range []struct {
		file            string
		sentBar, tokBar float64
	}{
		{"en_ewt-ud-test.conllu", 0.84, 0.99},
		{"en_gum-ud-test.conllu", 0.95, 0.99},
		{"en_ewt-ud-dev.conllu", 0.85, 0.985},
		{"en_gum-ud-dev.conllu", 0.94, 0.99},
	} {
		t.Run(tc.file, func(t *testing.T) {
			docs, lost := rebuild(readTreebank(t, tc.file))
			var sents, toks, old score
			shown := 0
			for _, d := range docs {
				var ps, pt []span
				for _, s := range token.Split(d.text) {
					ps = append(ps, span{s.Start, s.End})
					for _, w := range s.Tokens {
						pt = append(pt, span{w.Start, w.End})
					}
				}
				missed, extra := sents.add(d.sents, ps)
				if shown < *diff {
					for _, m := range missed {
						t.Logf("missed sentence %q", d.text[m.start:m.end])
						shown++
					}
					for _, m := range extra {
						t.Logf("extra sentence %q", d.text[m.start:m.end])
						shown++
					}
				}
				missed, extra = toks.add(d.words, pt)
				if shown < *diff {
					for _, m := range missed {
						t.Logf("missed token %q in %q", d.text[m.start:m.end], around(d.text, m))
						shown++
					}
					for _, m := range extra {
						t.Logf("extra token %q in %q", d.text[m.start:m.end], around(d.text, m))
						shown++
					}
				}
				var po []span
				for _, s := range extract.Split(d.text, nil) {
					po = append(po, span{s.Start, s.End})
				}
				old.add(d.sents, po)
			}
			t.Logf("%s: %d documents, %d words not placed", tc.file, len(docs), lost)
			t.Logf("token.Split sentences %v", sents)
			t.Logf("token.Split tokens    %v", toks)
			t.Logf("extract.Split sentences %v", old)
			if got := sents.f1(); got < tc.sentBar {
				t.Errorf("sentence F1 = %.4f, want at least %.2f", got, tc.sentBar)
			}
			if got := toks.f1(); got < tc.tokBar {
				t.Errorf("token F1 = %.4f, want at least %.2f", got, tc.tokBar)
			}
		})
	}
}

func around(text string, m span) string {
	a, b := max(0, m.start-30), min(len(text), m.end+30)
	return text[a:b]
}
