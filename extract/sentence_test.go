package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func sentenceTexts(text string, ss []Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = text[s.Start:s.End]
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"two", "Mr. Trace spoke. He left.", []string{"Mr. Trace spoke.", "He left."}},
		{"honorific", "Dame Glenys spoke. Mr Trace said so.", []string{"Dame Glenys spoke.", "Mr Trace said so."}},
		{"initials", "J. K. Rowling wrote it. Then she stopped.", []string{"J. K. Rowling wrote it.", "Then she stopped."}},
		{"money", "Contracts worth £3.7bn. were let. The MoJ paid £3.7bn. It was late.", []string{"Contracts worth £3.7bn. were let.", "The MoJ paid £3.7bn.", "It was late."}},
		{"decimal", "It rose 3.5 per cent. Then fell.", []string{"It rose 3.5 per cent.", "Then fell."}},
		{"url", "See http://www.bbc.co.uk/news/uk-1. It is there.", []string{"See http://www.bbc.co.uk/news/uk-1.", "It is there."}},
		{"quote", "“It is flawed,” Mr Trace said. “Really.”", []string{"“It is flawed,” Mr Trace said.", "“Really.”"}},
		{"quote inside", "He said “No!” and left.", []string{"He said “No!” and left."}},
		{"ellipsis lower", "services... is lossmaking. Next.", []string{"services... is lossmaking.", "Next."}},
		{"ellipsis", "Wait... Then it came.", []string{"Wait...", "Then it came."}},
		{"question", "Why? Because.", []string{"Why?", "Because."}},
		{"lines", "A title\n\nFirst line\nSecond line.", []string{"A title", "First line", "Second line."}},
		{"et al", "Walker et al. discuss it. Fine.", []string{"Walker et al. discuss it.", "Fine."}},
		{"lower after stop", "It is 5 p.m. today.", []string{"It is 5 p.m. today."}},
		{"empty", "   \n\n  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(tt.text, Split(tt.text, nil))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Split(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestSplitSections(t *testing.T) {
	text := "Title line\nBody one. Body two.\nLeave a Reply"
	secs := []Section{
		{Kind: SectionTitle, Span: Span{0, 10}, Parent: -1},
		{Kind: SectionPost, Span: Span{11, 30}, Parent: -1},
		{Kind: SectionBoilerplate, Span: Span{31, len(text)}, Parent: -1},
	}
	got := Split(text, secs)
	want := []string{"Title line", "Body one.", "Body two."}
	if g := sentenceTexts(text, got); strings.Join(g, "|") != strings.Join(want, "|") {
		t.Fatalf("Split = %q, want %q", g, want)
	}
	for i, s := range got {
		if s.Index != i {
			t.Errorf("sentence %d has Index %d", i, s.Index)
		}
	}
	if got[0].Section != 0 || got[2].Section != 1 {
		t.Errorf("sections = %d, %d; want 0, 1", got[0].Section, got[2].Section)
	}
}

// TestSplitLong: text without a sentence break is cut into sentences of
// bounded length, at spaces where there are any, and nothing is lost.
func TestSplitLong(t *testing.T) {
	tests := []struct {
		name, unit string
		wantMax    int
	}{
		{"words", "the council and the board ", maxSentenceBytes + 32},
		{"abbreviations", "Mr. ", maxSentenceBytes + 8},
		{"no spaces", "ab", 2 * maxSentenceBytes},
		{"runes", "é", 2*maxSentenceBytes + 1},
		{"terminators", "!", 2*maxSentenceBytes + 64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Repeat(tt.unit, 10*maxSentenceBytes/len(tt.unit))
			ss := Split(text, nil)
			if len(ss) < 5 {
				t.Fatalf("Split gave %d sentences, want the text cut", len(ss))
			}
			var kept int
			for _, s := range ss {
				if s.Len() > tt.wantMax {
					t.Errorf("sentence %v is %d bytes, want at most %d", s.Span, s.Len(), tt.wantMax)
				}
				if !utf8.ValidString(text[s.Start:s.End]) {
					t.Errorf("sentence %v cuts a character", s.Span)
				}
				kept += len(strings.Fields(text[s.Start:s.End]))
			}
			if want := len(strings.Fields(text)); kept != want && tt.unit != "ab" && tt.unit != "é" && tt.unit != "!" {
				t.Errorf("sentences hold %d words, want %d", kept, want)
			}
		})
	}
}

// FuzzSplit checks the properties every split must have: spans in bounds,
// ordered, not overlapping, trimmed, and inside a section that is not
// boilerplate.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"Mr. Trace spoke. He left.", "“It is flawed,” he said. Next…", "a\n\nb. C? D! e",
		"£3.7bn. The end.", "J. K. Rowling... and. So.", "\u00a0 . \n .",
	} {
		f.Add(s, 3)
	}
	for _, s := range hostileSeeds(3 * maxSentenceBytes) {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, text string, cut int) {
		if len(text) > 1<<16 {
			return
		}
		var secs []Section
		if cut > 0 && len(text) > 0 {
			c := cut % (len(text) + 1)
			for c > 0 && !utf8.RuneStart(text[c%len(text)]) {
				c--
			}
			secs = []Section{
				{Kind: SectionPost, Span: Span{0, c}, Parent: -1},
				{Kind: SectionBoilerplate, Span: Span{c, len(text)}, Parent: -1},
			}
		}
		ss := Split(text, secs)
		prev := 0
		for i, s := range ss {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("sentence %d span %v after %d in %d bytes", i, s.Span, prev, len(text))
			}
			if s.Index != i {
				t.Fatalf("sentence %d has Index %d", i, s.Index)
			}
			if s.Len() > 2*maxSentenceBytes+256 {
				t.Fatalf("sentence %d is %d bytes, over the bound", i, s.Len())
			}
			if secs != nil {
				sec := secs[s.Section]
				if sec.Kind == SectionBoilerplate || s.Start < sec.Start || s.End > sec.End {
					t.Fatalf("sentence %v outside its section %v", s.Span, sec)
				}
			}
			st := text[s.Start:s.End]
			if strings.TrimSpace(st) != st {
				t.Fatalf("sentence %q is not trimmed", st)
			}
			prev = s.End
		}
	})
}
