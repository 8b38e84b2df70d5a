package lemma

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgtool/kg/extract/conllu"
)

// udDir holds the treebanks; it is never copied into the repository.
const udDir = "../../../shared/ud"

// readTreebank reads CoNLL-U files, or skips the test when the treebanks
// are absent (and fails when CI=true, where they must be there).
func readTreebank(t testing.TB, names ...string) []*conllu.Sentence {
	t.Helper()
	var out []*conllu.Sentence
	for _, name := range names {
		path := filepath.Join(udDir, name)
		f, err := os.Open(path)
		if err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("treebank: %v", err)
			}
			t.Skipf("treebank not here: %v", err)
		}
		ss, err := conllu.ReadAll(f, path)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ss...)
	}
	return out
}

// accuracy is the share of words whose lemma m gets right with gold tags.
func accuracy(m *Model, ss []*conllu.Sentence) (float64, int) {
	right, n := 0, 0
	for _, s := range ss {
		for _, t := range s.Tokens {
			n++
			if m.Lemma(t.Form, t.UPOS, t.XPOS) == t.Lemma {
				right++
			}
		}
	}
	return float64(right) / float64(max(n, 1)), n
}

func TestTreebank(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on the full treebanks")
	}
	m := Train(readTreebank(t, "en_ewt-ud-train.conllu", "en_gum-ud-train.conllu"))
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("model: %d exact, %d lower-case, %d rules, %d bytes", len(m.exact), len(m.lower), len(m.rules), len(b))
	for _, tc := range []struct {
		file string
		bar  float64
	}{
		{"en_ewt-ud-dev.conllu", 0.98},
		{"en_gum-ud-dev.conllu", 0.985},
		{"en_ewt-ud-test.conllu", 0.98},
		{"en_gum-ud-test.conllu", 0.985},
	} {
		got, n := accuracy(m, readTreebank(t, tc.file))
		t.Logf("%s: lemma accuracy %.4f over %d words", tc.file, got, n)
		if got < tc.bar {
			t.Errorf("%s: lemma accuracy %.4f, want at least %.3f", tc.file, got, tc.bar)
		}
	}
}

// sample is an invented treebank: enough words for rules per tag to form.
const sample = `# text = The dogs were barking.
1	The	the	DET	DT	_	2	det	_	_
2	dogs	dog	NOUN	NNS	_	4	nsubj	_	_
3	were	be	AUX	VBD	_	4	aux	_	_
4	barking	bark	VERB	VBG	_	0	root	_	_
5	.	.	PUNCT	.	_	4	punct	_	_

# text = Cats and birds were walking and talking.
1	Cats	cat	NOUN	NNS	_	5	nsubj	_	_
2	and	and	CCONJ	CC	_	3	cc	_	_
3	birds	bird	NOUN	NNS	_	1	conj	_	_
4	were	be	AUX	VBD	_	5	aux	_	_
5	walking	walk	VERB	VBG	_	0	root	_	_
6	and	and	CCONJ	CC	_	7	cc	_	_
7	talking	talk	VERB	VBG	_	5	conj	_	_
8	.	.	PUNCT	.	_	5	punct	_	_

# text = I didn't see Mary's mice in Paris.
1	I	I	PRON	PRP	_	4	nsubj	_	_
2	did	do	AUX	VBD	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	see	see	VERB	VB	_	0	root	_	_
5	Mary	Mary	PROPN	NNP	_	7	nmod:poss	_	_
6	's	's	PART	POS	_	5	case	_	_
7	mice	mouse	NOUN	NNS	_	4	obj	_	_
8	in	in	ADP	IN	_	9	case	_	_
9	Paris	Paris	PROPN	NNP	_	4	obl	_	_
10	.	.	PUNCT	.	_	4	punct	_	_

# text = i was there with the Smiths and their hats.
1	i	I	PRON	PRP	_	2	nsubj	_	_
2	was	be	AUX	VBD	_	0	root	_	_
3	there	there	ADV	RB	_	2	advmod	_	_
4	with	with	ADP	IN	_	6	case	_	_
5	the	the	DET	DT	_	6	det	_	_
6	Smiths	Smith	PROPN	NNPS	_	2	obl	_	_
7	and	and	CCONJ	CC	_	9	cc	_	_
8	their	their	PRON	PRP$	_	9	nmod:poss	_	_
9	hats	hat	NOUN	NNS	_	6	conj	_	_
10	.	.	PUNCT	.	_	2	punct	_	_

`

