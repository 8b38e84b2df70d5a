package token

import (
	"unicode"
	"unicode/utf8"
)

// Token is a word with half-open byte offsets into the text; Form == text[Start:End].
type Token struct {
	Start, End int
	Form       string
}

// Sentence is a run of tokens; Start/End cover its first and last token.
type Sentence struct {
	Start, End int
	Tokens     []Token
}

// Split cuts the whole text into sentences of tokens.
func Split(text string) []Sentence {
	return SplitSpan(text, 0, len(text))
}

// SplitSpan cuts only text[start:end] into sentences of tokens; offsets are
// still into text. Bounds outside the text are clamped to it.
func SplitSpan(text string, start, end int) []Sentence {
	start = max(0, min(start, len(text)))
	end = max(start, min(end, len(text)))
	toks := tokenize(text, start, end)
	return sentences(text, toks)
}

// tokenize cuts text[start:end] at white space into chunks and each chunk
// into tokens.
func tokenize(text string, start, end int) []Token {
	toks := make([]Token, 0, (end-start)/5+1) // about five bytes a token in English
	i := start
	for i < end {
		if n := spaceLen(text[i:end]); n > 0 {
			i += n
			continue
		}
		j := i
		for j < end && spaceLen(text[j:end]) == 0 {
			if text[j] < utf8.RuneSelf {
				j++
			} else {
				_, n := utf8.DecodeRuneInString(text[j:end])
				j += n
			}
		}
		toks = appendChunk(toks, text, i, j)
		i = j
	}
	return toks
}

// spaceLen returns the length of the white space rune starting s, or 0.
func spaceLen(s string) int {
	if c := s[0]; c < utf8.RuneSelf {
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f' {
			return 1
		}
		return 0
	}
	if r, n := utf8.DecodeRuneInString(s); isSpace(r) {
		return n
	}
	return 0
}

// isSpace reports white space, counting the zero-width space and the byte
// order mark, which separate words without showing.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}
