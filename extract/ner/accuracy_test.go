package ner

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kgtool/kg/extract/conllu"
	"github.com/kgtool/kg/extract/tag"
	"github.com/kgtool/kg/schema"
)

// ud is where the treebanks live, relative to this package.
const ud = "../../../shared/ud/"

// trainOptions are the settings the accuracy bars were measured with.
var trainOptions = tag.Options{Epochs: 6, Seed: 1}

// bars are the lowest F1 the full model may score, a little below what it
// reached when they were set (see the commit that set them).
// The sets ending in "-noupos" are scored without parts of speech, which
// the model learns to do without (see dropShare).
var bars = []struct {
	set, label string
	f1         float64
}{
	{"gum-test", "PER", 0.57},
	{"gum-test", "ORG", 0.47},
	{"uner-test", "PER", 0.69},
	{"uner-test", "ORG", 0.37},
	{"gum-test-noupos", "all", 0.48},
	{"uner-test-noupos", "all", 0.51},
}

// TestAccuracy trains on GUM train and UNER dev, with and without the
// gazetteer of the default vocabulary, and scores GUM test and UNER test
// with gold parts of speech and with none. It skips when the treebanks are missing,
// except under CI=true, and under -short.
func TestAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("trains the full model")
	}
	d := loadData(t)
	train := append(append([]Sentence{}, d.gumTrain...), d.unerDev...)
	sets := []struct {
		name string
		ss   []Sentence
	}{{"gum-test", d.gumTest}, {"uner-test", d.unerTest},
		{"gum-test-noupos", noUPOS(d.gumTest)}, {"uner-test-noupos", noUPOS(d.unerTest)}}
	g := NewGazetteer(schema.MustLoadDefault())
	for _, gz := range []*Gazetteer{g, nil} {
		start := time.Now()
		m := TrainWith(train, trainOptions, gz)
		took := time.Since(start)
		data, err := m.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("gazetteer %v: trained in %v, %d bytes", gz != nil, took.Round(time.Millisecond), len(data))
		for _, set := range sets {
			sc := evaluate(m, gz, set.ss)
			t.Logf("  %-16s %s", set.name, formatScores(sc))
			if gz == nil {
				continue
			}
			for _, b := range bars {
				if b.set == set.name && sc[b.label].F1 < b.f1 {
					t.Errorf("%s %s F1 = %.3f, want at least %.2f", b.set, b.label, sc[b.label].F1, b.f1)
				}
			}
		}
	}
}

func noUPOS(ss []Sentence) []Sentence {
	out := make([]Sentence, len(ss))
	for i, s := range ss {
		out[i] = Sentence{Words: s.Words, Spans: s.Spans}
	}
	return out
}

type data struct {
	gumTrain, unerDev, gumTest, unerTest []Sentence
}

func loadData(t testing.TB) data {
	t.Helper()
	if _, err := os.Stat(ud); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("treebanks missing under CI=true: %v", err)
		}
		t.Skipf("treebanks missing: %v", err)
	}
	var d data
	var err error
	if d.gumTrain, err = ReadGUM(ud + "en_gum-ud-train.conllu"); err != nil {
		t.Fatal(err)
	}
	if d.gumTest, err = ReadGUM(ud + "en_gum-ud-test.conllu"); err != nil {
		t.Fatal(err)
	}
	if d.unerDev, err = ReadUNER(ud+"en_ewt-uner-dev.iob2", ud+"en_ewt-ud-dev.conllu"); err != nil {
		t.Fatal(err)
	}
	if d.unerTest, err = ReadUNER(ud+"en_ewt-uner-test.iob2", ud+"en_ewt-ud-test.conllu"); err != nil {
		t.Fatal(err)
	}
	return d
}

func evaluate(m *Model, g *Gazetteer, ss []Sentence) map[string]PRF {
	r := m.NewRecognizer(g)
	var gold, pred [][]conllu.Span
	for _, s := range ss {
		gold = append(gold, s.Spans)
		pred = append(pred, r.Entities(s.Words, s.UPOS))
	}
	return Score(gold, pred)
}

func formatScores(sc map[string]PRF) string {
	var b strings.Builder
	for _, l := range []string{"PER", "ORG", "LOC", "all"} {
		s := sc[l]
		fmt.Fprintf(&b, "%s %.3f (P %.3f R %.3f of %d)  ", l, s.F1, s.Precision, s.Recall, s.Gold)
	}
	return b.String()
}
