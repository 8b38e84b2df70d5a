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
		{"Tom Varley, chief executive of the Harbour Trust, said so.", []string{"Person:Tom Varley", "Organisation:Harbour Trust"}},
		{"The Ministry of Justice (MoJ) said no.", []string{"Organisation:Ministry of Justice", "Organisation:MoJ"}},
		{"The Research and Policy Unit (RPU) at the university agreed.", []string{"Organisation:Research and Policy Unit", "Organisation:RPU"}},
		{"Dame Harriet spoke to Mr Varley.", []string{"Person:Dame Harriet", "Person:Mr Varley"}},
		{"It was run by the Health and Safety Executive and Corvell.", []string{"Organisation:Health and Safety Executive", ":Corvell"}},
		{"Marta and Albert Kessling fled.", []string{"Person:Marta", "Person:Albert Kessling"}},
		{"He visited HMP Castlemere and the Leeds Probation Service.", []string{"Organisation:HMP Castlemere", "Organisation:Leeds Probation Service"}},
		{"The PbR2 plans replace PbR1.", []string{"Policy:PbR2", "Policy:PbR1"}},
		// a capitalised word opening the sentence: resolution decides
		{"Flooding in Leeds and Wales on Friday.", []string{":Flooding"}},
		{"After a hearing, the Judicial Review began.", nil},
		{"the Safer Custody consultation closed", []string{"Report:Safer Custody consultation"}},
		{"a March 2021 report by the National Audit Office, which", []string{"Report:March 2021 report by the National Audit Office", "Organisation:National Audit Office"}},
		{"Six firms were awarded contracts worth £2.4bn to run them.", []string{"Contract:contracts worth £2.4bn"}},
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
		{"worth £2.4bn to run", 2.4e9, "£2.4bn"},
		{"worth £1.75bn,", 1.75e9, "£1.75bn"},
		{"an extra £18m a year", 18e6, "£18m"},
		{"1.75 billion pounds of contracts", 1.75e9, "1.75 billion pounds"},
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
		{"CLDW", "Cumbria Lancashire Devon and Wiltshire", true},
		{"RPU", "Research and Policy Unit", true},
		{"R&D", "Research and Development", true},
		{"NPS", "National Audit Office", false},
	}
	for _, tt := range tests {
		toks := tokenize(tt.words, Span{0, len(tt.words)})
		if got := initialsMatch(acronymLetters(tt.acr), toks); got != tt.want {
			t.Errorf("initialsMatch(%q, %q) = %v, want %v", tt.acr, tt.words, got, tt.want)
		}
	}
}
