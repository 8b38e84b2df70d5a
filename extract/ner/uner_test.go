package ner

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kgtool/kg/extract/conllu"
)

func TestReadUNER(t *testing.T) {
	dir := t.TempDir()
	iob := "# sent_id = a-1\n# text = Jane left Leeds\n1\tJane\tB-PER\t-\t-\n2\tleft\tO\t-\t-\n3\tLeeds\tB-LOC\t-\t-\n\n" +
		"# sent_id = a-2\n1\tAcme\tB-ORG\t-\t-\n2\tCorp\tI-ORG\t-\t-\n\n" +
		"# sent_id = a-3\n1\tHi\tO\t-\t-\n\n"
	cu := "# sent_id = a-1\n1\tJane\t_\tPROPN\t_\t_\t2\tnsubj\t_\t_\n2\tleft\t_\tVERB\t_\t_\t0\troot\t_\t_\n3\tLeeds\t_\tPROPN\t_\t_\t2\tobj\t_\t_\n\n" +
		// a-2 has other words in the treebank: no tags taken
		"# sent_id = a-2\n1\tAcme\t_\tPROPN\t_\t_\t0\troot\t_\t_\n2\tInc\t_\tPROPN\t_\t_\t1\tflat\t_\t_\n\n"
	ip, cp := filepath.Join(dir, "x.iob2"), filepath.Join(dir, "x.conllu")
	if err := os.WriteFile(ip, []byte(iob), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cp, []byte(cu), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadUNER(ip, cp)
	if err != nil {
		t.Fatal(err)
	}
	want := []Sentence{
		{Words: []string{"Jane", "left", "Leeds"}, UPOS: []string{"PROPN", "VERB", "PROPN"},
			Spans: []conllu.Span{{Start: 0, End: 1, Label: "PER"}, {Start: 2, End: 3, Label: "LOC"}}},
		{Words: []string{"Acme", "Corp"}, Spans: []conllu.Span{{Start: 0, End: 2, Label: "ORG"}}},
		{Words: []string{"Hi"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadUNER = %+v, want %+v", got, want)
	}
	if _, err := ReadUNER(filepath.Join(dir, "missing.iob2")); err == nil {
		t.Error("ReadUNER of a missing file: nil error, want one")
	}
}
