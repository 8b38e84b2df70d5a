package ner

import (
	"errors"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/kgtool/kg/extract/conllu"
)

func TestParseEntity(t *testing.T) {
	tests := []struct {
		name  string
		words []string // Entity value of each word, "" for none
		want  []mention
	}{
		{"single word", []string{"(7-abstract-new-nnnnn-cf2-1-sgl)"}, []mention{{0, 1, "abstract"}}},
		{"two words", []string{"(6-person-new-nnnnn-cf1-1,2-coref", "6)"}, []mention{{0, 2, "person"}}},
		{"open and single on one word", []string{"(4-abstract-new-sssss-cf2-3-coref(5-object-new-sssss-cf3-1-coref)", "", "4)"},
			[]mention{{0, 1, "object"}, {0, 3, "abstract"}}},
		{"nested closes", []string{"(8-organization-new-x-cf3-1-sgl-University_of_Portsmouth", "(9-place-new-x-cf4-1-sgl", "(10-place-new-x-cf5-1-coref", "10)9)8)"},
			[]mention{{2, 4, "place"}, {1, 4, "place"}, {0, 4, "organization"}}},
		{"same id nested closes innermost", []string{"(3-person-a", "(3-person-b", "3)", "3)"},
			[]mention{{1, 3, "person"}, {0, 4, "person"}}},
		{"identity with encoded parentheses", []string{"(13-organization-new-x-cf4-1-coref-Durham_University(14-place-new-x-cf5-1-coref-Durham%2C_England%28city%29)", "13)"},
			[]mention{{0, 1, "place"}, {0, 2, "organization"}}},
		{"close then open", []string{"(1-person-a", "1)(2-place-b)"}, []mention{{0, 2, "person"}, {1, 2, "place"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var open []openMention
			var got []mention
			var err error
			for i, v := range tt.words {
				if v == "" {
					continue
				}
				if open, got, err = parseEntity(v, i, open, got); err != nil {
					t.Fatalf("parseEntity(%q) error: %v", v, err)
				}
			}
			if len(open) != 0 {
				t.Errorf("open after the last word = %v, want none", open)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("mentions = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseEntityErrors(t *testing.T) {
	tests := []struct {
		name string
		v    string
	}{
		{"close never opened", "4)"},
		{"no id", "(-person-x"},
		{"junk", "person"},
		{"bad close id", "x)"},
	}
	for _, tt := range tests {
		if _, _, err := parseEntity(tt.v, 0, nil, nil); !errors.Is(err, conllu.ErrFormat) {
			t.Errorf("%s: parseEntity(%q) error = %v, want conllu.ErrFormat", tt.name, tt.v, err)
		}
	}
}

// sentence builds a CoNLL-U sentence from lines of "form UPOS head deprel
// entity", entity "_" for none.
func sentence(t *testing.T, lines ...string) *conllu.Sentence {
	t.Helper()
	var b strings.Builder
	for i, l := range lines {
		f := strings.Fields(l)
		misc := "_"
		if f[4] != "_" {
			misc = "Entity=" + f[4]
		}
		b.WriteString(strings.Join([]string{strconv.Itoa(i + 1), f[0], "_", f[1], "_", "_", f[2], f[3], "_", misc}, "\t"))
		b.WriteByte('\n')
	}
	ss, err := conllu.ReadAll(strings.NewReader(b.String()), "test")
	if err != nil || len(ss) != 1 {
		t.Fatalf("ReadAll = %v, %v", ss, err)
	}
	return ss[0]
}

func TestGUMSentence(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string // "LABEL words"
	}{
		{"pronoun is not named", []string{
			"She PRON 2 nsubj (1-person-new-x-cf1-1-coref)",
			"left VERB 0 root _",
		}, nil},
		{"common noun head is not named", []string{
			"the DET 2 det (1-organization-new-x-cf1-1-coref",
			"university NOUN 3 nsubj 1)",
			"grew VERB 0 root _",
		}, nil},
		{"leading determiner trimmed", []string{
			"The DET 2 det (1-organization-new-x-cf1-1-coref",
			"Treasury PROPN 3 nsubj 1)",
			"spoke VERB 0 root _",
		}, []string{"ORG Treasury"}},
		{"leading title kept, lower-case modifier trimmed", []string{
			"former ADJ 3 amod (1-person-new-x-cf1-1-coref",
			"President PROPN 3 compound _",
			"Obama PROPN 4 nsubj 1)",
			"spoke VERB 0 root _",
		}, []string{"PER President Obama"}},
		{"trailing punctuation and relative clause cut", []string{
			"Jane PROPN 0 root (1-person-new-x-cf1-1-coref",
			"Smith PROPN 1 flat _",
			", PUNCT 4 punct _",
			"who PRON 5 nsubj _",
			"left VERB 1 acl:relcl 1)",
		}, []string{"PER Jane Smith"}},
		{"nested named keeps the outermost", []string{
			"University PROPN 0 root (1-organization-new-x-cf1-1-coref",
			"of ADP 3 case _",
			"Leeds PROPN 1 nmod (2-place-new-x-cf1-1-coref)1)",
		}, []string{"ORG University of Leeds"}},
		{"list member split off", []string{
			"University PROPN 0 root (1-organization-new-x-cf1-1-coref",
			"of ADP 3 case _",
			"Leeds PROPN 1 nmod (2-place-new-x-cf1-1-coref",
			", PUNCT 6 punct _",
			"United VERB 6 amod (3-place-new-x-cf1-1-coref",
			"Kingdom PROPN 1 list 3)2)1)",
		}, []string{"ORG University of Leeds", "LOC United Kingdom"}},
		{"possessive marker trimmed", []string{
			"Smith PROPN 3 nmod:poss (1-person-new-x-cf1-1-coref",
			"'s PART 1 case 1)",
			"car NOUN 0 root _",
		}, []string{"PER Smith"}},
		{"modifier after in is cut, after of kept", []string{
			"University PROPN 0 root (1-organization-new-x-cf1-1-coref",
			"of ADP 3 case _",
			"Leeds PROPN 1 nmod _",
			"in ADP 5 case _",
			"Yorkshire PROPN 1 nmod 1)",
		}, []string{"ORG University of Leeds"}},
		{"possessor is cut", []string{
			"London PROPN 3 nmod:poss (1-organization-new-x-cf1-1-coref",
			"'s PART 1 case _",
			"Academy PROPN 0 root 1)",
		}, []string{"ORG Academy"}},
		{"name starts after the last lower-case word", []string{
			"US PROPN 4 compound (1-person-new-x-cf1-1-coref",
			"political ADJ 3 amod _",
			"activist NOUN 5 compound _",
			"Noam PROPN 5 compound _",
			"Chomsky PROPN 6 nsubj 1)",
			"spoke VERB 0 root _",
		}, []string{"PER Noam Chomsky"}},
		{"trailing pronoun trimmed", []string{
			"Galois PROPN 3 nsubj (1-person-new-x-cf1-1-coref",
			"himself PRON 1 det 1)", // a relation that is not cut
			"wrote VERB 0 root _",
		}, []string{"PER Galois"}},
		{"title with of is not a name", []string{
			"President PROPN 0 root (1-person-new-x-cf1-1-coref",
			"of ADP 4 case _",
			"the DET 4 det _",
			"Society PROPN 1 nmod 1)",
		}, nil},
		{"name with of is a name", []string{
			"Patrick PROPN 0 root (1-person-new-x-cf1-1-coref",
			"Gordon PROPN 1 flat _",
			"of ADP 4 case _",
			"Auchleuchries PROPN 1 nmod 1)",
		}, []string{"PER Patrick Gordon of Auchleuchries"}},
		{"transcription without capitals is not a name", []string{
			"pjɛʁ PROPN 0 root (1-person-new-x-cf1-1-coref",
			"ʃɑʁl PROPN 1 flat 1)",
		}, nil},
		{"other types ignored", []string{
			"Monday PROPN 0 root (1-time-new-x-cf1-1-coref)",
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := gumSentence(sentence(t, tt.lines...))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, sp := range s.Spans {
				got = append(got, sp.Label+" "+strings.Join(s.Words[sp.Start:sp.End], " "))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("spans = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOutermost(t *testing.T) {
	sp := func(s, e int, l string) conllu.Span { return conllu.Span{Start: s, End: e, Label: l} }
	tests := []struct {
		name string
		in   []conllu.Span
		want []conllu.Span
	}{
		{"disjoint sorted", []conllu.Span{sp(3, 4, "LOC"), sp(0, 2, "PER")}, []conllu.Span{sp(0, 2, "PER"), sp(3, 4, "LOC")}},
		{"inner dropped", []conllu.Span{sp(1, 2, "LOC"), sp(0, 3, "ORG")}, []conllu.Span{sp(0, 3, "ORG")}},
		{"overlap keeps first", []conllu.Span{sp(1, 4, "LOC"), sp(0, 2, "ORG")}, []conllu.Span{sp(0, 2, "ORG")}},
		{"none", nil, nil},
	}
	for _, tt := range tests {
		if got := outermost(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: outermost = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestReadGUMUnclosed(t *testing.T) {
	path := t.TempDir() + "/bad.conllu"
	line := "1\tJane\t_\tPROPN\t_\t_\t0\troot\t_\tEntity=(1-person-new\n\n"
	if err := os.WriteFile(path, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadGUM(path); !errors.Is(err, conllu.ErrFormat) || !strings.Contains(err.Error(), path+":1:") {
		t.Errorf("ReadGUM of an unclosed mention: error = %v, want conllu.ErrFormat at %s:1", err, path)
	}
}
