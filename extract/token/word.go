package token

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// appendChunk appends the tokens of text[a:b], a run without white space.
// A URL or an e-mail address is one token once the brackets, quotes and
// punctuation around it are split off.
func appendChunk(toks []Token, text string, a, b int) []Token {
	ca, cb := trimChunk(text, a, b)
	if ca < cb && (isURL(text[ca:cb]) || isEmail(text[ca:cb])) {
		toks = scan(toks, text, a, ca)
		toks = append(toks, Token{Start: ca, End: cb, Form: text[ca:cb]})
		return scan(toks, text, cb, b)
	}
	return scan(toks, text, a, b)
}

// trimChunk narrows text[a:b] past leading openers and trailing punctuation.
func trimChunk(text string, a, b int) (int, int) {
	for a < b {
		r, n := utf8.DecodeRuneInString(text[a:b])
		if !strings.ContainsRune("([{<\"'“‘«`", r) {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(text[a:b])
		if !strings.ContainsRune(".,;:!?)]}>\"'”’»", r) {
			break
		}
		b -= n
	}
	return a, b
}

// isURL reports a web address written with a scheme or "www.".
func isURL(s string) bool {
	if len(s) > 4 && strings.EqualFold(s[:4], "www.") && strings.Contains(s[4:], ".") {
		return true
	}
	if len(s) > 7 && strings.EqualFold(s[:7], "mailto:") {
		return true
	}
	i := strings.Index(s, "://")
	if i <= 0 || i+3 >= len(s) {
		return false
	}
	for _, r := range s[:i] {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// isEmail reports local@domain.tld, or local@HOST as in EWT's Enron mail
// headers ("Edison@ENRON").
func isEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') {
		return false
	}
	local, domain := s[:at], s[at+1:]
	for _, r := range local {
		if !(isAlnum(r) || strings.ContainsRune("._%+-'", r)) {
			return false
		}
	}
	if domain == "" || domain[0] == '.' || domain[len(domain)-1] == '.' {
		return false
	}
	for _, r := range domain {
		if !(isAlnum(r) || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

// scan appends the tokens of text[a:b]: words, and punctuation split off
// them. A run of the same mark ("...", "--", "!!!") is one token, as in EWT.
func scan(toks []Token, text string, a, b int) []Token {
	i := a
	for i < b {
		r, n := utf8.DecodeRuneInString(text[i:b])
		if isWord(r) {
			toks, i = appendWord(toks, text, i, b)
			continue
		}
		j := i + n
		if c := cliticLen(text, i, b); c > 0 && len(toks) > 0 && toks[len(toks)-1].End == i {
			j = i + c // a second clitic: "they'd've"
		} else if m := emoticon(text[i:b]); m > 0 {
			j = i + m
		} else if m := shortYear(text[i:b]); m > 0 {
			j = i + m
		} else if !strings.ContainsRune("()[]{}", r) && r != utf8.RuneError {
			for j < b {
				r2, n2 := utf8.DecodeRuneInString(text[j:b])
				if r2 != r && !(isBang(r) && isBang(r2)) {
					break
				}
				j += n2
			}
		}
		toks = append(toks, Token{Start: i, End: j, Form: text[i:j]})
		i = j
	}
	return toks
}

// isBang reports the marks that group into one token in any mix: "?!", ".?".
func isBang(r rune) bool { return r == '!' || r == '?' || r == '.' }

// shortYear returns the length of a year written "'67" or "'80s" at the
// start of s, or 0.
func shortYear(s string) int {
	if len(s) < 3 || s[0] != '\'' || !isDigit(rune(s[1])) || !isDigit(rune(s[2])) {
		return 0
	}
	i := 3
	if i < len(s) && s[i] == 's' {
		i++
	}
	if i < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[i:]); isWord(r) {
			return 0
		}
	}
	return i
}

// emoticon returns the length of a smiley at the start of s (":)", ";-)",
// ":D"), or 0. It must end s or be followed by something that is not a
// letter or digit.
func emoticon(s string) int {
	if len(s) < 2 || (s[0] != ':' && s[0] != ';') {
		return 0
	}
	i := 1
	if s[i] == '-' && len(s) > 2 {
		i++
	}
	if !strings.ContainsRune(")(DPp/", rune(s[i])) {
		return 0
	}
	i++
	if i < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if isWord(r) {
			return 0
		}
	}
	if s[i-1] == '/' && i < len(s) && s[i] == '/' {
		return 0 // "://"
	}
	return i
}

// isWord reports a rune that a word is made of.
func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '`' }

