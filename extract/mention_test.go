package extract

import (
	"strings"
	"testing"
)

func postDoc(id, text string) Document {
	return Document{ID: DocID(id), Text: text, Sections: []Section{{Kind: SectionPost, Span: Span{0, len(text)}, Parent: -1}}}
}

func TestFindMentions(t *testing.T) {
	x := New(nil)
	tests := []struct {
		text string
		want []string // "Label:text"; an empty label is a name decided later
	}{
		{"Mike Trace, chief executive of the Forward Trust, said so.", []string{"Person:Mike Trace", "Organisation:Forward Trust"}},
		{"The Ministry of Justice (MoJ) said no.", []string{"Organisation:Ministry of Justice", "Organisation:MoJ"}},
		{"The Policy Evaluation and Research Unit (PERU) at the university agreed.", []string{"Organisation:Policy Evaluation and Research Unit", "Organisation:PERU"}},
		{"Dame Glenys spoke to Mr Trace.", []string{"Person:Dame Glenys", "Person:Mr Trace"}},
		{"It was run by the Health and Safety Executive and Sodexo.", []string{"Organisation:Health and Safety Executive", ":Sodexo"}},
		{"Hilde and Albert Shember fled.", []string{"Person:Hilde", "Person:Albert Shember"}},
		{"He visited HMP Lewes and the Birmingham Probation Service.", []string{"Organisation:HMP Lewes", "Organisation:Birmingham Probation Service"}},
		{"The TR2 plans replace TR1.", []string{"Policy:TR2", "Policy:TR1"}},
		// a capitalised word opening the sentence: resolution decides
		{"Rioting in London and Wales on Tuesday.", []string{":Rioting"}},
		{"A judicial process, the Judicial Review, followed.", nil},
		{"the Strengthening Probation consultation closed", []string{"Report:Strengthening Probation consultation"}},
		{"an April 2016 report by the National Audit Office, which", []string{"Report:April 2016 report by the National Audit Office", "Organisation:National Audit Office"}},
		{"Eight firms were awarded contracts worth £3.7bn to run them.", []string{"Contract:contracts worth £3.7bn"}},
	}
	for _, tt := range tests {
		d := postDoc("t", tt.text)
		var got []string
		for _, m := range x.FindMentions(&d) {
			if m.Text != d.Text[m.Start:m.End] {
				t.Errorf("mention %q has span text %q", m.Text, d.Text[m.Start:m.End])
			}
			got = append(got, string(m.Label)+":"+m.Text)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("FindMentions(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		text string
	}{
		{"worth £3.7bn to run", 3.7e9, "£3.7bn"},
		{"worth £1.26bn,", 1.26e9, "£1.26bn"},
		{"an extra £22m a year", 22e6, "£22m"},
		{"1.26 billion pounds of contracts", 1.26e9, "1.26 billion pounds"},
		{"£ 640 million", 640e6, "£ 640 million"},
		{"£1,200", 1200, "£1,200"},
	}
	for _, tt := range tests {
		got, text, ok := parseMoney(tt.in)
		if !ok || got != tt.want || text != tt.text {
			t.Errorf("parseMoney(%q) = %v, %q, %v; want %v, %q", tt.in, got, text, ok, tt.want, tt.text)
		}
	}
	if _, _, ok := parseMoney("no money here"); ok {
		t.Errorf("parseMoney found money in plain words")
	}
}

func TestInitialsMatch(t *testing.T) {
	tests := []struct {
		acr, words string
		want       bool
	}{
		{"PbR", "Payment by Results", true},
		{"BGSW", "Bristol Gloucestershire Somerset and Wiltshire", true},
		{"PERU", "Policy Evaluation and Research Unit", true},
		{"Q&I", "Quality and Impact", true},
		{"NPS", "National Audit Office", false},
	}
	for _, tt := range tests {
		toks := tokenize(tt.words, Span{0, len(tt.words)})
		if got := initialsMatch(acronymLetters(tt.acr), toks); got != tt.want {
			t.Errorf("initialsMatch(%q, %q) = %v, want %v", tt.acr, tt.words, got, tt.want)
		}
	}
}
