// Package tag is a greedy sequence labeller: an averaged perceptron that
// reads each word's form, affixes and shape, its neighbours, the classes it
// chose for the two words before, and any values the caller adds per word.
// kg uses it twice: for parts of speech (a class is "UPOS XPOS") and for
// named entities (a class is an IOB2 tag, the extra values are the word's
// part of speech and the gazetteer lists it is in).
package tag

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/kgtool/kg/extract/perceptron"
)

// ErrCorrupt is wrapped by UnmarshalBinary errors.
var ErrCorrupt = errors.New("tag: corrupt model")

// Example is one training sentence.
type Example struct {
	Words []string
	Extra [][]uint64 // per word, optional
	Tags  []string
}

// Options steer training.
type Options struct {
	Epochs int    // passes over the data (default 10)
	Seed   uint64 // shuffles the examples of each pass
	Prune  float32
	// Frequent words that take one class at least this share of the time
	// are tagged by lookup (0 turns the dictionary off).
	DictShare float64
	DictMin   int
}

// Model is a trained labeller.
type Model struct {
	classes []string
	iob     bool // classes are IOB2 tags: I-X only after B-X or I-X
	dict    map[string]int
	amb     map[string]uint64 // lower-cased word -> hash of the classes it took
	weights *perceptron.Model
}

// Classes returns the class names, in class-number order.
func (m *Model) Classes() []string { return m.classes }

// Train learns a Model from examples. The same examples and options give the
// same model.
func Train(examples []Example, o Options) *Model {
	if o.Epochs == 0 {
		o.Epochs = 10
	}
	m := &Model{}
	index := map[string]int{}
	for _, ex := range examples {
		for _, t := range ex.Tags {
			if _, ok := index[t]; !ok {
				index[t] = 0
			}
		}
	}
	for t := range index {
		m.classes = append(m.classes, t)
	}
	sort.Strings(m.classes)
	for i, t := range m.classes {
		index[t] = i
	}
	m.iob = isIOB(m.classes)
	m.dict = buildDict(examples, index, o)
	m.amb = buildAmbiguity(examples, index, -1)
	// In training each sentence sees the ambiguity classes learnt from the
	// other half of the data, as unseen text will: otherwise a word's own
	// tag is always in its class and the tagger leans on it too much.
	folds := [2]*Model{{amb: buildAmbiguity(examples, index, 1)}, {amb: buildAmbiguity(examples, index, 0)}}
	tr := perceptron.NewTrainer(len(m.classes))
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x7a6))
	var feats []perceptron.Feature
	scores := make([]float32, len(m.classes))
	for epoch := 0; epoch < o.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ex := examples[k]
			ws := folds[k%2].describeAll(ex.Words, ex.Extra)
			prev := make([]int, len(ws))
			for i := range ws {
				gold := index[ex.Tags[i]]
				if c, ok := m.dict[ex.Words[i]]; ok {
					prev[i] = c
					continue
				}
				feats = features(ws, i, prev, feats[:0])
				clear(scores)
				tr.Score(feats, scores)
				guess := m.best(scores, prev, i)
				tr.Tick()
				tr.Learn(feats, gold, guess)
				prev[i] = guess
			}
		}
	}
	m.weights = tr.Compile(o.Prune)
	return m
}

func (m *Model) describeAll(words []string, extra [][]uint64) []word {
	ws := make([]word, len(words))
	for i, f := range words {
		var e []uint64
		if i < len(extra) {
			e = extra[i]
		}
		ws[i] = describe(f, e, m.ambiguity(f))
	}
	return ws
}

func (m *Model) ambiguity(form string) uint64 {
	if a, ok := m.amb[form]; ok {
		return a
	}
	if a, ok := m.amb[strings.ToLower(form)]; ok {
		return a
	}
	return 0
}

// buildAmbiguity records, for each word seen at least twice, the set of
// classes it took (each at least a tenth of the time): the tagger looks
// ahead at the ambiguity of the next words before it has tagged them.
// With fold 0 or 1 only the examples of that parity count.
func buildAmbiguity(examples []Example, index map[string]int, fold int) map[string]uint64 {
	counts := map[string]map[int]int{}
	for k, ex := range examples {
		if fold >= 0 && k%2 != fold {
			continue
		}
		for i, w := range ex.Words {
			for _, k := range []string{w, strings.ToLower(w)} {
				if counts[k] == nil {
					counts[k] = map[int]int{}
				}
				counts[k][index[ex.Tags[i]]]++
				if k == strings.ToLower(w) {
					break
				}
			}
		}
	}
	amb := map[string]uint64{}
	for w, byClass := range counts {
		total := 0
		for _, n := range byClass {
			total += n
		}
		if total < 2 {
			continue
		}
		var cls []int
		for c, n := range byClass {
			if n*10 >= total {
				cls = append(cls, c)
			}
		}
		sort.Ints(cls)
		h := uint64(1)
		for _, c := range cls {
			h = uint64(perceptron.Hash(h, uint64(c)))
		}
		amb[w] = h
	}
	return amb
}

func isIOB(classes []string) bool {
	hasO := false
	for _, c := range classes {
		if c == "O" {
			hasO = true
		} else if !strings.HasPrefix(c, "B-") && !strings.HasPrefix(c, "I-") {
			return false
		}
	}
	return hasO // with "O" there is always a class that may follow any other
}

