package schema

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScanWords(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"Chris Grayling's policy", "Chris|Grayling|policy"},
		{"Prison Officers' Association", "Prison|Officers|Association"},
		{"O'Brien and B&M at Politics.co.uk.", "O'Brien|and|B&M|at|Politics.co.uk"},
		{"£3.7bn (21 CRCs)", "3.7bn|21|CRCs"},
		{"through-the-gate", "through|the|gate"},
		{"@NicolaCarr 5h", "@NicolaCarr|5h"},
		{"CRC’s staff", "CRC|staff"},
		{"it's ‘em", "it|em"},
		{"", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, w := range ScanWords(tt.in) {
			got = append(got, tt.in[w[0]:w[1]])
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("ScanWords(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
}

func words(s string) []string {
	var out []string
	for _, w := range ScanWords(s) {
		out = append(out, s[w[0]:w[1]])
	}
	return out
}

func TestMatches(t *testing.T) {
	v := MustLoadDefault()
	tests := []struct {
		text string
		kind PhraseKind
		want string // the matched words, or "" for no match of kind at word 0
	}{
		{"Ministry of Justice said", PhraseBody, "Ministry of Justice"},
		{"MoJ said", PhraseBody, "MoJ"},
		{"NAPO members", PhraseBody, "NAPO"},
		{"the justice ministry", PhraseBody, ""},
		{"justice ministry released", PhraseBody, "justice ministry"},
		{"ministry of justice", PhraseBody, ""},
		{"chief inspector of probation said", PhraseRole, "chief inspector of probation"},
		{"chief executive of", PhraseRoleWord, "chief executive"},
		{"Through the Gate provision", PhraseBody, "Through the Gate"},
		{"through-the-gate services", PhraseBody, "through the gate"},
		{"not fit for purpose system", PhraseCriticismWord, "not fit for purpose"},
	}
	for _, tt := range tests {
		ws := words(tt.text)
		got := ""
		for _, m := range v.Matches(ws, 0, nil) {
			if m.Kind == tt.kind {
				got = strings.Join(ws[:m.Len], " ")
				break
			}
		}
		if got != tt.want {
			t.Errorf("Matches(%q) kind %d = %q, want %q", tt.text, tt.kind, got, tt.want)
		}
	}
}

func TestIs(t *testing.T) {
	v := MustLoadDefault()
	tests := []struct {
		k    WordKind
		w    string
		want bool
	}{
		{GivenName, "Glenys", true},
		{GivenName, "Sodexo", false},
		{OrgHead, "Trust", true},
		{OrgHead, "TRUST", true},
		{OrgHead, "trust", false},
		{ReportNoun, "Report", true},
		{Honorific, "Dame", true},
		{FunctionWord, "The", true},
	}
	for _, tt := range tests {
		if got := v.Is(tt.k, tt.w); got != tt.want {
			t.Errorf("Is(%d, %q) = %v, want %v", tt.k, tt.w, got, tt.want)
		}
	}
}

func TestLoadVocabularyOverrides(t *testing.T) {
	files, err := filepath.Glob("testdata/*.good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if _, err := LoadVocabulary(f); err != nil {
				t.Errorf("LoadVocabulary(%s) = %v, want nil", f, err)
			}
		})
	}
	bad := []struct{ file, want string }{
		{"testdata/unknown_key.bad.yaml", "unknown_key.bad.yaml:3: schema: bad vocabulary: unknown key \"bodys\""},
		{"testdata/bad_label.bad.yaml", "bad_label.bad.yaml:2: schema: bad vocabulary: body \"Acme\": bad name or label \"Thing\""},
		{"testdata/body_key.bad.yaml", "body_key.bad.yaml:3: schema: bad vocabulary: unknown key \"alias\""},
		{"testdata/remove_key.bad.yaml", "remove_key.bad.yaml:2: schema: bad vocabulary: remove: unknown key \"colours\""},
		{"testdata/trigger_key.bad.yaml", "trigger_key.bad.yaml:2: schema: bad vocabulary: unknown key \"praise\""},
	}
	for _, tt := range bad {
		_, err := LoadVocabulary(tt.file)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrVocabulary) {
			t.Errorf("LoadVocabulary(%s) = %v, want %q", tt.file, err, tt.want)
		}
	}
}

func TestOverrideEffects(t *testing.T) {
	v, err := LoadVocabulary("testdata/extend.good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !v.Is(OrgHead, "Collective") {
		t.Errorf("extended org_heads lack %q", "Collective")
	}
	if v.Is(GivenName, "Will") || v.BodyIndex("Guardian") >= 0 {
		t.Errorf("removed entries still present")
	}
	if i := v.BodyIndex("Acme Justice Partnership"); i < 0 || v.Bodies[i].Label != Organisation {
		t.Errorf("added body missing: %d", i)
	}
	if len(v.Separate) != 1 || v.Separate[0][1] != "Form B" {
		t.Errorf("Separate = %v", v.Separate)
	}
}

func TestLoadVocabularyMissingFile(t *testing.T) {
	_, err := LoadVocabulary("testdata/none.yaml")
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadVocabulary(missing) = %v, want ErrNotExist", err)
	}
}