func trainSample(t *testing.T) *Model {
	t.Helper()
	ss, err := conllu.ReadAll(strings.NewReader(sample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	return Train(ss)
}

func TestLemma(t *testing.T) {
	m := trainSample(t)
	for _, tc := range []struct {
		form, upos, xpos, want string
	}{
		{"were", "AUX", "VBD", "be"},            // seen
		{"WERE", "AUX", "VBD", "be"},            // seen in another case
		{"mice", "NOUN", "NNS", "mouse"},        // seen irregular
		{"n't", "PART", "RB", "not"},            // clitic
		{"I", "PRON", "PRP", "I"},               // keeps its case
		{"i", "PRON", "PRP", "I"},               // exact-case table
		{"The", "DET", "DT", "the"},             // lower-cased
		{"Paris", "PROPN", "NNP", "Paris"},      // proper noun keeps its case
		{"London", "PROPN", "NNP", "London"},    // unseen proper noun
		{"cows", "NOUN", "NNS", "cow"},          // unseen: NNS rule strips s
		{"Horses", "NOUN", "NNS", "horse"},      // unseen, capitalised
		{"jumping", "VERB", "VBG", "jump"},      // unseen: -ing rule
		{"Joneses", "PROPN", "NNPS", "Joneses"}, // one NNPS word makes no rule
		{"quickly", "ADV", "RB", "quickly"},     // unseen word of a seen tag
		{"Zorg", "X", "ZZ", "zorg"},             // unseen tag: identity, lower-cased
		{"Zorg", "PROPN", "ZZ", "Zorg"},         // unseen tag, proper noun
		{"", "NOUN", "NN", ""},
	} {
		if got := m.Lemma(tc.form, tc.upos, tc.xpos); got != tc.want {
			t.Errorf("Lemma(%q, %s, %s) = %q, want %q", tc.form, tc.upos, tc.xpos, got, tc.want)
		}
	}
	var zero Model
	if got := zero.Lemma("Dogs", "NOUN", "NNS"); got != "dogs" {
		t.Errorf("zero Model: Lemma(Dogs) = %q, want dogs", got)
	}
}

// TestTrainDeterministic trains twice on the same sentences and compares
// the bytes, and checks that the model survives a round trip.
func TestTrainDeterministic(t *testing.T) {
	var ss []*conllu.Sentence
	if testing.Short() {
		var err error
		if ss, err = conllu.ReadAll(strings.NewReader(sample), "sample"); err != nil {
			t.Fatal(err)
		}
	} else {
		ss = readTreebank(t, "en_ewt-ud-train.conllu")
		ss = ss[:min(len(ss), 3000)]
	}
	a, err := Train(ss).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Train(ss).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatalf("two trainings gave different bytes (%d and %d bytes)", len(a), len(b))
	}
	var m Model
	if err := m.UnmarshalBinary(a); err != nil {
		t.Fatalf("UnmarshalBinary: %v", err)
	}
	c, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, c) {
		t.Fatalf("round trip changed the bytes")
	}
	orig := Train(ss)
	for _, s := range ss {
		for _, tk := range s.Tokens {
			if got, want := m.Lemma(tk.Form, tk.UPOS, tk.XPOS), orig.Lemma(tk.Form, tk.UPOS, tk.XPOS); got != want {
				t.Fatalf("after a round trip Lemma(%q) = %q, want %q", tk.Form, got, want)
			}
		}
	}
}

func TestUnmarshalBinaryErrors(t *testing.T) {
	good, err := trainSample(t).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"header", []byte("kglemma\x02")},
		{"truncated", good[:len(good)-1]},
		{"trailing", append(append([]byte{}, good...), 0)},
		{"huge count", append([]byte(magic), 6, 0xff, 0xff, 0xff, 0xff, 0x0f)},
	} {
		var m Model
		if err := m.UnmarshalBinary(tc.data); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: UnmarshalBinary = %v, want ErrFormat", tc.name, err)
		}
	}
}

// FuzzUnmarshalBinary checks that any bytes either fail with ErrFormat or
// give a model whose encoding is a fixed point, and that Lemma never panics.
func FuzzUnmarshalBinary(f *testing.F) {
	ss, err := conllu.ReadAll(strings.NewReader(sample), "sample")
	if err != nil {
		f.Fatal(err)
	}
	good, _ := Train(ss).MarshalBinary()
	f.Add(good)
	f.Add([]byte(magic))
	f.Add(append([]byte(magic), 6, 1, 1, 'x', 2, 3, 1, 'y'))
	f.Fuzz(func(t *testing.T, data []byte) {
		var m Model
		if err := m.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error %v does not wrap ErrFormat", err)
			}
			return
		}
		a, _ := m.MarshalBinary()
		var m2 Model
		if err := m2.UnmarshalBinary(a); err != nil {
			t.Fatalf("re-reading its own encoding: %v", err)
		}
		b, _ := m2.MarshalBinary()
		if !bytes.Equal(a, b) {
			t.Fatalf("encoding is not a fixed point")
		}
		for _, w := range []string{"", "a", "dogs", "x\x00y", "Über"} {
			m.Lemma(w, "NOUN", "NNS")
			m.Lemma(w, "PROPN", "")
		}
	})
}

func BenchmarkLemma(b *testing.B) {
	m := Train(readTreebank(b, "en_ewt-ud-train.conllu"))
	var words []conllu.Token
	for _, s := range readTreebank(b, "en_ewt-ud-test.conllu") {
		words = append(words, s.Tokens...)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			m.Lemma(w.Form, w.UPOS, w.XPOS)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}
