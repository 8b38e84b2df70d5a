package token

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// forms returns the token forms of every sentence, one string per sentence
// with the forms joined by "|".
func forms(ss []Sentence) []string {
	var out []string
	for _, s := range ss {
		var fs []string
		for _, t := range s.Tokens {
			fs = append(fs, t.Form)
		}
		out = append(out, strings.Join(fs, "|"))
	}
	return out
}

func TestSplitTokens(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"nt", "They don't know.", "They|do|n't|know|."},
		{"cant", "We can't and won't.", "We|ca|n't|and|wo|n't|."},
		{"cannot", "You cannot go.", "You|can|not|go|."},
		{"am", "I'm here and you're there.", "I|'m|here|and|you|'re|there|."},
		{"possessive", "Anna's dog's bone.", "Anna|'s|dog|'s|bone|."},
		{"plural possessive", "the Joneses' house", "the|Joneses|'|house"},
		{"curly", "Anna’s cat isn’t here.", "Anna|’s|cat|is|n’t|here|."},
		{"gonna", "We're gonna win.", "We|'re|gon|na|win|."},
		{"wanna", "I wanna go.", "I|wan|na|go|."},
		{"dont", "i dont care", "i|do|nt|care"},
		{"have", "They'd've said we'll go.", "They|'d|'ve|said|we|'ll|go|."},
		{"name apostrophe", "Mr. O'Brien left.", "Mr.|O'Brien|left|."},
		{"oclock", "at 5 o'clock", "at|5|o'clock"},
		{"hyphen", "a long-term plan", "a|long|-|term|plan"},
		{"hyphens", "a state-of-the-art car", "a|state|-|of|-|the|-|art|car"},
		{"prefix hyphen", "send an e-mail to non-profit co-founders", "send|an|e-mail|to|non-profit|co-founders"},
		{"year range", "from 2003-2007", "from|2003|-|2007"},
		{"phone", "call 713-853-3989 or 646-8420", "call|713-853-3989|or|646-8420"},
		{"dash", "yes -- and no", "yes|--|and|no"},
		{"money bn", "It cost £3.7bn last year.", "It|cost|£|3.7|bn|last|year|."},
		{"money m", "a $170m deal", "a|$|170|m|deal"},
		{"dollars", "$25 and $1,000,000.50", "$|25|and|$|1,000,000.50"},
		{"percent", "up 5% today", "up|5|%|today"},
		{"thousands", "1,000 people and 1,2345 others", "1,000|people|and|1|,|2345|others"},
		{"time", "at 10:30 today", "at|10:30|today"},
		{"date", "on 3/4/2005 and/or later", "on|3/4/2005|and|/|or|later"},
		{"ordinal", "the 20th and 1990s", "the|20th|and|1990s"},
		{"title", "Mr. Smith met Dr. Jones.", "Mr.|Smith|met|Dr.|Jones|."},
		{"initials", "J. K. Rowling wrote", "J.|K.|Rowling|wrote"},
		{"initial no space", "J.Aron said", "J.|Aron|said"},
		{"dotted", "the U.S. and e.g. Canada", "the|U.S.|and|e.g.|Canada"},
		{"url", "see http://example.com/a?b=1.", "see|http://example.com/a?b=1|."},
		{"www", "(www.example.org)", "(|www.example.org|)"},
		{"domain", "at Amazon.com today", "at|Amazon.com|today"},
		{"email", "mail jo.smith@example.co.uk, now", "mail|jo.smith@example.co.uk|,|now"},
		{"mailto", "<mailto:jo@example.com>", "<|mailto:jo@example.com|>"},
		{"ellipsis", "Well... maybe", "Well|...|maybe"},
		{"unicode ellipsis", "Well… maybe", "Well|…|maybe"},
		{"bangs", "What?! No!!!", "What|?!|No|!!!"},
		{"quotes", `He said "no" and ‘yes’.`, `He|said|"|no|"|and|‘|yes|’|.`},
		{"brackets", "(see [1])", "(|see|[|1|]|)"},
		{"emoticon", "nice :) see you", "nice|:)|see|you"},
		{"short year", "in '67 and the '80s", "in|'67|and|the|'80s"},
		{"decade", "the 80's music", "the|80's|music"},
		{"ampersand", "AT&T and R&D", "AT&T|and|R&D"},
		{"comma", "red,green", "red|,|green"},
		{"abbreviation then stop", "CCNG, Inc.. On", "CCNG|,|Inc.|.|On"},
		{"guillemets", "<<quote>>", "<<|quote|>>"},
		{"run-on stop", "end.Then more", "end|.|Then|more"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.Join(forms(Split(tc.in)), "|")
			if got != tc.want {
				t.Errorf("Split(%q) = %s, want %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestSplitSentences(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"stop", "He left. She stayed.", []string{"He|left|.", "She|stayed|."}},
		{"question", "Why? Because.", []string{"Why|?", "Because|."}},
		{"closing quote", `"Go home." Then he left.`, []string{`"|Go|home|.|"`, "Then|he|left|."}},
		{"quoted question", `"Why?" he asked.`, []string{`"|Why|?|"|he|asked|.`}},
		{"bracket", "(It rained.) We left.", []string{"(|It|rained|.|)", "We|left|."}},
		{"title", "Mr. Smith left. Dr. Jones came.", []string{"Mr.|Smith|left|.", "Dr.|Jones|came|."}},
		{"initials", "J. K. Rowling wrote it.", []string{"J.|K.|Rowling|wrote|it|."}},
		{"mr mr", "Mr. Mr. Mr.", []string{"Mr.|Mr.|Mr|."}}, // the last stop ends the text
		{"dotted name", "The U.S. Army came.", []string{"The|U.S.|Army|came|."}},
		{"dotted end", "He lives in the U.S. The rest stay.", []string{"He|lives|in|the|U.S|.", "The|rest|stay|."}},
		{"company end", "She joined Acme Inc. It grew.", []string{"She|joined|Acme|Inc|.", "It|grew|."}},
		{"text end abbreviation", "apples, pears, etc.", []string{"apples|,|pears|,|etc|."}},
		{"decimal", "It rose 3.7 per cent. Then fell.", []string{"It|rose|3.7|per|cent|.", "Then|fell|."}},
		{"lower case web", "ok. see you", []string{"ok|.", "see|you"}},
		{"ellipsis lower", "well ... maybe not", []string{"well|...|maybe|not"}},
		{"citation", "It is known. [4] New work.", []string{"It|is|known|.|[|4|]", "New|work|."}},
		{"blank line", "Headline\n\nBody text", []string{"Headline", "Body|text"}},
		{"headline", "Ministers Resign\nThe cabinet met.", []string{"Ministers|Resign", "The|cabinet|met|."}},
		{"wrapped line", "The cabinet met early in the morning and again on\nthe evening of Tuesday and\nagreed.", []string{"The|cabinet|met|early|in|the|morning|and|again|on|the|evening|of|Tuesday|and", "agreed|."}},
		{"byline", "Wednesday 29th\nposted by Jo Bloggs", []string{"Wednesday|29th", "posted|by|Jo|Bloggs"}},
		{"list", "Items:\n- one\n- two", []string{"Items|:", "-|one", "-|two"}},
		{"list label", "2. Results\nWe won.", []string{"2.|Results", "We|won|."}},
		{"no stop", "a long line with no breaks", []string{"a|long|line|with|no|breaks"}},
		{"empty", "  \n\t ", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := forms(Split(tc.in))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Split(%q) =\n%q\nwant\n%q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSplitSpan(t *testing.T) {
	text := "Skip this. Keep this one. And this."
	start := strings.Index(text, "Keep")
	got := SplitSpan(text, start, len(text))
	if len(got) != 2 || got[0].Start != start || got[1].End != len(text) {
		t.Fatalf("SplitSpan(%q, %d, %d) = %+v, want 2 sentences from %d to %d", text, start, len(text), got, start, len(text))
	}
	for _, s := range got {
		for _, tk := range s.Tokens {
			if tk.Form != text[tk.Start:tk.End] {
				t.Errorf("token %+v: Form != text[%d:%d] = %q", tk, tk.Start, tk.End, text[tk.Start:tk.End])
			}
		}
	}
	for _, tc := range []struct{ start, end int }{{-5, 3}, {30, 1000}, {20, 10}} {
		_ = SplitSpan(text, tc.start, tc.end) // clamped, must not panic
	}
}

// TestSentenceTokensIndependent checks that appending to one sentence's
// tokens does not overwrite the next sentence's.
func TestSentenceTokensIndependent(t *testing.T) {
	ss := Split("One two. Three four.")
	if len(ss) != 2 {
		t.Fatalf("got %d sentences, want 2", len(ss))
	}
	_ = append(ss[0].Tokens, Token{Form: "x"})
	if ss[1].Tokens[0].Form != "Three" {
		t.Errorf("second sentence starts with %q after append to the first, want Three", ss[1].Tokens[0].Form)
	}
}

// checkSplit checks the properties every Split must have.
func checkSplit(t *testing.T, text string, ss []Sentence) {
	t.Helper()
	prevSent, prevTok := 0, 0
	for i, s := range ss {
		if len(s.Tokens) == 0 {
			t.Fatalf("sentence %d has no tokens", i)
		}
		if s.Start < prevSent || s.Start >= s.End || s.End > len(text) {
			t.Fatalf("sentence %d [%d,%d) out of order or bounds (previous ends %d, text %d)", i, s.Start, s.End, prevSent, len(text))
		}
		if s.Start != s.Tokens[0].Start || s.End != s.Tokens[len(s.Tokens)-1].End {
			t.Fatalf("sentence %d [%d,%d) does not cover its tokens", i, s.Start, s.End)
		}
		prevSent = s.End
		for _, tk := range s.Tokens {
			if tk.Start < prevTok || tk.Start >= tk.End || tk.End > len(text) {
				t.Fatalf("token %+v out of order or bounds (previous ends %d)", tk, prevTok)
			}
			if tk.Form != text[tk.Start:tk.End] {
				t.Fatalf("token %+v: Form != text[%d:%d]", tk, tk.Start, tk.End)
			}
			if strings.IndexFunc(tk.Form, isSpace) >= 0 {
				t.Fatalf("token %q holds white space", tk.Form)
			}
			prevTok = tk.End
		}
	}
}

func fuzzSeeds() []string {
	return []string{
		"",
		"He didn't say. Mr. Smith can't go! £3.7bn, e-mail jo@example.com or http://x.org/a.",
		strings.Repeat(`"`, 1024),
		strings.Repeat(`"'“”‘’`, 200),
		"Mr. Mr. Mr.",
		strings.Repeat("word ", 400),
		strings.Repeat("x", 2000),
		"((([[[ unclosed {{ brackets",
		"\xff\xfe invalid \xc3 UTF-8 \xe2\x80 end.",
		"n't 's ' ’ ` - -- ... …",
		"1,2,3,4,5 1.2.3.4 1-2-3-4-5 a.b.c.d.e",
		"J. K. L. M. N.\n\n\nA\r\nB\u2029C",
		":) :-( ;) :D http:// www. @ a@ @b mailto:",
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<16 {
			return
		}
		checkSplit(t, text, Split(text))
		if utf8.ValidString(text) {
			// White space ends tokens: no token may start inside a
			// space-separated word and take white space from another.
			for _, s := range Split(text) {
				for _, tk := range s.Tokens {
					if r, _ := utf8.DecodeRuneInString(tk.Form); unicode.IsSpace(r) {
						t.Fatalf("token %q starts with white space", tk.Form)
					}
				}
			}
		}
		// A span gives the same kind of result, within the span.
		if n := len(text); n > 2 {
			a, b := n/3, n-n/3
			for _, s := range SplitSpan(text, a, b) {
				if s.Start < a || s.End > b {
					t.Fatalf("SplitSpan(%d, %d) gave sentence [%d,%d)", a, b, s.Start, s.End)
				}
			}
		}
	})
}

// TestLinear splits each hostile seed repeated to a quarter of a megabyte.
// A splitter that backtracked over the text would take hours here, so the
// test's deadline guards the linear time without timing anything on a
// loaded machine; BenchmarkSplit measures the speed.
func TestLinear(t *testing.T) {
	for _, s := range fuzzSeeds() {
		if s == "" {
			continue
		}
		big := strings.Repeat(s, 1+(256<<10)/len(s))
		checkSplit(t, big, Split(big))
	}
}

func BenchmarkSplit(b *testing.B) {
	paths, _ := filepath.Glob("../../../shared/corpus/seeds/*.txt")
	if len(paths) == 0 {
		b.Skip("no seed documents")
	}
	var docs []string
	size := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, string(data))
		size += len(data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			Split(d)
		}
	}
}