// initialDot reports a full stop after an initial that runs into a name
// without a space, "J.Aron", which EWT writes "J." "Aron".
func initialDot(text string, seg, dot, after, b int) bool {
	if r, n := utf8.DecodeRuneInString(text[seg:dot]); n != dot-seg || !unicode.IsUpper(r) {
		return false
	}
	r, n := utf8.DecodeRuneInString(text[after:b])
	if !unicode.IsUpper(r) || after+n >= b {
		return false
	}
	r, _ = utf8.DecodeRuneInString(text[after+n : b])
	return unicode.IsLower(r)
}

// appendWord appends the tokens of the word starting at text[a] and returns
// where it stops. Inside a word, '.' before a letter or digit ("U.S",
// "3.7", "amazon.com"), ',' in thousands, ':' in times, '&' in "AT&T", an
// apostrophe between letters ("O'Brien") and a hyphen after a prefix
// ("e-mail") or inside a phone number are kept; a clitic splits the word.
func appendWord(toks []Token, text string, a, b int) ([]Token, int) {
	j, seg := a, a // seg is where the current piece of the word starts
	clitic := 0    // the length of a clitic starting at j, once found
loop:
	for j < b {
		if c := text[j]; c < utf8.RuneSelf && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			j++ // the common case, without decoding
			continue
		}
		r, n := utf8.DecodeRuneInString(text[j:b])
		if isWord(r) {
			j += n
			continue
		}
		if j+n >= b {
			break
		}
		prev, _ := utf8.DecodeLastRuneInString(text[a:j])
		next, _ := utf8.DecodeRuneInString(text[j+n : b])
		switch {
		case r == '.' && isWord(next) && !(unicode.IsLower(prev) && unicode.IsUpper(next)) && !initialDot(text, seg, j, j+n, b):
		case r == ',' && isDigit(prev) && thousands(text[j+n:b]):
		case r == ':' && isDigit(prev) && isDigit(next):
		case r == '/' && slashJoins(text, seg, j, j+n, b):
		case r == '&' && unicode.IsLetter(prev) && unicode.IsLetter(next) &&
			(unicode.IsUpper(prev) && unicode.IsUpper(next) || j-seg == 1):
		case r == '_' && isWord(next):
		case r == '-' || r == '‐' || r == '‑':
			if !hyphenJoins(text, seg, j, j+n, b) {
				break loop
			}
		case isApostrophe(r) && isDigit(prev) && (next == 's' || next == 'S'):
			// "80's" is one token in EWT
		case isApostrophe(r):
			if clitic = cliticLen(text, j, b); clitic > 0 {
				break loop
			}
			if !unicode.IsLetter(prev) || !unicode.IsLetter(next) {
				break loop
			}
		default:
			break loop
		}
		j += n
		seg = j // the connector starts a new piece of the word
	}
	end := j
	if clitic > 0 {
		// "n't" takes the n from the word: "do" + "n't", "ca" + "n't".
		if c := text[j+runeLen(text, j)]; c == 't' || c == 'T' {
			// cliticLen has checked that an n comes before the apostrophe.
			if _, pn := utf8.DecodeLastRuneInString(text[a:j]); j-pn > a {
				end = j - pn
				clitic += pn
			} else {
				end, clitic = j+clitic, 0 // a lone "n't"
			}
		}
	} else if end < b && text[end] == '.' && !(end+2 < b && text[end+1] == '.' && text[end+2] == '.') &&
		(abbrev(text[a:end]) != notAbbrev || (end+1 == b && listLabel(text, a, end))) {
		end++
	}
	toks = appendPieces(toks, text, a, end)
	if clitic > 0 {
		toks = append(toks, Token{Start: end, End: end + clitic, Form: text[end : end+clitic]})
		end += clitic
	}
	return toks, end
}

