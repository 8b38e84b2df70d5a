package ner

import (
	"math"
	"testing"

	"github.com/kgtool/kg/extract/conllu"
)

func TestScore(t *testing.T) {
	sp := func(s, e int, l string) conllu.Span { return conllu.Span{Start: s, End: e, Label: l} }
	gold := [][]conllu.Span{
		{sp(0, 2, "PER"), sp(4, 5, "ORG")},
		{sp(1, 2, "LOC")},
		nil,
	}
	pred := [][]conllu.Span{
		{sp(0, 2, "PER"), sp(4, 6, "ORG")}, // ORG boundary wrong
		{sp(1, 2, "PER")},                  // label wrong
		{sp(3, 4, "LOC")},                  // spurious
	}
	got := Score(gold, pred)
	tests := []struct {
		label                    string
		gold, predicted, correct int
		p, r, f                  float64
	}{
		{"all", 3, 4, 1, 0.25, 1.0 / 3, 2 * 0.25 * (1.0 / 3) / (0.25 + 1.0/3)},
		{"PER", 1, 2, 1, 0.5, 1, 2.0 / 3},
		{"ORG", 1, 1, 0, 0, 0, 0},
		{"LOC", 1, 1, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		s, ok := got[tt.label]
		if !ok {
			t.Errorf("Score has no %q entry", tt.label)
			continue
		}
		if s.Gold != tt.gold || s.Predicted != tt.predicted || s.Correct != tt.correct {
			t.Errorf("Score[%q] counts = %d/%d/%d, want %d/%d/%d", tt.label, s.Gold, s.Predicted, s.Correct, tt.gold, tt.predicted, tt.correct)
		}
		for _, v := range []struct {
			name      string
			got, want float64
		}{{"precision", s.Precision, tt.p}, {"recall", s.Recall, tt.r}, {"F1", s.F1, tt.f}} {
			if math.Abs(v.got-v.want) > 1e-9 {
				t.Errorf("Score[%q] %s = %v, want %v", tt.label, v.name, v.got, v.want)
			}
		}
	}
}

func TestScoreDuplicateSpans(t *testing.T) {
	// A span predicted twice is right once.
	s := conllu.Span{Start: 0, End: 1, Label: "PER"}
	got := Score([][]conllu.Span{{s}}, [][]conllu.Span{{s, s}})["all"]
	if got.Correct != 1 || got.Predicted != 2 {
		t.Errorf("Score of a doubled prediction = %+v, want 1 correct of 2", got)
	}
}

func TestScoreEmpty(t *testing.T) {
	got := Score(nil, nil)
	if s, ok := got["all"]; !ok || s != (PRF{}) {
		t.Errorf("Score(nil, nil) = %v, want a zero \"all\" entry", got)
	}
}
