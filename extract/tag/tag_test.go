package tag

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func examples(lines ...string) []Example {
	var out []Example
	for _, l := range lines {
		var ex Example
		for _, wt := range strings.Fields(l) {
			w, t, _ := strings.Cut(wt, "/")
			ex.Words = append(ex.Words, w)
			ex.Tags = append(ex.Tags, t)
		}
		out = append(out, ex)
	}
	return out
}

var posData = examples(
	"The/DET inspectors/NOUN criticised/VERB the/DET contract/NOUN",
	"A/DET union/NOUN won/VERB the/DET vote/NOUN",
	"The/DET ministry/NOUN awarded/VERB contracts/NOUN",
	"Auditors/NOUN blasted/VERB the/DET reforms/NOUN",
)

func tagAll(m *Model, words []string, extra [][]uint64) []string {
	out := make([]int, len(words))
	m.NewTagger().Tag(words, extra, out)
	names := make([]string, len(words))
	for i, c := range out {
		names[i] = m.Classes()[c]
	}
	return names
}

func TestTagLearnsFromContextAndSuffixes(t *testing.T) {
	m := Train(posData, Options{Epochs: 10, Seed: 1})
	for _, tc := range []struct{ in, want string }{
		{"The inspectors criticised the contract", "DET NOUN VERB DET NOUN"},
		// Unseen words: the suffix -ed and the position say VERB and NOUN.
		{"The regulators condemned the deal", "DET NOUN VERB DET NOUN"},
	} {
		got := strings.Join(tagAll(m, strings.Fields(tc.in), nil), " ")
		if got != tc.want {
			t.Errorf("Tag(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestIOBConstraint(t *testing.T) {
	data := examples(
		"Tim/B-PER Roache/I-PER said/O so/O",
		"The/O GMB/B-ORG union/O agreed/O",
		"Sodexo/B-ORG won/O",
	)
	m := Train(data, Options{Epochs: 5, Seed: 1})
	if !m.iob {
		t.Fatal("IOB2 classes not recognised")
	}
	for _, in := range []string{"Roache said", "union Roache Roache", "said said Tim"} {
		tags := tagAll(m, strings.Fields(in), nil)
		for i, tg := range tags {
			if strings.HasPrefix(tg, "I-") && (i == 0 || tags[i-1][2:] != tg[2:] || tags[i-1] == "O") {
				t.Errorf("Tag(%q) = %v: %s at %d follows no span of its type", in, tags, tg, i)
			}
		}
	}
}

func TestExtraFeaturesAreUsed(t *testing.T) {
	// The words say nothing; only the extra value tells the class.
	var data []Example
	for i := 0; i < 20; i++ {
		data = append(data, Example{Words: []string{"x", "x"}, Extra: [][]uint64{{1}, {2}}, Tags: []string{"A", "B"}})
		data = append(data, Example{Words: []string{"x", "x"}, Extra: [][]uint64{{2}, {1}}, Tags: []string{"B", "A"}})
	}
	m := Train(data, Options{Epochs: 5, Seed: 1})
	if got := tagAll(m, []string{"x", "x"}, [][]uint64{{2}, {1}}); !reflect.DeepEqual(got, []string{"B", "A"}) {
		t.Errorf("Tag with extras 2,1 = %v, want [B A]", got)
	}
}

func TestMarshalDeterministicAndRoundTrip(t *testing.T) {
	o := Options{Epochs: 4, Seed: 3, DictShare: 0.9, DictMin: 1}
	a, _ := Train(posData, o).MarshalBinary()
	b, _ := Train(posData, o).MarshalBinary()
	if !bytes.Equal(a, b) {
		t.Fatal("same data and seed gave different bytes")
	}
	var m Model
	if err := m.UnmarshalBinary(a); err != nil {
		t.Fatal(err)
	}
	if c, _ := m.MarshalBinary(); !bytes.Equal(a, c) {
		t.Error("decode then encode changed the bytes")
	}
	got := tagAll(&m, strings.Fields("The union won"), nil)
	if want := []string{"DET", "NOUN", "VERB"}; !reflect.DeepEqual(got, want) {
		t.Errorf("decoded model tags %v, want %v", got, want)
	}
	for _, bad := range [][]byte{nil, []byte("KGTAG1"), a[:len(a)-3]} {
		if err := m.UnmarshalBinary(bad); !errors.Is(err, ErrCorrupt) {
			t.Errorf("UnmarshalBinary(%d bytes): err = %v, want ErrCorrupt", len(bad), err)
		}
	}
}

func TestShape(t *testing.T) {
	for in, want := range map[string]string{"McDonald": "XxXxx", "£3.7bn": "£d.dxx", "GMB": "XX", "1990s": "ddx", "": ""} {
		if got := shape(in); got != want {
			t.Errorf("shape(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzUnmarshal(f *testing.F) {
	good, _ := Train(posData, Options{Epochs: 2, Seed: 1}).MarshalBinary()
	f.Add(good)
	f.Fuzz(func(t *testing.T, b []byte) {
		var m Model
		if m.UnmarshalBinary(b) != nil {
			return
		}
		out := make([]int, 2)
		m.NewTagger().Tag([]string{"a", "b"}, nil, out)
	})
}
