package analysis

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/kgtool/kg/extract/conllu"
	"github.com/kgtool/kg/extract/ner"
	"github.com/kgtool/kg/schema"
)

const ud = "../../../shared/ud"

// needUD skips when the treebanks are absent, except in CI, where their
// absence is a failure.
func needUD(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(ud, EWTTest)); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("treebanks missing in CI: %v", err)
		}
		t.Skipf("no treebanks: %v", err)
	}
}

var shipped = sync.OnceValues(Default)

func analyzer(t testing.TB) *Analyser {
	t.Helper()
	m, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	return m.NewAnalyser(ner.NewGazetteer(schema.MustLoadDefault()))
}

func readGold(t testing.TB, name string) []*conllu.Sentence {
	t.Helper()
	ss, err := readConllu(filepath.Join(ud, name), 0)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

// TestShippedModelAccuracy holds the embedded model to bars on the
// held-out test splits (gold tokenisation, predicted tags), so a weaker
// model cannot land. The bars sit just under what the shipped model
// reaches; the issue asks for UPOS 0.955, UAS 0.87 and LAS 0.84 on EWT, and
// the EWT bars move up to those as the model does.
func TestShippedModelAccuracy(t *testing.T) {
	needUD(t)
	a := analyzer(t)
	for _, tc := range []struct {
		file           string
		upos, uas, las float64
	}{
		{EWTTest, 0.955, 0.862, 0.834},
		{GUMTest, 0.96, 0.846, 0.816},
	} {
		s := a.Evaluate(readGold(t, tc.file))
		t.Logf("%s: UPOS %.4f XPOS %.4f lemma %.4f UAS %.4f LAS %.4f (%d sentences, %d tokens)",
			tc.file, s.UPOS, s.XPOS, s.Lemma, s.UAS, s.LAS, s.Sentences, s.Tokens)
		if s.UPOS < tc.upos || s.UAS < tc.uas || s.LAS < tc.las {
			t.Errorf("%s: UPOS %.4f, UAS %.4f, LAS %.4f; want at least %.3f, %.3f, %.3f",
				tc.file, s.UPOS, s.UAS, s.LAS, tc.upos, tc.uas, tc.las)
		}
	}
}

// TestShippedModelEntities holds the entity tagger to bars just under what
// the shipped model reaches (the goal is 0.80 F1 for people and
// organisations, which it does not reach yet).
func TestShippedModelEntities(t *testing.T) {
	needUD(t)
	a := analyzer(t)
	gum, err := ner.ReadGUM(filepath.Join(ud, GUMTest))
	if err != nil {
		t.Fatal(err)
	}
	uner, err := ner.ReadUNER(filepath.Join(ud, UNERTest))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		gold     []ner.Sentence
		per, org float64
	}{
		{"GUM test", gum, 0.51, 0.49},
		{"UNER test", uner, 0.67, 0.33},
	} {
		s := a.EvaluateEntities(tc.gold)
		t.Logf("%s: PER %.3f ORG %.3f LOC %.3f all %.3f", tc.name, s["PER"].F1, s["ORG"].F1, s["LOC"].F1, s["all"].F1)
		if s["PER"].F1 < tc.per || s["ORG"].F1 < tc.org {
			t.Errorf("%s: PER F1 %.3f, ORG F1 %.3f; want at least %.2f, %.2f", tc.name, s["PER"].F1, s["ORG"].F1, tc.per, tc.org)
		}
	}
}

// TestAnalyseInvariants checks what every consumer relies on, on invented
// text: offsets that give back the form, one root per sentence, heads
// inside the sentence, entity spans over the tokens they cover.
func TestAnalyseInvariants(t *testing.T) {
	a := analyzer(t)
	text := "Justice Secretary Jane Doe criticised Acme Services Ltd on Monday. \"The contracts, worth £3.7bn, were a failure,\" she said.\n\nThe union didn't agree."
	sents := a.Analyse(text)
	if len(sents) != 3 {
		t.Fatalf("%d sentences, want 3", len(sents))
	}
	for _, s := range sents {
		roots := 0
		for i, tok := range s.Tokens {
			if text[tok.Start:tok.End] != tok.Form {
				t.Errorf("token %q at %d:%d reads %q", tok.Form, tok.Start, tok.End, text[tok.Start:tok.End])
			}
			if tok.Head < 0 || tok.Head > len(s.Tokens) || tok.Head == i+1 {
				t.Errorf("token %q has head %d", tok.Form, tok.Head)
			}
			if tok.Head == 0 {
				roots++
			}
			if tok.UPOS == "" || tok.XPOS == "" || tok.Lemma == "" || tok.Deprel == "" {
				t.Errorf("token %q lacks an analysis: %+v", tok.Form, tok)
			}
		}
		if roots != 1 {
			t.Errorf("sentence %q has %d roots", text[s.Start:s.End], roots)
		}
		for _, e := range s.Entities {
			if e.Bytes.Start != s.Tokens[e.Start].Start || e.Bytes.End != s.Tokens[e.End-1].End {
				t.Errorf("entity %+v: span does not cover its tokens", e)
			}
		}
	}
	var per []string
	for _, e := range sents[0].Entities {
		if e.Label == "PER" {
			per = append(per, text[e.Bytes.Start:e.Bytes.End])
		}
	}
	if len(per) != 1 || per[0] != "Jane Doe" {
		t.Errorf("people in %q: %q, want [Jane Doe]", text[sents[0].Start:sents[0].End], per)
	}
	forms := []string{}
	for _, tok := range sents[2].Tokens {
		forms = append(forms, tok.Form)
	}
	if got := strings.Join(forms, " "); got != "The union did n't agree ." {
		t.Errorf("tokens %q, want %q", got, "The union did n't agree .")
	}
}

// TestTrainSameBytes trains on a small slice twice: the bytes must match.
func TestTrainSameBytes(t *testing.T) {
	needUD(t)
	o := TrainOptions{Dir: ud, Seed: 3, Limit: 60, TagEpochs: 2, ParseEpochs: 2, NEREpochs: 2, Folds: 2}
	enc := func() []byte {
		m, err := Train(o)
		if err != nil {
			t.Fatal(err)
		}
		b, err := m.Encode()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b := enc(), enc()
	if !bytes.Equal(a, b) {
		t.Fatalf("two trainings gave different models (%d and %d bytes)", len(a), len(b))
	}
	m, err := Decode(a)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := m.Encode(); !bytes.Equal(a, again) {
		t.Error("decode then encode changed the bytes")
	}
}

// TestSharedModel runs analysers on one Model from several goroutines:
// under -race (make race) it proves the Model is only read.
func TestSharedModel(t *testing.T) {
	m, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	text := "The union criticised the Ministry of Justice. Its chief executive, Jane Doe, said the contracts had failed."
	want := m.NewAnalyser(nil).Analyse(text)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := m.NewAnalyser(nil)
			for i := 0; i < 20; i++ {
				got := a.Analyse(text)
				if len(got) != len(want) || len(got[1].Tokens) != len(want[1].Tokens) || got[1].Tokens[3].Head != want[1].Tokens[3].Head {
					t.Errorf("goroutine analysis differs from the first")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestDecodeCorrupt(t *testing.T) {
	m, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	good, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("KGLANG1\n"),
		"truncated": good[:len(good)/2],
	} {
		if _, err := Decode(b); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", name, err)
		}
	}
}

func TestEmbeddedModelSize(t *testing.T) {
	if n := EmbeddedSize(); n > 25<<20 {
		t.Errorf("embedded model is %d bytes, over the 25 MB the issue allows", n)
	}
}
