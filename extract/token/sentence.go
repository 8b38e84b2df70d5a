package token

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentences groups tokens into sentences. An abbreviation that ends a
// sentence gives up its full stop, as in EWT: "... Securities, Inc" ".".
func sentences(text string, toks []Token) []Sentence {
	var res []Token // nil until a token is split; until then toks serves
	var cuts []int  // where each sentence ends in the tokens
	first, n := 0, 0
	line := 0 // the first token of the current line
	for k := range toks {
		if k > 0 && lineBreaks(text[toks[k-1].End:toks[k].Start]) > 0 {
			line = k
		}
		if k+1 < len(toks) && !boundary(text, toks, first, line, k) {
			continue
		}
		t := terminator(toks, first, k)
		for i := first; i <= k; i++ {
			if f := toks[i].Form; i == t && len(f) > 1 && strings.HasSuffix(f, ".") && !isMarks(f) {
				if res == nil {
					res = make([]Token, n, len(toks)+len(toks)/16+1)
					copy(res, toks[:n])
				}
				e := toks[i].End
				res = append(res, Token{toks[i].Start, e - 1, f[:len(f)-1]}, Token{e - 1, e, "."})
				n += 2
				continue
			}
			if res != nil {
				res = append(res, toks[i])
			}
			n++
		}
		cuts = append(cuts, n)
		first = k + 1
	}
	if res == nil {
		res = toks
	}
	out := make([]Sentence, 0, len(cuts))
	from := 0
	for _, to := range cuts {
		// The capacity is capped so that appending to one sentence's tokens
		// never overwrites the next sentence's.
		ts := res[from:to:to]
		out = append(out, Sentence{Start: ts[0].Start, End: ts[len(ts)-1].End, Tokens: ts})
		from = to
	}
	return out
}

// boundary reports whether a sentence that began at toks[first] ends after
// toks[k]. A sentence ends at a blank line; at a line break unless the next
// line carries on in lower case; and at . ! ? (closing quotes and brackets
// may follow) before white space and something that can start a sentence,
// but not after a title or an initial ("Mr.", "J.").
func boundary(text string, toks []Token, first, line, k int) bool {
	cur, next := toks[k], toks[k+1]
	switch lineBreaks(text[cur.End:next.Start]) {
	case 0:
	case 1:
		return !lineContinues(toks, first, line, k)
	default:
		return true
	}
	if cur.End == next.Start || citationAt(toks, k+1) {
		return false
	}
	t := terminator(toks, first, k)
	if t < 0 {
		return false
	}
	form := toks[t].Form
	if !isMarks(form) {
		// An abbreviation that kept its full stop ends a sentence only
		// before a word that usually starts one: "... Corp. The" but not
		// "U.S. Army" or "Mr. Smith".
		return abbrev(form[:len(form)-1]) == mayEnd && starter(next.Form)
	}
	if r, _ := utf8.DecodeRuneInString(next.Form); unicode.IsLower(r) {
		// Web text starts sentences in lower case after ". " and "? ", but
		// not after an ellipsis or a quotation: "Why?" he asked.
		return t == k && (form == "." || strings.Trim(form, "!?") == "")
	}
	return startsSentence(next.Form)
}

// starter reports a capitalised word that usually starts a sentence.
func starter(f string) bool {
	switch f {
	case "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That",
		"These", "Those", "There", "Here", "But", "And", "So", "Or", "Yet", "In", "On", "At",
		"For", "If", "When", "While", "After", "Before", "As", "What", "Who", "How", "Why",
		"Its", "His", "Her", "Their", "Our", "My", "Your", "Yes", "No", "Not", "Then", "Also",
		"However", "Meanwhile", "Now", "Today", "Some", "Many", "Most", "All", "One", "Please",
		"Thanks", "Thank", "Let", "Is", "Are", "Was", "Do", "Does", "Did", "Can", "Will":
		return true
	}
	return false
}

// terminator returns the index of the . ! ? or abbreviation that toks[k]
// ends with, looking back over closing quotes and brackets attached to it,
// or -1.
func terminator(toks []Token, first, k int) int {
	t := k
	if c := citation(toks, first, k); c > first {
		t = c - 1
	}
	for u := t; t > first && u-t < 4 && isCloser(toks[t].Form) && toks[t-1].End == toks[t].Start; {
		t--
	}
	f := toks[t].Form
	if isMarks(f) || (strings.HasSuffix(f, ".") && len(f) > 1) {
		return t
	}
	return -1
}

// citation returns the index of the "[" of a reference such as "[4]" or
// "[10 - 12]" that ends at toks[k], or -1. A reference after a full stop
// belongs to the sentence before it.
func citation(toks []Token, first, k int) int {
	if toks[k].Form != "]" {
		return -1
	}
	for i := k - 1; i >= first && k-i < 8; i-- {
		switch f := toks[i].Form; {
		case f == "[":
			if i == k-1 {
				return -1
			}
			return i
		case f == "-" || f == "–" || f == "," || isDigit(rune(f[0])):
		default:
			return -1
		}
	}
	return -1
}