// buildDict finds the frequent words that (nearly) always take one class.
func buildDict(examples []Example, index map[string]int, o Options) map[string]int {
	dict := map[string]int{}
	if o.DictShare == 0 {
		return dict
	}
	counts := map[string]map[int]int{}
	for _, ex := range examples {
		for i, w := range ex.Words {
			if counts[w] == nil {
				counts[w] = map[int]int{}
			}
			counts[w][index[ex.Tags[i]]]++
		}
	}
	for w, byClass := range counts {
		total, best, bestN := 0, -1, 0
		for c, n := range byClass {
			total += n
			if n > bestN || (n == bestN && c < best) {
				best, bestN = c, n
			}
		}
		if total >= o.DictMin && float64(bestN)/float64(total) >= o.DictShare {
			dict[w] = best
		}
	}
	return dict
}

// best picks the highest-scoring class that may follow the class before.
func (m *Model) best(scores []float32, prev []int, i int) int {
	if !m.iob {
		return perceptron.Best(scores, nil)
	}
	before := "O"
	if i > 0 {
		before = m.classes[prev[i-1]]
	}
	return perceptron.Best(scores, func(c int) bool {
		name := m.classes[c]
		return !strings.HasPrefix(name, "I-") || (before != "O" && before[2:] == name[2:])
	})
}

// Tagger labels sentences with a Model, reusing its buffers: one per
// goroutine.
type Tagger struct {
	m      *Model
	feats  []perceptron.Feature
	scores []float32
	ws     []word
	// seen caches the description of words met before (affixes, shape,
	// ambiguity class): most words of a text are frequent ones.
	seen map[string]word
}

// maxSeen bounds the cache of word descriptions.
const maxSeen = 1 << 16

// NewTagger returns a Tagger over m.
func (m *Model) NewTagger() *Tagger {
	return &Tagger{m: m, scores: make([]float32, len(m.classes)), seen: map[string]word{}}
}

// Tag writes the class number of each word to out (len(out) >= len(words)).
func (t *Tagger) Tag(words []string, extra [][]uint64, out []int) {
	t.ws = t.ws[:0]
	for i, f := range words {
		var e []uint64
		if i < len(extra) {
			e = extra[i]
		}
		w, ok := t.seen[f]
		if !ok {
			if len(t.seen) >= maxSeen {
				clear(t.seen)
			}
			w = describe(f, nil, t.m.ambiguity(f))
			t.seen[f] = w
		}
		w.extra = e
		t.ws = append(t.ws, w)
	}
	for i := range t.ws {
		if c, ok := t.m.dict[words[i]]; ok {
			out[i] = c
			continue
		}
		t.feats = features(t.ws, i, out, t.feats[:0])
		clear(t.scores)
		t.m.weights.Score(t.feats, t.scores)
		out[i] = t.m.best(t.scores, out, i)
	}
}

// magic names the format and the feature templates; changing a template
// changes it, so that a model trained with other templates fails to load.
const magic = "KGTAG2"

// MarshalBinary encodes the model deterministically.
func (m *Model) MarshalBinary() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(magic)
	b.Write(perceptron.AppendStrings(nil, m.classes))
	words := make([]string, 0, len(m.dict))
	for w := range m.dict {
		words = append(words, w)
	}
	sort.Strings(words)
	b.Write(perceptron.AppendStrings(nil, words))
	for _, w := range words {
		b.Write(binary.AppendUvarint(nil, uint64(m.dict[w])))
	}
	wb, err := m.weights.MarshalBinary()
	if err != nil {
		return nil, err
	}
	amb := make([]string, 0, len(m.amb))
	for w := range m.amb {
		amb = append(amb, w)
	}
	sort.Strings(amb)
	b.Write(perceptron.AppendStrings(nil, amb))
	for _, w := range amb {
		b.Write(binary.BigEndian.AppendUint64(nil, m.amb[w]))
	}
	b.Write(wb)
	return b.Bytes(), nil
}

// UnmarshalBinary decodes what MarshalBinary wrote.
func (m *Model) UnmarshalBinary(data []byte) error {
	if !bytes.HasPrefix(data, []byte(magic)) {
		return fmt.Errorf("no tagger header: %w", ErrCorrupt)
	}
	r := bytes.NewReader(data[len(magic):])
	classes, err := perceptron.ReadStrings(r)
	if err != nil {
		return fmt.Errorf("tagger classes: %w: %w", ErrCorrupt, err)
	}
	words, err := perceptron.ReadStrings(r)
	if err != nil {
		return fmt.Errorf("tagger dictionary: %w: %w", ErrCorrupt, err)
	}
	dict := make(map[string]int, len(words))
	for _, w := range words {
		c, err := binary.ReadUvarint(r)
		if err != nil || c >= uint64(len(classes)) {
			return fmt.Errorf("dictionary: %w", ErrCorrupt)
		}
		dict[w] = int(c)
	}
	ambWords, err := perceptron.ReadStrings(r)
	if err != nil {
		return fmt.Errorf("tagger ambiguity classes: %w: %w", ErrCorrupt, err)
	}
	amb := make(map[string]uint64, len(ambWords))
	for _, w := range ambWords {
		var v [8]byte
		if n, _ := r.Read(v[:]); n != 8 {
			return fmt.Errorf("ambiguity classes: %w", ErrCorrupt)
		}
		amb[w] = binary.BigEndian.Uint64(v[:])
	}
	rest := data[len(data)-r.Len():]
	weights := &perceptron.Model{}
	if err := weights.UnmarshalBinary(rest); err != nil {
		return fmt.Errorf("tagger weights: %w: %w", ErrCorrupt, err)
	}
	if weights.Classes() != len(classes) {
		return fmt.Errorf("weights for %d classes, %d names: %w", weights.Classes(), len(classes), ErrCorrupt)
	}
	*m = Model{classes: classes, iob: isIOB(classes), dict: dict, amb: amb, weights: weights}
	return nil
}
