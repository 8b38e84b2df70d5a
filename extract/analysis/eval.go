package analysis

import (
	"github.com/kgtool/kg/extract/conllu"
	"github.com/kgtool/kg/extract/ner"
)

// Scores are the standard measures of a tagger and parser on a treebank,
// with its tokenisation given (gold words) and the tags predicted. Every
// word counts, punctuation included, as in the CoNLL 2018 evaluation.
type Scores struct {
	UPOS      float64 `json:"upos"`
	XPOS      float64 `json:"xpos"`
	Lemma     float64 `json:"lemma"`
	UAS       float64 `json:"uas"`
	LAS       float64 `json:"las"`
	Sentences int     `json:"sentences"`
	Tokens    int     `json:"tokens"`
}

// Evaluate analyses the words of each gold sentence and scores the result.
func (a *Analyser) Evaluate(gold []*conllu.Sentence) Scores {
	var s Scores
	var upos, xpos, lem, uas, las int
	words := []string{}
	for _, g := range gold {
		words = words[:0]
		for _, t := range g.Tokens {
			words = append(words, t.Form)
		}
		p := a.Words(words)
		s.Sentences++
		for i, t := range g.Tokens {
			pt := p.Tokens[i]
			s.Tokens++
			if pt.UPOS == t.UPOS {
				upos++
			}
			if pt.XPOS == t.XPOS {
				xpos++
			}
			if pt.Lemma == t.Lemma {
				lem++
			}
			if pt.Head == t.Head {
				uas++
				if pt.Deprel == t.Deprel {
					las++
				}
			}
		}
	}
	if s.Tokens > 0 {
		n := float64(s.Tokens)
		s.UPOS, s.XPOS, s.Lemma = float64(upos)/n, float64(xpos)/n, float64(lem)/n
		s.UAS, s.LAS = float64(uas)/n, float64(las)/n
	}
	return s
}

// EvaluateEntities tags the words of each gold sentence (parts of speech
// predicted, as in use) and scores the entity spans found against the gold
// spans: exact match of start, end and label.
func (a *Analyser) EvaluateEntities(gold []ner.Sentence) map[string]ner.PRF {
	var want, got [][]conllu.Span
	for _, g := range gold {
		p := a.Words(g.Words)
		want = append(want, g.Spans)
		got = append(got, p.Spans())
	}
	return ner.Score(want, got)
}
