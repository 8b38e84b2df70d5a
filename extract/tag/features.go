package tag

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgtool/kg/extract/perceptron"
)

// word is what the features read of one word, computed once per sentence.
type word struct {
	lower, shape       uint64
	pre1, pre2, pre3   uint64
	suf1, suf2, suf3   uint64
	suf4               uint64
	hyphen, digit, cap uint64
	extra              []uint64 // the caller's own values for this word
	form               uint64   // case kept
	amb                uint64   // the classes the word took in training
}

func describe(form string, extra []uint64, amb uint64) word {
	lower := strings.ToLower(form)
	w := word{
		form:  perceptron.HashString(form),
		amb:   amb,
		lower: perceptron.HashString(lower),
		shape: perceptron.HashString(shape(form)),
		pre1:  perceptron.HashString(prefix(lower, 1)),
		pre2:  perceptron.HashString(prefix(lower, 2)),
		pre3:  perceptron.HashString(prefix(lower, 3)),
		suf1:  perceptron.HashString(suffix(lower, 1)),
		suf2:  perceptron.HashString(suffix(lower, 2)),
		suf3:  perceptron.HashString(suffix(lower, 3)),
		suf4:  perceptron.HashString(suffix(lower, 4)),
		extra: extra,
	}
	if strings.ContainsRune(form, '-') {
		w.hyphen = 1
	}
	if strings.ContainsAny(form, "0123456789") {
		w.digit = 1
	}
	if r, _ := utf8.DecodeRuneInString(form); unicode.IsUpper(r) {
		w.cap = 1
	}
	return w
}

// shape maps letters to X/x and digits to d, collapsing runs longer than
// two: "McDonald" -> "XxXxx", "£3.7bn" -> "£d.dxx".
func shape(s string) string {
	var b strings.Builder
	var last rune
	run := 0
	for _, r := range s {
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c == last {
			run++
			if run > 2 {
				continue
			}
		} else {
			run = 1
		}
		last = c
		b.WriteRune(c)
		if b.Len() > 12 {
			break
		}
	}
	return b.String()
}

func prefix(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}

func suffix(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// Feature templates of the tagger, one number each.
const (
	fBias = iota + 1
	fWord
	fShape
	fPre1
	fPre2
	fPre3
	fSuf1
	fSuf2
	fSuf3
	fSuf4
	fHyphen
	fDigit
	fCapFirst
	fPrev
	fPrev2
	fPrevPrev2
	fPrevWord
	fPrevSuf3Word
	fWordM1
	fWordM2
	fWordP1
	fWordP2
	fSuf3M1
	fSuf3P1
	fShapeP1
	fShapeM1
	fBigramM1
	fBigramP1
	fNextNext
	fPrevWordP1
	fExtra
	fExtraP1
	fExtraM1
	fExtraPrev
	fExtraWord
	fForm
	fAmb
	fAmbP1
	fAmbP2
	fAmbM1
	fPrevAmbP1
	fAmbWord
)

// none stands for a position outside the sentence.
const none = 0x5eed

// features lists the features of word i given the classes already chosen
// for the words before it.
func features(ws []word, i int, prev []int, out []perceptron.Feature) []perceptron.Feature {
	w := ws[i]
	at := func(k int) word {
		if k < 0 || k >= len(ws) {
			return word{lower: none, shape: none, suf3: none, amb: none}
		}
		return ws[k]
	}
	p1, p2 := uint64(none), uint64(none)
	if i >= 1 {
		p1 = uint64(prev[i-1])
	}
	if i >= 2 {
		p2 = uint64(prev[i-2])
	}
	m1, m2, n1, n2 := at(i-1), at(i-2), at(i+1), at(i+2)
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	h := perceptron.Hash
	out = append(out,
		h(fBias),
		h(fWord, w.lower),
		h(fShape, w.shape),
		h(fPre1, w.pre1), h(fPre2, w.pre2), h(fPre3, w.pre3),
		h(fSuf1, w.suf1), h(fSuf2, w.suf2), h(fSuf3, w.suf3), h(fSuf4, w.suf4),
		h(fHyphen, w.hyphen), h(fDigit, w.digit), h(fCapFirst, w.cap, first),
		h(fPrev, p1), h(fPrev2, p2), h(fPrevPrev2, p1, p2),
		h(fPrevWord, p1, w.lower), h(fPrevSuf3Word, p1, w.suf3),
		h(fWordM1, m1.lower), h(fWordM2, m2.lower), h(fWordP1, n1.lower), h(fWordP2, n2.lower),
		h(fSuf3M1, m1.suf3), h(fSuf3P1, n1.suf3),
		h(fShapeP1, n1.shape), h(fShapeM1, m1.shape),
		h(fBigramM1, m1.lower, w.lower), h(fBigramP1, w.lower, n1.lower),
		h(fNextNext, n1.lower, n2.lower), h(fPrevWordP1, p1, n1.lower),
		h(fForm, w.form), h(fAmb, w.amb), h(fAmbP1, n1.amb), h(fAmbP2, n2.amb), h(fAmbM1, m1.amb),
		h(fPrevAmbP1, p1, w.amb, n1.amb), h(fAmbWord, w.amb, w.suf3),
	)
	for _, e := range w.extra {
		out = append(out, h(fExtra, e), h(fExtraPrev, e, p1), h(fExtraWord, e, w.lower))
	}
	for _, e := range n1.extra {
		out = append(out, h(fExtraP1, e))
	}
	for _, e := range m1.extra {
		out = append(out, h(fExtraM1, e))
	}
	return out
}
