package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/extract/conllu"
)

const ud = "../../../shared/ud"

func udFile(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(ud, name)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("treebank missing under CI: %v", err)
		}
		t.Skipf("no treebank: %v", err)
	}
	return p
}

// TestParseDocuments checks that kg parse prints valid CoNLL-U whose
// TokenRange offsets give back each token's form in the document's text,
// for a plain-text and an HTML document.
func TestParseDocuments(t *testing.T) {
	for _, name := range []string{"2014-10-29-preferred-bidders.txt", "2016-10-06-through-the-gate.html"} {
		path := filepath.Join("testdata/sample", name)
		code, out, errs := kg(t, "parse", path)
		if code != exitOK {
			t.Fatalf("kg parse %s: exit %d: %s", name, code, errs)
		}
		sents, err := conllu.ReadAll(strings.NewReader(out), "stdout")
		if err != nil {
			t.Fatalf("kg parse %s: output is not CoNLL-U: %v", name, err)
		}
		docs, errList := extract.ReadPaths([]string{path})
		if len(errList) > 0 || len(docs) != 1 {
			t.Fatalf("read %s: %v", path, errList)
		}
		text := docs[0].Text
		tokens := 0
		for _, s := range sents {
			roots := 0
			for _, tok := range s.Tokens {
				tokens++
				if tok.Head == 0 {
					roots++
				}
				r, ok := conllu.MiscValue(tok.Misc, "TokenRange")
				a, b, _ := strings.Cut(r, ":")
				start, err1 := strconv.Atoi(a)
				end, err2 := strconv.Atoi(b)
				if !ok || err1 != nil || err2 != nil || start < 0 || end > len(text) || text[start:end] != tok.Form {
					t.Fatalf("%s: token %q has TokenRange %q", name, tok.Form, r)
				}
			}
			if roots != 1 {
				t.Errorf("%s: sentence %q has %d roots", name, s.Comment("text"), roots)
			}
		}
		if len(sents) < 5 || tokens < 100 {
			t.Errorf("%s: %d sentences, %d tokens; want a whole article", name, len(sents), tokens)
		}
		if !strings.Contains(out, "NER=B-") {
			t.Errorf("%s: no entity marked in the output", name)
		}
	}
}

func TestParseEvalJSON(t *testing.T) {
	gold := udFile(t, "en_ewt-ud-test.conllu")
	code, out, errs := kg(t, "parse", "--eval", gold, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output %q is not one JSON object: %v", out, err)
	}
	for _, k := range []string{"upos", "xpos", "lemma", "uas", "las"} {
		v, ok := got[k].(float64)
		if !ok || v <= 0.5 || v > 1 {
			t.Errorf("%s = %v, want a fraction above 0.5", k, got[k])
		}
	}
	if got["sentences"] != float64(2077) || got["tokens"] != float64(25094) {
		t.Errorf("sentences, tokens = %v, %v; want 2077, 25094", got["sentences"], got["tokens"])
	}
}

func TestParseEvalEntities(t *testing.T) {
	gold := udFile(t, "en_ewt-uner-test.iob2")
	code, out, errs := kg(t, "parse", "--eval", gold, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Entities map[string]struct{ F1 float64 } `json:"entities"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"PER", "ORG", "LOC", "all"} {
		if f := got.Entities[l].F1; f <= 0.2 {
			t.Errorf("%s F1 = %v, want a real score", l, f)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no path", []string{"parse"}, exitUsage, "name at least one file"},
		{"eval and path", []string{"parse", "--eval", "x.conllu", "a.txt"}, exitUsage, "--eval takes no PATH"},
		{"missing gold", []string{"parse", "--eval", "testdata/none.conllu"}, exitFailure, "none.conllu"},
		{"json without eval", []string{"parse", "--json", "a.txt"}, exitUsage, "--json goes with --eval"},
		{"missing file", []string{"parse", "testdata/none.txt"}, exitPartial, "none.txt"},
	} {
		code, _, errs := kg(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%s: kg %v: exit %d, stderr %q; want exit %d mentioning %q", tc.name, tc.args, code, errs, tc.code, tc.want)
		}
	}
}