// listLabel reports a number of one to three digits at the start of a
// line, text[a:end], which with its full stop labels a list item or a
// heading ("2. Results").
func listLabel(text string, a, end int) bool {
	if end-a > 3 {
		return false
	}
	for i := a; i < end; i++ {
		if !isDigit(rune(text[i])) {
			return false
		}
	}
	i := a - 1
	for i >= 0 && (text[i] == ' ' || text[i] == '\t') {
		i--
	}
	return i < 0 || text[i] == '\n'
}

// isUpperLetters reports a word of capital letters only.
func isUpperLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// runeLen is the byte length of the rune at text[j].
func runeLen(text string, j int) int {
	_, n := utf8.DecodeRuneInString(text[j:])
	return n
}

// cliticLen returns the length of the clitic ('s 'm 'd 'll 're 've 't,
// straight or curly) whose apostrophe is at text[j], or 0. The clitic must
// not run on into more letters ("O'Brien").
func cliticLen(text string, j, b int) int {
	_, n := utf8.DecodeRuneInString(text[j:b])
	rest := text[j+n : b]
	for _, c := range [...]string{"ll", "re", "ve", "s", "m", "d", "t"} {
		if len(rest) >= len(c) && strings.EqualFold(rest[:len(c)], c) {
			if len(rest) > len(c) {
				if r, _ := utf8.DecodeRuneInString(rest[len(c):]); unicode.IsLetter(r) {
					continue
				}
			}
			if c == "t" {
				if p, _ := utf8.DecodeLastRuneInString(text[:j]); p != 'n' && p != 'N' {
					return 0
				}
			}
			return n + len(c)
		}
	}
	return 0
}

// thousands reports whether s starts with three digits that do not run on
// into a fourth ("1,000" but not "1,2345").
func thousands(s string) bool {
	if len(s) < 3 || !isDigit(rune(s[0])) || !isDigit(rune(s[1])) || !isDigit(rune(s[2])) {
		return false
	}
	return len(s) == 3 || !isDigit(rune(s[3]))
}

// hyphenJoins reports whether the hyphen at text[h:after] stays inside the
// word: after a prefix ("e-mail", "non-profit", "co-founder") or inside a
// phone number ("646-8420", "713-853-3989"). EWT splits every other hyphen:
// "search - engine", "2003 - 2007".
func hyphenJoins(text string, seg, h, after, b int) bool {
	next, _ := utf8.DecodeRuneInString(text[after:b])
	if !isWord(next) {
		return false
	}
	if prefix(text[seg:h]) {
		return true
	}
	left := digitsBack(text[seg:h])
	if left == 0 {
		return false
	}
	right := 0
	for after+right < b && right < 6 && isDigit(rune(text[after+right])) {
		right++
	}
	stop := after + right
	if stop < b {
		if r, _ := utf8.DecodeRuneInString(text[stop:b]); isWord(r) {
			return false
		}
	}
	switch {
	case right == 4 && left != 4:
		return true
	case left == 3 && right == 3 && stop < b && text[stop] == '-':
		return true
	}
	return false
}

// digitsBack counts the digits ending s.
func digitsBack(s string) int {
	n := 0
	for n < len(s) && isDigit(rune(s[len(s)-1-n])) {
		n++
	}
	return n
}

