package tag

import (
	"os"
	"testing"
	"time"

	"github.com/kgtool/kg/extract/conllu"
	"github.com/kgtool/kg/extract/perceptron"
)

func loadS(t testing.TB, path string) []*conllu.Sentence {
	f, err := os.Open(path)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	ss, err := conllu.ReadAll(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

func ex(ss []*conllu.Sentence, tagOf func(conllu.Token) string, extra func(i int, s *conllu.Sentence) [][]uint64) []Example {
	var out []Example
	for k, s := range ss {
		var e Example
		for _, tok := range s.Tokens {
			e.Words = append(e.Words, tok.Form)
			e.Tags = append(e.Tags, tagOf(tok))
		}
		if extra != nil {
			e.Extra = extra(k, s)
		}
		out = append(out, e)
	}
	return out
}

func predict(m *Model, e Example) []string {
	out := make([]int, len(e.Words))
	m.NewTagger().Tag(e.Words, e.Extra, out)
	r := make([]string, len(out))
	for i, c := range out {
		r[i] = m.classes[c]
	}
	return r
}

func extrasOf(tags []string, prefix string) [][]uint64 {
	x := make([][]uint64, len(tags))
	for i, t := range tags {
		x[i] = []uint64{perceptron.HashString(prefix + t)}
		if i+2 < len(tags) {
			x[i] = append(x[i], perceptron.HashString(prefix+"+2"+tags[i+2]))
		}
	}
	return x
}

func TestExperiment3(t *testing.T) {
	if os.Getenv("KG_EXP3") == "" {
		t.Skip()
	}
	ud := "../../../shared/ud/"
	train := append(loadS(t, ud+"en_ewt-ud-train.conllu"), loadS(t, ud+"en_gum-ud-train.conllu")...)
	if os.Getenv("KG_EXP_DEV") != "" {
		train = append(train, loadS(t, ud+"en_ewt-ud-dev.conllu")...)
		train = append(train, loadS(t, ud+"en_gum-ud-dev.conllu")...)
	}
	upos := func(tok conllu.Token) string { return tok.UPOS }
	xpos := func(tok conllu.Token) string { return tok.XPOS }
	o := Options{Epochs: 12, Seed: 1}
	start := time.Now()
	u1 := Train(ex(train, upos, nil), o)
	// jackknifed U1 predictions on training data (2 folds)
	jk := make([][]string, len(train))
	for f := 0; f < 2; f++ {
		var part []*conllu.Sentence
		for i, s := range train {
			if i%2 != f {
				part = append(part, s)
			}
		}
		m := Train(ex(part, upos, nil), o)
		for i, e := range ex(train, upos, nil) {
			if i%2 == f {
				jk[i] = predict(m, e)
			}
		}
	}
	u2 := Train(ex(train, upos, func(i int, s *conllu.Sentence) [][]uint64 { return extrasOf(jk[i], "U") }), o)
	x2 := Train(ex(train, xpos, func(i int, s *conllu.Sentence) [][]uint64 { return extrasOf(jk[i], "U") }), o)
	t.Logf("trained in %v", time.Since(start))
	for _, f := range []string{"en_ewt-ud-test.conllu", "en_gum-ud-test.conllu"} {
		test := loadS(t, ud+f)
		n, a1, a2, ax := 0, 0, 0, 0
		for _, e := range ex(test, upos, nil) {
			p1 := predict(u1, e)
			e2 := e
			e2.Extra = extrasOf(p1, "U")
			p2 := predict(u2, e2)
			px := predict(x2, e2)
			for i := range e.Words {
				n++
				if p1[i] == e.Tags[i] {
					a1++
				}
				if p2[i] == e.Tags[i] {
					a2++
				}
			}
			_ = px
		}
		for k, e := range ex(test, xpos, nil) {
			_ = k
			p1 := predict(u1, e)
			e2 := e
			e2.Extra = extrasOf(p1, "U")
			px := predict(x2, e2)
			for i := range e.Words {
				if px[i] == e.Tags[i] {
					ax++
				}
			}
		}
		t.Logf("%s: UPOS pass1 %.4f pass2 %.4f XPOS(jk U) %.4f", f, float64(a1)/float64(n), float64(a2)/float64(n), float64(ax)/float64(n))
	}
}