// citationAt reports a reference such as "[4]" starting at toks[i].
func citationAt(toks []Token, i int) bool {
	if toks[i].Form != "[" {
		return false
	}
	for j := i + 1; j < len(toks) && j-i < 8; j++ {
		switch f := toks[j].Form; {
		case f == "]":
			return j > i+1
		case f == "-" || f == "–" || f == "," || isDigit(rune(f[0])):
		default:
			return false
		}
	}
	return false
}

// isMarks reports a token of sentence-ending marks: ".", "?!", "...", "…".
func isMarks(f string) bool {
	if f == "" {
		return false
	}
	for _, r := range f {
		if r != '.' && r != '!' && r != '?' && r != '…' {
			return false
		}
	}
	return true
}

func isCloser(f string) bool {
	switch f {
	case "\"", "'", "”", "’", ")", "]", "}", "''", "»", "’’", "”’":
		return true
	}
	return false
}

// startsSentence reports whether a token can begin a sentence: not a word
// in lower case and not punctuation that only follows something.
func startsSentence(f string) bool {
	r, _ := utf8.DecodeRuneInString(f)
	switch {
	case unicode.IsUpper(r), unicode.IsDigit(r):
		return true
	case unicode.IsLower(r):
		return false
	}
	return !strings.ContainsRune(".,;:!?)]}%", r)
}

// lineBreaks counts the line breaks in the white space gap.
func lineBreaks(gap string) int {
	n := 0
	for i := 0; i < len(gap); i++ {
		switch gap[i] {
		case '\n':
			n++
		case '\r':
			if i+1 == len(gap) || gap[i+1] != '\n' {
				n++
			}
		}
	}
	return n + strings.Count(gap, "\u2029")
}

// lineContinues reports whether a single line break after toks[k] is inside
// a sentence: the line, which starts at toks[line], is long enough to have
// been wrapped, does not end in a mark that closes a sentence or introduces
// something, and the next line goes on in lower case. A short line is a
// heading or a byline ("Wednesday 29th" then "posted by ...").
func lineContinues(toks []Token, first, line, k int) bool {
	if toks[k].End-toks[line].Start < wrapWidth || terminator(toks, first, k) >= 0 || toks[k].Form == ":" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(toks[k+1].Form)
	return unicode.IsLower(r)
}

// wrapWidth is the shortest line taken for a wrapped one: wrapped text
// breaks lines near 70 or 80 columns, headings and bylines are shorter.
const wrapWidth = 40

// abbrevKind says how a word written with a full stop behaves.
type abbrevKind int

const (
	notAbbrev abbrevKind = iota
	// inside comes before what it qualifies and never ends a sentence:
	// titles ("Mr."), initials ("J."), "No.", months.
	inside
	// mayEnd can end a sentence: "etc.", "Inc.", "U.S.", "a.m.".
	mayEnd
)

// abbrev says whether w, a word before a full stop, is an abbreviation
// that keeps the stop, as EWT writes "Mr." and "U.S." as one token.
func abbrev(w string) abbrevKind {
	switch w {
	case "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Rev", "Revd", "St", "Mt", "Ft", "Messrs", "Gen",
		"Gov", "Lt", "Col", "Capt", "Sgt", "Maj", "Adm", "Cmdr", "Sen", "Rep", "Reps", "Hon",
		"Pres", "Supt", "Insp", "Det", "Cllr", "Fr", "Sr", "No", "Nos", "Vol", "vol", "Fig", "fig",
		"p", "pp", "para", "vs", "v", "cf", "ca", "c", "approx", "Attn", "attn", "eg", "ie", "esp",
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"Ave", "Blvd", "Rd", "Dept", "dept", "Univ", "Ph", "Op", "pop", "st", "ext", "Ext", "Tel", "tel":
		return inside
	case "etc", "al", "Inc", "Ltd", "Co", "Corp", "Bros", "Jr", "Mon", "Tue", "Tues", "Wed",
		"Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "yrs", "mins", "hrs", "oz", "lb", "lbs",
		"info", "misc", "Assn", "Ass", "Govt", "govt", "Intl":
		return mayEnd
	}
	r, n := utf8.DecodeRuneInString(w)
	if n == len(w) && unicode.IsUpper(r) {
		return inside // an initial
	}
	if strings.Contains(w, ".") {
		// "U.S", "e.g", "Ph.D": every piece a letter or two.
		for _, p := range strings.Split(w, ".") {
			if c := utf8.RuneCountInString(p); c == 0 || c > 2 || !isLetters(p) {
				return notAbbrev
			}
		}
		switch w {
		case "e.g", "i.e", "E.g", "I.e", "viz":
			return inside
		}
		return mayEnd
	}
	return notAbbrev
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
