// Package parse is kg's dependency parser: a greedy arc-hybrid transition
// parser (Kuhlmann et al. 2011) whose moves are scored by an averaged
// perceptron over the feature templates of Zhang and Nivre (2011), trained
// with the dynamic oracle of Goldberg and Nivre (2013) so that it learns to
// recover from its own mistakes. It reads words with their part-of-speech
// tags and gives each word a head and a Universal Dependencies relation.
package parse

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/kgtool/kg/extract/perceptron"
)

// ErrCorrupt is wrapped by UnmarshalBinary errors.
var ErrCorrupt = errors.New("parse: corrupt model")

// RootLabel is the relation of the word that heads the sentence.
const RootLabel = "root"

// Example is one training sentence; Heads are 1-based with 0 for the root,
// as in CoNLL-U.
type Example struct {
	Words  []string
	Lemmas []string // optional; the parser reads them where given
	UPOS   []string
	XPOS   []string
	Heads  []int
	Labels []string
}

// ErrTree is wrapped by Validate errors.
var ErrTree = errors.New("parse: not a dependency tree")

// Validate reports whether ex is a tree the parser can learn from: one head
// per word, within the sentence, no cycle, and the root relation exactly on
// the words whose head is the root.
func (ex Example) Validate() error {
	n := len(ex.Words)
	if len(ex.Heads) != n || len(ex.Labels) != n {
		return fmt.Errorf("%d words, %d heads, %d labels: %w", n, len(ex.Heads), len(ex.Labels), ErrTree)
	}
	for i, h := range ex.Heads {
		if h < 0 || h > n || h == i+1 {
			return fmt.Errorf("word %d has head %d: %w", i+1, h, ErrTree)
		}
		if (h == 0) != (ex.Labels[i] == RootLabel) {
			return fmt.Errorf("word %d: head %d with relation %q: %w", i+1, h, ex.Labels[i], ErrTree)
		}
	}
	for i := range ex.Heads {
		if !dominates(ex.Heads, 0, i+1) {
			return fmt.Errorf("word %d is on a cycle: %w", i+1, ErrTree)
		}
	}
	return nil
}

// Options steer training.
type Options struct {
	Epochs  int     // passes over the data (default 12)
	Seed    uint64  // shuffles the examples and draws the explorations
	Explore float64 // chance of following a wrong prediction after the first pass (default 0.9)
	Prune   float32
	// Progress, when set, is called after each pass.
	Progress func(epoch int)
	// Checkpoint, when set, is called after each pass with the model
	// averaged so far (to choose the number of passes on held-out data).
	Checkpoint func(epoch int, m *Model)
}

// Model is a trained parser.
type Model struct {
	labels  []string
	rootLab int
	weights *perceptron.Model
}

// Labels returns the relation names, in label-number order.
func (m *Model) Labels() []string { return m.labels }

// Train learns a Model from examples, which must pass Validate.
// Non-projective trees are made projective first (Lift), since the
// arc-hybrid system builds only those. The same examples and options give
// the same model.
func Train(examples []Example, o Options) *Model {
	if o.Epochs == 0 {
		o.Epochs = 12
	}
	if o.Explore == 0 {
		o.Explore = 0.9
	}
	m := &Model{}
	seen := map[string]bool{RootLabel: true}
	for _, ex := range examples {
		for _, l := range ex.Labels {
			seen[l] = true
		}
	}
	for l := range seen {
		m.labels = append(m.labels, l)
	}
	sort.Strings(m.labels)
	index := map[string]int{}
	for i, l := range m.labels {
		index[l] = i
	}
	m.rootLab = index[RootLabel]
	nclasses := 1 + 2*len(m.labels)
	tr := perceptron.NewTrainer(nclasses)
	rng := rand.New(rand.NewPCG(o.Seed, 0xdeb))
	order := make([]int, len(examples))
	for i := range order {
		order[i] = i
	}
	t := newTrainSentence(nclasses)
	for epoch := 0; epoch < o.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			ex := examples[k]
			if len(ex.Words) == 0 {
				continue
			}
			t.load(ex, index)
			explore := 0.0
			if epoch > 0 {
				explore = o.Explore
			}
			m.trainOne(tr, t, rng, explore)
		}
		if o.Progress != nil {
			o.Progress(epoch)
		}
		if o.Checkpoint != nil {
			o.Checkpoint(epoch, &Model{labels: m.labels, rootLab: m.rootLab, weights: tr.Compile(o.Prune)})
		}
	}
	m.weights = tr.Compile(o.Prune)
	return m
}

