package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentAbbrevs are words that end with a full stop without ending a sentence.
var sentAbbrevs = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "St": true, "Prof": true, "Rev": true,
	"Revd": true, "Messrs": true, "Mx": true, "No": true, "Nos": true, "vs": true, "v": true,
	"etc": true, "e.g": true, "i.e": true, "eg": true, "ie": true, "al": true, "cf": true,
	"approx": true, "Co": true, "Ltd": true, "Inc": true, "Corp": true, "Gen": true,
	"Col": true, "Capt": true, "Sgt": true, "Insp": true, "Cllr": true, "Hon": true,
	"Jr": true, "Sr": true, "Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true,
	"Jul": true, "Aug": true, "Sep": true, "Sept": true, "Oct": true, "Nov": true,
	"Dec": true, "Fig": true, "p": true, "pp": true, "para": true, "Vol": true, "vol": true,
	"ed": true, "eds": true, "Det": true, "Supt": true, "Lt": true, "Maj": true,
}

// maxSentenceBytes bounds a sentence: text with no sentence break for
// longer (a scraped page that is one enormous line, a run of "Mr. Mr.")
// is cut at the first space after this many bytes, or at twice as many
// wherever a character starts. No real sentence is this long, and every
// rule then works on a bounded window.
const maxSentenceBytes = 4096

// Split cuts the text of every section that is not boilerplate into
// sentences. With no sections the whole text is one section. A sentence ends
// at a blank line, at a line break (unless the next line carries on in lower
// case), or at . ! ? … followed by white space and something that can start a
// sentence; "Mr.", initials ("J. K."), decimals ("£3.7bn"), URLs and
// ellipses inside a sentence do not end it. A sentence longer than
// maxSentenceBytes is cut. Spans are trimmed of white space, so
// Text[Start:End] is exactly the sentence.
func Split(text string, sections []Section) []Sentence {
	var out []Sentence
	if len(sections) == 0 {
		return splitSpan(text, Span{0, len(text)}, -1, out)
	}
	for i, s := range sections {
		if s.Kind == SectionBoilerplate || s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			continue
		}
		out = splitSpan(text, s.Span, i, out)
	}
	return out
}

func splitSpan(text string, sp Span, section int, out []Sentence) []Sentence {
	emit := func(a, b int) {
		a, b = trimSpace(text, a, b)
		if a >= b {
			return
		}
		if n := len(out); n > 0 && out[n-1].End > a {
			return // sections overlap; never emit overlapping sentences
		}
		out = append(out, Sentence{Index: len(out), Span: Span{a, b}, Section: section})
	}
	start := sp.Start
	i := sp.Start
	for i < sp.End {
		c := text[i]
		if n := i - start; n >= maxSentenceBytes && (c == ' ' || c == '\t') || n >= 2*maxSentenceBytes && utf8.RuneStart(c) {
			emit(start, i)
			start = i
		}
		switch {
		case c == '\n':
			if !lineContinues(text, start, i, sp.End) {
				emit(start, i)
				start = i + 1
			}
			i++
		case c == '.' || c == '!' || c == '?' || (c == 0xE2 && strings.HasPrefix(text[i:], "…")):
			j := i
			for j < sp.End && j-i < 64 { // a run of "!!!!" is not one endless terminator
				r, n := utf8.DecodeRuneInString(text[j:])
				if r == '.' || r == '!' || r == '?' || r == '…' || isCloser(r) {
					j += n
					continue
				}
				break
			}
			if j >= sp.End {
				i = j
				continue
			}
			r, _ := utf8.DecodeRuneInString(text[j:])
			if r == '\n' || !unicode.IsSpace(r) {
				i = j
				continue
			}
			if sentenceEnds(text, start, i, j, sp.End) {
				emit(start, j)
				start = j
			}
			i = j
		default:
			i++
		}
	}
	emit(start, sp.End)
	return out
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '»':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '(', '[', '«', '•', '-', '–', '—', '*', '@', '£', '$', '#':
		return true
	}
	return false
}

// sentenceEnds decides whether the terminator at text[p] (closers through
// text[j]) ends a sentence begun at start.
func sentenceEnds(text string, start, p, j, end int) bool {
	k := j
	for k < end {
		r, n := utf8.DecodeRuneInString(text[k:])
		if r == '\n' || !unicode.IsSpace(r) {
			break
		}
		k += n
	}
	if k >= end || text[k] == '\n' {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[k:])
	if !(unicode.IsUpper(next) || unicode.IsDigit(next) || isOpener(next)) {
		return false
	}
	if text[p] != '.' || (p+1 < j && text[p+1] == '.') {
		return true // ! ? … or an ellipsis before a capital
	}
	// the word before the full stop
	w := p
	for w > start {
		r, n := utf8.DecodeLastRuneInString(text[:w])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		w -= n
	}
	word := text[w:p]
	if sentAbbrevs[word] {
		return false
	}
	// an initial: one capital letter ("J. K. Rowling")
	if r, n := utf8.DecodeRuneInString(word); n == len(word) && n > 0 && unicode.IsUpper(r) && unicode.IsUpper(next) {
		return false
	}
	return true
}

// lineContinues reports whether the line break at text[nl] is inside a
// sentence: a wrapped line whose next line goes on in lower case.
func lineContinues(text string, start, nl, end int) bool {
	prev := strings.TrimRightFunc(text[start:nl], unicode.IsSpace)
	if prev == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	if strings.ContainsRune(".!?:;…\"”’)", last) {
		return false
	}
	k := nl + 1
	for k < end && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	if k >= end {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[k:])
	return unicode.IsLower(r) && len(prev) > 50
}

func trimSpace(text string, a, b int) (int, int) {
	for a < b {
		r, n := utf8.DecodeRuneInString(text[a:])
		if !unicode.IsSpace(r) && r != '\uFEFF' {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(text[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= n
	}
	return a, b
}
