package ner

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgtool/kg/extract/conllu"
	"github.com/kgtool/kg/extract/perceptron"
	"github.com/kgtool/kg/extract/tag"
	"github.com/kgtool/kg/schema"
)

// ErrCorrupt is wrapped by UnmarshalBinary errors about the model's own
// header; errors of the labeller inside wrap tag.ErrCorrupt.
var ErrCorrupt = errors.New("ner: corrupt model")

// Model is a trained entity tagger.
type Model struct {
	tagger *tag.Model
	// gazetteer records whether the model was trained with gazetteer
	// features; a recogniser without them then scores lower than it could.
	gazetteer bool
}

// Train learns a Model from sents with the gazetteer of the default
// vocabulary (schema.MustLoadDefault). The same sentences and options give
// the same model.
func Train(sents []Sentence, o tag.Options) *Model {
	return TrainWith(sents, o, NewGazetteer(schema.MustLoadDefault()))
}

// TrainWith learns a Model from sents with the gazetteer g, or without
// gazetteer features when g is nil. The lists a model learns to trust are
// named by kind ("given name", "body"), so the vocabulary given to
// NewRecognizer may differ from g.
func TrainWith(sents []Sentence, o tag.Options, g *Gazetteer) *Model {
	examples := make([]tag.Example, len(sents))
	for k, s := range sents {
		tags := make([]string, len(s.Words))
		for i := range tags {
			tags[i] = "O"
		}
		for _, sp := range s.Spans {
			for i := sp.Start; i < sp.End && i < len(tags); i++ {
				p := "I-"
				if i == sp.Start {
					p = "B-"
				}
				tags[i] = p + sp.Label
			}
		}
		var gaz [][]uint64
		if g != nil {
			gaz = g.Features(s.Words)
		}
		examples[k] = tag.Example{Words: s.Words, Tags: tags, Extra: new(extraBuf).build(s.Words, dropTags(s.UPOS, k, o.Seed), gaz)}
	}
	return &Model{tagger: tag.Train(examples, o), gazetteer: g != nil}
}

// dropShare is the share (one in dropShare) of training words whose part of
// speech is hidden, so that the model learns to do without one: at run time
// the tags are predicted, and wrong or missing for some words. Trained on
// gold tags alone, the model loses nearly all its F1 when given none.
const dropShare = 10

// dropTags returns upos with the tags of about one word in dropShare
// blanked, chosen by a hash of the seed, the sentence and the word so the
// same data and seed give the same model.
func dropTags(upos []string, sentence int, seed uint64) []string {
	out := make([]string, len(upos))
	for i, u := range upos {
		if uint64(perceptron.Hash(seed, uint64(sentence), uint64(i)))%dropShare != 0 {
			out[i] = u
		}
	}
	return out
}

// extraBuf builds the per-word values the labeller reads besides the
// words: the context values of each word and its gazetteer lists. A
// Recognizer keeps one to reuse its arrays.
type extraBuf struct {
	vals  []uint64   // the values of all words, one after the other
	ends  []int      // ends[i]: end of word i's values in vals
	words [][]uint64 // the values of each word, slices of vals
	runs  []run      // the capitalised phrases of the sentence
}

func (b *extraBuf) build(words, upos []string, gaz [][]uint64) [][]uint64 {
	b.vals, b.ends, b.words = b.vals[:0], b.ends[:0], b.words[:0]
	b.runs = capitalRuns(words, b.runs)
	for i := range words {
		b.vals = context(words, upos, i, b.vals)
		b.vals = runValues(words, b.runs, i, b.vals)
		if i < len(gaz) {
			b.vals = append(b.vals, gaz[i]...)
		}
		b.ends = append(b.ends, len(b.vals))
	}
	start := 0
	for _, end := range b.ends {
		b.words = append(b.words, b.vals[start:end:end])
		start = end
	}
	return b.words
}

// Recognizer finds entities with a Model, reusing its buffers: one per
// goroutine.
type Recognizer struct {
	m      *Model
	g      *Gazetteer
	tagger *tag.Tagger
	out    []int
	tags   []string
	extra  extraBuf
	gaz    [][]uint64
	match  []schema.Match
}

// NewRecognizer returns a Recognizer over m that reads the gazetteer g
// (nil for none).
func (m *Model) NewRecognizer(g *Gazetteer) *Recognizer {
	return &Recognizer{m: m, g: g, tagger: m.tagger.NewTagger()}
}

// Entities returns the entity spans of a sentence, given its words and
// their universal parts of speech (predicted ones at run time; nil when
// unknown, at a loss of accuracy).
func (r *Recognizer) Entities(words, upos []string) []conllu.Span {
	if len(words) == 0 {
		return nil
	}
	var gaz [][]uint64
	if r.g != nil && r.m.gazetteer {
		r.gaz, r.match = r.g.features(words, r.gaz, r.match)
		gaz = r.gaz
	}
	extra := r.extra.build(words, upos, gaz)
	if cap(r.out) < len(words) {
		r.out = make([]int, len(words))
	}
	out := r.out[:len(words)]
	r.tagger.Tag(words, extra, out)
	r.tags = r.tags[:0]
	classes := r.m.tagger.Classes()
	for _, c := range out {
		r.tags = append(r.tags, classes[c])
	}
	spans := conllu.SpansFromIOB2(r.tags)
	if r.g != nil {
		spans = r.g.TrimTitles(words, spans)
	}
	return spans
}

