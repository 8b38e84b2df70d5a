package ner

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/kgtool/kg/extract/conllu"
	"github.com/kgtool/kg/extract/tag"
	"github.com/kgtool/kg/schema"
)

// toy is a small invented training set: "Name Name verb ..." patterns with
// organisations after "at" and places after "in".
func toy() []Sentence {
	sp := func(s, e int, l string) conllu.Span { return conllu.Span{Start: s, End: e, Label: l} }
	mk := func(text, upos string, spans ...conllu.Span) Sentence {
		return Sentence{Words: strings.Fields(text), UPOS: strings.Fields(upos), Spans: spans}
	}
	var out []Sentence
	for _, n := range [][2]string{{"Jane", "Smith"}, {"Tom", "Jones"}, {"Ann", "Lee"}, {"Raj", "Patel"}} {
		out = append(out,
			mk(n[0]+" "+n[1]+" works at Acme Corp in Leeds .", "PROPN PROPN VERB ADP PROPN PROPN ADP PROPN PUNCT",
				sp(0, 2, "PER"), sp(4, 6, "ORG"), sp(7, 8, "LOC")),
			// Titles are not part of a name (Universal NER's convention).
			mk("Dr "+n[1]+" left the Ministry of Justice .", "PROPN PROPN VERB DET PROPN ADP PROPN PUNCT",
				sp(1, 2, "PER"), sp(4, 7, "ORG")),
			mk("she lives in York now .", "PRON VERB ADP PROPN ADV PUNCT", sp(3, 4, "LOC")),
		)
	}
	return out
}

func TestTrainSameBytes(t *testing.T) {
	g := NewGazetteer(schema.MustLoadDefault())
	o := tag.Options{Epochs: 3, Seed: 7}
	a, err := TrainWith(toy(), o, g).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	b, err := TrainWith(toy(), o, g).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("two trainings on the same data gave different bytes (%d and %d long)", len(a), len(b))
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	g := NewGazetteer(schema.MustLoadDefault())
	for _, gz := range []*Gazetteer{nil, g} {
		m := TrainWith(toy(), tag.Options{Epochs: 3, Seed: 1}, gz)
		data, err := m.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Model
		if err := back.UnmarshalBinary(data); err != nil {
			t.Fatalf("UnmarshalBinary: %v", err)
		}
		again, err := back.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, again) {
			t.Errorf("gazetteer %v: bytes changed over a round trip", gz != nil)
		}
		r1, r2 := m.NewRecognizer(g), back.NewRecognizer(g)
		for _, s := range toy() {
			if got, want := r2.Entities(s.Words, s.UPOS), r1.Entities(s.Words, s.UPOS); !reflect.DeepEqual(got, want) {
				t.Errorf("decoded model: Entities(%q) = %v, want %v", s.Words, got, want)
			}
		}
	}
}

func TestUnmarshalCorrupt(t *testing.T) {
	good, err := TrainWith(toy(), tag.Options{Epochs: 1, Seed: 1}, nil).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrCorrupt},
		{"other magic", []byte("KGTAG1xxxx"), ErrCorrupt},
		{"bad flag", append([]byte(magic), 7), ErrCorrupt},
		{"truncated tagger", good[:len(magic)+10], tag.ErrCorrupt},
	}
	for _, tt := range tests {
		var m Model
		if err := m.UnmarshalBinary(tt.data); !errors.Is(err, tt.want) {
			t.Errorf("%s: UnmarshalBinary error = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestRecognizerLearnsToy(t *testing.T) {
	g := NewGazetteer(schema.MustLoadDefault())
	m := TrainWith(toy(), tag.Options{Epochs: 5, Seed: 1}, g)
	r := m.NewRecognizer(g)
	var gold, pred [][]conllu.Span
	for _, s := range toy() {
		gold = append(gold, s.Spans)
		pred = append(pred, r.Entities(s.Words, s.UPOS))
	}
	if f := Score(gold, pred)["all"].F1; f < 0.99 {
		t.Errorf("F1 on the training sentences = %.3f, want 1", f)
	}
	if got := r.Entities(nil, nil); got != nil {
		t.Errorf("Entities(nil) = %v, want nil", got)
	}
	// Without parts of speech or gazetteer the recogniser still answers.
	words := strings.Fields("Tom Jones works at Acme Corp in Leeds .")
	if got := m.NewRecognizer(nil).Entities(words, nil); len(got) == 0 {
		t.Errorf("Entities(%q) without tags or gazetteer found nothing", words)
	}
}

func TestCapitalRuns(t *testing.T) {
	tests := []struct {
		sentence string
		want     []run
	}{
		{"the United States Court of Appeals ruled", []run{{1, 6}}},
		// "and" joins names too ("Institute of History and Philology").
		{"Procter & Gamble and Unilever", []run{{0, 5}}},
		{"Procter & Gamble sold Unilever", []run{{0, 3}, {4, 5}}},
		{"in the Bank of England .", []run{{2, 5}}},
		{"Bank of the", []run{{0, 1}}},
		{"no capitals here", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := capitalRuns(strings.Fields(tt.sentence), nil); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("capitalRuns(%q) = %v, want %v", tt.sentence, got, tt.want)
		}
	}
}

func TestTrimTitles(t *testing.T) {
	g := NewGazetteer(schema.MustLoadDefault())
	for _, tc := range []struct {
		words string
		span  conllu.Span
		want  string
	}{
		{"Justice Secretary Jane Doe said", conllu.Span{Start: 0, End: 4, Label: "PER"}, "Jane Doe"},
		{"Dr Ann Lee agreed", conllu.Span{Start: 0, End: 3, Label: "PER"}, "Ann Lee"},
		{"Chief Executive Sam Roe resigned", conllu.Span{Start: 0, End: 4, Label: "PER"}, "Sam Roe"},
		{"Jane Doe said", conllu.Span{Start: 0, End: 2, Label: "PER"}, "Jane Doe"},
		{"the Justice Secretary said", conllu.Span{Start: 1, End: 3, Label: "PER"}, "Justice Secretary"},
		{"Secretary of State Ann Lee", conllu.Span{Start: 0, End: 5, Label: "ORG"}, "Secretary of State Ann Lee"},
	} {
		words := strings.Fields(tc.words)
		got := g.TrimTitles(words, []conllu.Span{tc.span})
		if s := strings.Join(words[got[0].Start:got[0].End], " "); s != tc.want {
			t.Errorf("TrimTitles(%q, %v) = %q, want %q", tc.words, tc.span, s, tc.want)
		}
	}
}