// trainSentence is the reusable working memory of one training sentence.
type trainSentence struct {
	x      sentence
	s      state
	gold   []int // heads over 1..n, root n+1
	glab   []int
	feats  []perceptron.Feature
	scores []float32
}

func newTrainSentence(nclasses int) *trainSentence {
	return &trainSentence{scores: make([]float32, nclasses)}
}

func (t *trainSentence) load(ex Example, index map[string]int) {
	n := len(ex.Words)
	describe(&t.x, ex.Words, ex.Lemmas, ex.UPOS, ex.XPOS)
	heads := Lift(ex.Heads)
	t.gold = grow(t.gold, n+2, 0)
	t.glab = grow(t.glab, n+2, 0)
	for i := 1; i <= n; i++ {
		h := heads[i-1]
		if h == 0 {
			h = n + 1
		}
		t.gold[i] = h
		t.glab[i] = index[ex.Labels[i-1]]
	}
}

func (m *Model) trainOne(tr *perceptron.Trainer, t *trainSentence, rng *rand.Rand, explore float64) {
	n := len(t.gold) - 2
	s := &t.s
	s.reset(n)
	for !s.done() {
		t.feats = features(&t.x, s, t.feats[:0])
		clear(t.scores)
		tr.Score(t.feats, t.scores)
		guess := perceptron.Best(t.scores, func(c int) bool { return s.validClass(c, m.rootLab) })
		// The moves that lose no more gold arcs than the best possible move.
		var costs [3]int
		minCost := -1
		for mv := shift; mv <= right; mv++ {
			costs[mv] = -1
			if s.valid(mv) {
				costs[mv] = s.cost(mv, t.gold)
				if minCost < 0 || costs[mv] < minCost {
					minCost = costs[mv]
				}
			}
		}
		correct := func(c int) bool {
			if !s.validClass(c, m.rootLab) {
				return false
			}
			mv := moveOf(c)
			if costs[mv] != minCost {
				return false
			}
			if mv == shift {
				return true
			}
			s0 := s.stack[len(s.stack)-1]
			h := s.b
			if mv == right {
				h = s.stack[len(s.stack)-2]
			}
			return t.gold[s0] != h || t.glab[s0] == labelOf(c)
		}
		best := perceptron.Best(t.scores, correct)
		if best < 0 {
			panic("parse: no correct move: the example is not a valid tree (see Example.Validate)")
		}
		tr.Tick()
		tr.Learn(t.feats, best, guess)
		next := best
		if correct(guess) || rng.Float64() < explore {
			next = guess
		}
		s.apply(next)
	}
}

func describe(x *sentence, words, lemmas, upos, xpos []string) {
	x.reset(len(words))
	for i, w := range words {
		lower := strings.ToLower(w)
		x.w[i+1] = perceptron.HashString(lower)
		x.form[i+1] = perceptron.HashString(w)
		if l := at(lemmas, i); l != "" {
			x.lem[i+1] = perceptron.HashString(strings.ToLower(l))
		} else {
			x.lem[i+1] = x.w[i+1]
		}
		x.p[i+1] = perceptron.HashString(at(xpos, i))
		x.u[i+1] = perceptron.HashString(at(upos, i))
		suf := lower
		if len(suf) > 3 {
			suf = suf[len(suf)-3:]
		}
		x.suf[i+1] = perceptron.HashString(suf)
		x.shape[i+1] = shapeOf(w)
	}
}

func at(xs []string, i int) string {
	if i < len(xs) {
		return xs[i]
	}
	return ""
}

// Lift makes a tree projective by moving the head of each word whose arc
// crosses another to its head's head, shortest arcs first, until no arc
// crosses (Nivre and Nilsson 2005, without encoding the lifts in labels).
// heads are 1-based with 0 for the root; the result is a new slice.
func Lift(heads []int) []int {
	out := append(make([]int, 0, len(heads)), heads...)
	for iter := 0; iter < len(out)*len(out); iter++ {
		d := nonProjective(out)
		if d < 0 {
			break
		}
		out[d-1] = out[out[d-1]-1]
	}
	return out
}

// nonProjective returns the dependent (1-based) of the shortest arc that is
// not projective, or -1.
func nonProjective(heads []int) int {
	best, bestLen := -1, 0
	for d := 1; d <= len(heads); d++ {
		h := heads[d-1]
		if h == 0 {
			continue
		}
		a, b := min(h, d), max(h, d)
		for k := a + 1; k < b; k++ {
			if !dominates(heads, h, k) {
				if l := b - a; best < 0 || l < bestLen {
					best, bestLen = d, l
				}
				break
			}
		}
	}
	return best
}