const magic = "KGNER1"

// MarshalBinary encodes the model; the same model gives the same bytes.
func (m *Model) MarshalBinary() ([]byte, error) {
	tb, err := m.tagger.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("encode entity tagger: %w", err)
	}
	var b bytes.Buffer
	b.WriteString(magic)
	if m.gazetteer {
		b.WriteByte(1)
	} else {
		b.WriteByte(0)
	}
	b.Write(tb)
	return b.Bytes(), nil
}

// UnmarshalBinary decodes what MarshalBinary wrote.
func (m *Model) UnmarshalBinary(data []byte) error {
	if !bytes.HasPrefix(data, []byte(magic)) || len(data) < len(magic)+1 || data[len(magic)] > 1 {
		return fmt.Errorf("no entity tagger header: %w", ErrCorrupt)
	}
	t := &tag.Model{}
	if err := t.UnmarshalBinary(data[len(magic)+1:]); err != nil {
		return fmt.Errorf("entity tagger: %w", err)
	}
	*m = Model{tagger: t, gazetteer: data[len(magic)] == 1}
	return nil
}

// Templates of the context values, mixed with the strings they read.
const (
	xUPOS = iota + 1
	xUPOSCase
	xUPOSNext
	xUPOSPrev
	xCase3
	xUPOS3
	xRunEnd
	xRunStart
	xRunShape
)

// context appends the values that describe word i in its sentence beyond
// what the labeller reads itself: its part of speech, and conjunctions of
// parts of speech and letter case over a window of three words, which the
// labeller's templates (one extra value at a time) cannot form.
func context(words, upos []string, i int, buf []uint64) []uint64 {
	u := func(k int) uint64 {
		switch {
		case k < 0 || k >= len(words):
			return perceptron.HashString("<s>")
		case k < len(upos) && upos[k] != "":
			return perceptron.HashString(upos[k])
		}
		return perceptron.HashString("?")
	}
	c := func(k int) uint64 {
		if k < 0 || k >= len(words) {
			return perceptron.HashString("<s>")
		}
		return perceptron.HashString(caseClass(words[k]))
	}
	v := func(template uint64, values ...uint64) uint64 {
		return uint64(perceptron.Hash(template, values...))
	}
	if i < len(upos) && upos[i] != "" {
		buf = append(buf, v(xUPOS, u(i)))
	}
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	return append(buf,
		v(xUPOSCase, u(i), c(i), first),
		v(xUPOSNext, u(i), u(i+1)),
		v(xUPOSPrev, u(i-1), u(i)),
		v(xCase3, c(i-1), c(i), c(i+1)),
		v(xUPOS3, u(i-1), u(i), u(i+1)),
	)
}

// caseClass sorts a word by its letter case: "X" Capitalised, "A" all
// capitals, "x" lower case, "d" with a digit, "p" anything else.
func caseClass(w string) string {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.IsUpper(r):
		if len(w) > 1 && strings.ToUpper(w) == w {
			return "A"
		}
		return "X"
	case unicode.IsLower(r):
		return "x"
	case unicode.IsDigit(r):
		return "d"
	}
	return "p"
}

// run is a capitalised phrase, words [start, end).
type run struct{ start, end int }

// runLinks may join the capitalised words of one name: "Bank of England",
// "Procter & Gamble", "Universidad de Granada".
var runLinks = map[string]bool{"of": true, "for": true, "and": true, "&": true, "de": true, "the": true, "la": true, "del": true, "du": true, "von": true, "van": true}

// capitalRuns finds the capitalised phrases of a sentence: maximal runs of
// words that start with a capital, joined by runLinks when a capitalised
// word follows them.
func capitalRuns(words []string, dst []run) []run {
	dst = dst[:0]
	capital := func(w string) bool {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	for i := 0; i < len(words); {
		if !capital(words[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(words) {
			if capital(words[j]) {
				j++
				continue
			}
			if runLinks[words[j]] && j+1 < len(words) && capital(words[j+1]) {
				j += 2
				continue
			}
			break
		}
		dst = append(dst, run{i, j})
		i = j
	}
	return dst
}

// runValues appends, for a word inside a capitalised phrase, the phrase's
// last and first words and its length with the word's place in it: the
// labeller reads two words either side, and "United States Court of
// Appeals" is an organisation only by its fifth word.
func runValues(words []string, runs []run, i int, buf []uint64) []uint64 {
	for _, r := range runs {
		if i < r.start || i >= r.end {
			continue
		}
		pos := uint64(0) // first
		switch {
		case r.end-r.start == 1:
			pos = 3 // alone
		case i == r.end-1:
			pos = 2 // last
		case i > r.start:
			pos = 1 // inside
		}
		n := uint64(min(r.end-r.start, 5))
		return append(buf,
			uint64(perceptron.Hash(xRunEnd, perceptron.HashString(strings.ToLower(words[r.end-1])), pos)),
			uint64(perceptron.Hash(xRunStart, perceptron.HashString(strings.ToLower(words[r.start])), pos)),
			uint64(perceptron.Hash(xRunShape, n, pos)),
		)
	}
	return buf
}