// slashJoins reports whether the slash at text[s:after] stays inside the
// word: in dates and fractions ("3/4/2005") and between single letters
// ("w/o", "l/c"). EWT splits "blog / site".
func slashJoins(text string, seg, s, after, b int) bool {
	left := text[seg:s]
	next, nn := utf8.DecodeRuneInString(text[after:b])
	if isDigit(next) && digitsBack(left) > 0 {
		return true
	}
	if _, ln := utf8.DecodeRuneInString(left); ln != len(left) || !unicode.IsLetter(next) {
		return false
	}
	if after+nn < b {
		r, _ := utf8.DecodeRuneInString(text[after+nn : b])
		return !isWord(r)
	}
	return true
}

// lower returns s in ASCII lower case in buf, or nil when s is longer than
// buf; the word lists it is matched against are short and ASCII, and a
// switch on string(lower(...)) does not allocate.
func lower(buf *[8]byte, s string) []byte {
	if len(s) > len(buf) {
		return nil
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(s)]
}

// prefix reports the prefixes after which EWT keeps a hyphen in the word.
func prefix(s string) bool {
	var buf [8]byte
	switch string(lower(&buf, s)) {
	case "e", "non", "pre", "post", "co", "re", "anti", "semi", "pro", "multi", "mid", "ex",
		"cross", "sub", "pan", "mini", "inter", "intra", "counter", "over", "bi", "tri", "un",
		"neo", "quasi", "ultra", "micro", "macro", "mega", "de", "hyper", "pseudo", "trans":
		return true
	}
	return false
}

// appendPieces appends the word text[a:b], split where EWT splits a word
// written without an apostrophe or a space: "cannot" is "can" "not",
// "gonna" is "gon" "na", "dont" is "do" "nt", and an amount with its unit,
// "25bn", is "25" "bn".
func appendPieces(toks []Token, text string, a, b int) []Token {
	w := text[a:b]
	if k := fusedSplit(w); k > 0 {
		return append(toks, Token{a, a + k, w[:k]}, Token{a + k, b, w[k:]})
	}
	if k := unitSplit(w); k > 0 {
		return append(toks, Token{a, a + k, w[:k]}, Token{a + k, b, w[k:]})
	}
	return append(toks, Token{a, b, w})
}

// fusedSplit returns where a fused word splits, or 0.
func fusedSplit(w string) int {
	var buf [8]byte
	switch string(lower(&buf, w)) {
	case "cannot", "gonna", "wanna", "gotta":
		return 3
	case "im", "ive", "alot":
		return 1
	case "dont", "isnt", "aint":
		return 2
	case "didnt", "wasnt", "arent", "hasnt", "hadnt":
		return 3
	case "doesnt", "werent", "havent", "thats", "whats", "heres":
		return 4
	case "couldnt", "wouldnt", "theres":
		return 5
	case "shouldnt":
		return 6
	}
	return 0
}

// unitSplit returns where an amount ends and its unit begins ("25bn",
// "3.7m", "10km"), or 0.
func unitSplit(w string) int {
	k := 0
	for k < len(w) && (isDigit(rune(w[k])) || (k > 0 && (w[k] == '.' || w[k] == ',') && k+1 < len(w) && isDigit(rune(w[k+1])))) {
		k++
	}
	if k == 0 || k == len(w) {
		return 0
	}
	if u := w[k:]; len(u) >= 3 && isUpperLetters(u) {
		return k // "398,487MMBTU"
	}
	var buf [8]byte
	switch string(lower(&buf, w[k:])) {
	case "bn", "m", "mn", "k", "b", "tn", "km", "kg", "mm", "cm", "ml", "mph", "lb", "lbs",
		"ft", "am", "pm", "g", "mg", "kph", "mw", "gw", "kw", "mb", "gb", "tb", "kb", "hrs", "hr",
		"min", "mins", "yrs", "x":
		return k
	}
	return 0
}