// dominates reports whether h is an ancestor of k.
func dominates(heads []int, h, k int) bool {
	for steps := 0; k != 0 && steps <= len(heads); steps++ {
		k = heads[k-1]
		if k == h {
			return true
		}
	}
	return false
}

// Parser parses sentences with a Model, reusing its buffers: one per
// goroutine.
type Parser struct {
	m      *Model
	x      sentence
	s      state
	feats  []perceptron.Feature
	scores []float32
}

// NewParser returns a Parser over m.
func (m *Model) NewParser() *Parser {
	return &Parser{m: m, scores: make([]float32, 1+2*len(m.labels))}
}

// Parse gives each word a head (1-based, 0 for the root) and a relation.
// lemmas may be nil; heads and labels must have room for len(words).
func (p *Parser) Parse(words, lemmas, upos, xpos []string, heads []int, labels []string) {
	n := len(words)
	if n == 0 {
		return
	}
	describe(&p.x, words, lemmas, upos, xpos)
	s := &p.s
	s.reset(n)
	m := p.m
	for !s.done() {
		p.feats = features(&p.x, s, p.feats[:0])
		clear(p.scores)
		m.weights.Score(p.feats, p.scores)
		c := perceptron.Best(p.scores, func(c int) bool { return s.validClass(c, m.rootLab) })
		s.apply(c)
	}
	rootSeen := false
	for i := 1; i <= n; i++ {
		h, l := s.head[i], m.labels[s.label[i]]
		if h == n+1 {
			h = 0
			if rootSeen {
				// A second root hangs from the first, as parataxis.
				h, l = firstRoot(s, n), "parataxis"
			}
			rootSeen = true
		}
		heads[i-1], labels[i-1] = h, l
	}
}

func firstRoot(s *state, n int) int {
	for i := 1; i <= n; i++ {
		if s.head[i] == n+1 {
			return i
		}
	}
	return 0
}

// magic names the format and the feature templates; changing a template
// changes it, so that a model trained with other templates fails to load.
const magic = "KGDEP2"

// MarshalBinary encodes the model deterministically.
func (m *Model) MarshalBinary() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(magic)
	b.Write(perceptron.AppendStrings(nil, m.labels))
	wb, err := m.weights.MarshalBinary()
	if err != nil {
		return nil, err
	}
	b.Write(wb)
	return b.Bytes(), nil
}

// UnmarshalBinary decodes what MarshalBinary wrote.
func (m *Model) UnmarshalBinary(data []byte) error {
	if !bytes.HasPrefix(data, []byte(magic)) {
		return fmt.Errorf("no parser header: %w", ErrCorrupt)
	}
	r := bytes.NewReader(data[len(magic):])
	labels, err := perceptron.ReadStrings(r)
	if err != nil {
		return fmt.Errorf("parser labels: %w: %w", ErrCorrupt, err)
	}
	root := slices.Index(labels, RootLabel)
	if root < 0 {
		return fmt.Errorf("no root label: %w", ErrCorrupt)
	}
	w := &perceptron.Model{}
	if err := w.UnmarshalBinary(data[len(data)-r.Len():]); err != nil {
		return fmt.Errorf("parser weights: %w: %w", ErrCorrupt, err)
	}
	if w.Classes() != 1+2*len(labels) {
		return fmt.Errorf("weights for %d classes, %d labels: %w", w.Classes(), len(labels), ErrCorrupt)
	}
	*m = Model{labels: labels, rootLab: root, weights: w}
	return nil
}

// Prune returns a copy of m without its weights below threshold in
// magnitude (see perceptron.Model.Prune).
func (m *Model) Prune(threshold float32) *Model {
	return &Model{labels: m.labels, rootLab: m.rootLab, weights: m.weights.Prune(threshold)}
}

// Size is the number of features and of weights the model keeps.
func (m *Model) Size() (features, weights int) {
	return m.weights.Features(), m.weights.Weights()
}

// shapeOf hashes the shape of a word: the classes of its first and last
// character, whether it has a capital, a digit, a hyphen, and its length
// band. It stands in for words the parser never saw.
func shapeOf(w string) uint64 {
	var bits uint64
	for i, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			bits |= 1
			if i == 0 {
				bits |= 2
			}
		case r >= '0' && r <= '9':
			bits |= 4
		case r == '-':
			bits |= 8
		case r == '.' || r == ',' || r == '\'' || r == '"':
			bits |= 16
		case r > 127:
			bits |= 32
		}
	}
	switch n := len(w); {
	case n <= 2:
	case n <= 5:
		bits |= 64
	default:
		bits |= 128
	}
	return bits + 1
}
