package ner

import "github.com/kgtool/kg/extract/conllu"

// PRF is precision, recall and F1 over entity spans, with the counts they
// come from.
type PRF struct {
	Precision, Recall, F1    float64
	Gold, Predicted, Correct int
}

// Score compares predicted spans with gold ones, sentence by sentence: a
// span is correct when a gold span has the same start, end and label. The
// result has an entry per label seen in either, and "all".
func Score(gold, pred [][]conllu.Span) map[string]PRF {
	out := map[string]PRF{"all": {}}
	add := func(label string, g, p, c int) {
		for _, l := range []string{label, "all"} {
			s := out[l]
			s.Gold += g
			s.Predicted += p
			s.Correct += c
			out[l] = s
		}
	}
	for k := range max(len(gold), len(pred)) {
		var gs, ps []conllu.Span
		if k < len(gold) {
			gs = gold[k]
		}
		if k < len(pred) {
			ps = pred[k]
		}
		want := map[conllu.Span]int{}
		for _, g := range gs {
			want[g]++
			add(g.Label, 1, 0, 0)
		}
		for _, p := range ps {
			c := 0
			if want[p] > 0 {
				want[p]--
				c = 1
			}
			add(p.Label, 0, 1, c)
		}
	}
	for l, s := range out {
		if s.Predicted > 0 {
			s.Precision = float64(s.Correct) / float64(s.Predicted)
		}
		if s.Gold > 0 {
			s.Recall = float64(s.Correct) / float64(s.Gold)
		}
		if s.Precision+s.Recall > 0 {
			s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
		}
		out[l] = s
	}
	return out
}
