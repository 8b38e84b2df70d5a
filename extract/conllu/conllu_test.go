package conllu

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = `# sent_id = 1
# text = I don't know.
1	I	I	PRON	PRP	_	3	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
4.1	knew	_	_	_	_	_	_	_	_
5	.	.	PUNCT	.	_	4	punct	_	_

`

func TestReadWriteRoundTrip(t *testing.T) {
	ss, err := ReadAll(strings.NewReader(sample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 1 || len(ss[0].Tokens) != 5 || len(ss[0].Ranges) != 1 {
		t.Fatalf("got %d sentences, want 1 with 5 words and 1 range", len(ss))
	}
	if got := ss[0].Comment("text"); got != "I don't know." {
		t.Errorf("Comment(text) = %q", got)
	}
	if v, ok := MiscValue(ss[0].Tokens[3].Misc, "SpaceAfter"); !ok || v != "No" {
		t.Errorf("MiscValue = %q, %v", v, ok)
	}
	var buf bytes.Buffer
	if err := Write(&buf, ss[0]); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(sample, "4.1\tknew\t_\t_\t_\t_\t_\t_\t_\t_\n", "", 1)
	if buf.String() != want {
		t.Errorf("Write =\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"columns", "1\tI\tI\n", "x:1: 3 columns"},
		{"sequence", "2\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n", "out of sequence"},
		{"head", "1\tI\tI\tPRON\tPRP\t_\tx\troot\t_\t_\n", "bad head"},
		{"beyond", "1\tI\tI\tPRON\tPRP\t_\t7\troot\t_\t_\n", "beyond the sentence"},
		{"range", "1-x\tI\t_\t_\t_\t_\t_\t_\t_\t_\n", "bad range"},
	} {
		_, err := ReadAll(strings.NewReader(tc.in), "x")
		if err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestSpansFromIOB2(t *testing.T) {
	for _, tc := range []struct {
		tags string
		want []Span
	}{
		{"O B-PER I-PER O", []Span{{1, 3, "PER"}}},
		{"B-PER B-PER", []Span{{0, 1, "PER"}, {1, 2, "PER"}}},
		{"I-ORG I-ORG O I-LOC", []Span{{0, 2, "ORG"}, {3, 4, "LOC"}}},
		{"B-PER I-ORG", []Span{{0, 1, "PER"}, {1, 2, "ORG"}}},
	} {
		got := SpansFromIOB2(strings.Fields(tc.tags))
		if len(got) != len(tc.want) {
			t.Errorf("SpansFromIOB2(%s) = %v, want %v", tc.tags, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("SpansFromIOB2(%s) = %v, want %v", tc.tags, got, tc.want)
			}
		}
	}
}

// TestReadTreebanks reads every shared treebank file whole.
func TestReadTreebanks(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/ud/*.conllu")
	if len(files) == 0 {
		t.Skip("no ../shared/ud")
	}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		ss, err := ReadAll(fh, f)
		fh.Close()
		if err != nil || len(ss) < 100 {
			t.Errorf("%s: %d sentences, %v", f, len(ss), err)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add(sample)
	f.Add("1\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n\n# x\n")
	f.Fuzz(func(t *testing.T, in string) {
		ss, err := ReadAll(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		var buf bytes.Buffer
		for _, s := range ss {
			if err := Write(&buf, s); err != nil {
				t.Fatal(err)
			}
		}
		again, err := ReadAll(&buf, "again")
		if err != nil || len(again) != len(ss) {
			t.Fatalf("re-read of written output: %d sentences, %v; want %d", len(again), err, len(ss))
		}
	})
}
