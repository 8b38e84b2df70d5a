// Package perceptron is the learner under kg's tagger, parser and entity
// tagger: a multiclass averaged perceptron over hashed features (Collins
// 2002; Daumé's trick for the average), trained in one goroutine so that the
// same data and seed give the same weights, then compiled into a sparse,
// read-only Model that scores without allocating.
package perceptron

import (
	"math"
)

// Feature is a hashed feature: a template number mixed with the values it
// looks at (see Hash).
type Feature uint64

// Hash mixes a template number and its values into a Feature. The mix is
// splitmix64's finaliser, so it is the same on every machine.
func Hash(template uint64, values ...uint64) Feature {
	h := template*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019
	for _, v := range values {
		h ^= v + 0x9E3779B97F4A7C15 + (h << 6) + (h >> 2)
		h = mix(h)
	}
	return Feature(mix(h))
}

// HashString hashes a string (a word form, a suffix) for use as a value.
func HashString(s string) uint64 {
	// FNV-1a, 64 bit.
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func mix(z uint64) uint64 {
	z ^= z >> 30
	z *= 0xBF58476D1CE4E5B9
	z ^= z >> 27
	z *= 0x94D049BB133111EB
	z ^= z >> 31
	return z
}

// Trainer holds the weights while they are learnt: for each feature a dense
// row of class weights w and of their time-weighted updates u, so that the
// average after c steps is w - u/c.
type Trainer struct {
	classes int
	index   table
	w       []float32
	u       []float64
	steps   int
}

// NewTrainer returns a Trainer for the given number of classes.
func NewTrainer(classes int) *Trainer {
	return &Trainer{classes: classes, index: newTable(1 << 16)}
}

// Classes is the number of classes.
func (t *Trainer) Classes() int { return t.classes }

// Score adds the current weights of feats to scores (len = classes).
func (t *Trainer) Score(feats []Feature, scores []float32) {
	n := t.classes
	for _, f := range feats {
		i, ok := t.index.get(uint64(f))
		if !ok {
			continue
		}
		row := t.w[int(i)*n : int(i)*n+n]
		for c, v := range row {
			scores[c] += v
		}
	}
}

// Tick counts one training example; call it once per prediction, whether or
// not it was right, so that the average weighs each step alike.
func (t *Trainer) Tick() { t.steps++ }

// Update moves the weights of feats by delta for class c.
func (t *Trainer) Update(feats []Feature, c int, delta float32) {
	n := t.classes
	for _, f := range feats {
		i, ok := t.index.get(uint64(f))
		if !ok {
			i = int32(len(t.w) / n)
			t.index.put(uint64(f), i)
			t.w = append(t.w, make([]float32, n)...)
			t.u = append(t.u, make([]float64, n)...)
		}
		j := int(i)*n + c
		t.w[j] += delta
		t.u[j] += float64(t.steps) * float64(delta)
	}
}

// Learn is one perceptron step: if guess differs from truth, reward truth
// and penalise guess.
func (t *Trainer) Learn(feats []Feature, truth, guess int) {
	if truth != guess {
		t.Update(feats, truth, 1)
		t.Update(feats, guess, -1)
	}
}

// Features is the number of features with a weight row.
func (t *Trainer) Features() int { return len(t.w) / t.classes }

// Compile averages the weights, rounds them to the stored resolution
// (so that a model scores the same before and after encoding) and keeps, for each feature, the classes
// whose averaged weight has magnitude at least prune. The result is
// independent of the order in which features were first seen.
func (t *Trainer) Compile(prune float32) *Model {
	n := t.classes
	c := float64(t.steps)
	if c == 0 {
		c = 1
	}
	type row struct {
		key  uint64
		cls  []uint16
		vals []float32
	}
	rows := make([]row, 0, t.Features())
	for _, slot := range t.index.slots() {
		base := int(slot.val) * n
		var r row
		r.key = slot.key
		for k := 0; k < n; k++ {
			v := float64(t.w[base+k]) - t.u[base+k]/c
			q := math.Round(v / quantum)
			if math.Abs(v) >= float64(prune) && q != 0 {
				r.cls = append(r.cls, uint16(k))
				r.vals = append(r.vals, float32(q*quantum))
			}
		}
		if len(r.cls) > 0 {
			rows = append(rows, r)
		}
	}
	sortRows(rows, func(r row) uint64 { return r.key })
	m := newModel(n, len(rows))
	for _, r := range rows {
		m.add(r.key, r.cls, r.vals)
	}
	return m
}

// Model is a compiled, read-only perceptron: for each feature the classes
// it votes for and by how much. A feature costs two cache lines to score:
// its slot in an open-addressing table, then its run of (class, weight)
// entries.
type Model struct {
	classes int
	slots   []rowSlot // open addressing on the feature; key 0 marks a free slot
	zero    rowSlot   // the row of feature 0, if any
	entries []entry
	rows    int
}

type rowSlot struct {
	key        uint64
	start, end uint32
}

type entry struct {
	w   float32
	cls uint16
}

func newModel(classes, rows int) *Model {
	size := 16
	for size < rows*2 {
		size <<= 1
	}
	return &Model{classes: classes, slots: make([]rowSlot, size)}
}

// add appends the row of a feature not yet in the model.
func (m *Model) add(key uint64, cls []uint16, vals []float32) {
	r := rowSlot{key: key, start: uint32(len(m.entries))}
	for k, c := range cls {
		m.entries = append(m.entries, entry{w: vals[k], cls: c})
	}
	r.end = uint32(len(m.entries))
	m.rows++
	if key == 0 {
		m.zero = r
		return
	}
	mask := uint64(len(m.slots) - 1)
	i := mix(key) & mask
	for m.slots[i].key != 0 {
		i = (i + 1) & mask
	}
	m.slots[i] = r
}

func (m *Model) row(key uint64) []entry {
	if key == 0 {
		return m.entries[m.zero.start:m.zero.end]
	}
	mask := uint64(len(m.slots) - 1)
	i := mix(key) & mask
	for {
		s := &m.slots[i]
		switch s.key {
		case key:
			return m.entries[s.start:s.end]
		case 0:
			return nil
		}
		i = (i + 1) & mask
	}
}

// Classes is the number of classes.
func (m *Model) Classes() int { return m.classes }

// Features is the number of features with a weight.
func (m *Model) Features() int { return m.rows }

// Weights is the number of stored weights.
func (m *Model) Weights() int { return len(m.entries) }

// Score adds the weights of feats to scores (len = classes).
//
// The tables are far larger than the caches, so scoring is bound by memory
// latency. It therefore runs in passes over a batch of features: first
// every slot is loaded (independent loads the processor overlaps), then
// the slots are resolved and their rows loaded, then the weights summed.
// This is several times faster than one feature at a time.
func (m *Model) Score(feats []Feature, scores []float32) {
	const batch = 32
	var rows [batch]rowSlot
	var idx [batch]uint64
	mask := uint64(len(m.slots) - 1)
	for len(feats) > 0 {
		n := min(len(feats), batch)
		for i := 0; i < n; i++ {
			idx[i] = mix(uint64(feats[i])) & mask
		}
		touchSlots(m.slots, idx[:n])
		for i := 0; i < n; i++ {
			key := uint64(feats[i])
			rows[i] = rowSlot{}
			if key == 0 {
				rows[i] = m.zero
			} else {
				j := idx[i]
				for {
					s := m.slots[j]
					if s.key == key {
						rows[i] = s
						break
					}
					if s.key == 0 {
						break
					}
					j = (j + 1) & mask
				}
			}
		}
		touchEntries(m.entries, rows[:n])
		for i := 0; i < n; i++ {
			for _, e := range m.entries[rows[i].start:rows[i].end] {
				scores[e.cls] += e.w
			}
		}
		feats = feats[n:]
	}
}

// touchSlots loads the slots at idx so that the loads overlap; it is not
// inlined, so the loads are not optimised away.
//
//go:noinline
func touchSlots(slots []rowSlot, idx []uint64) uint64 {
	var sum uint64
	for _, i := range idx {
		sum += slots[i].key
	}
	return sum
}

// touchEntries loads the first entry of each row, for the same reason.
//
//go:noinline
func touchEntries(entries []entry, rows []rowSlot) float32 {
	var sum float32
	for _, r := range rows {
		if r.end > r.start {
			sum += entries[r.start].w
		}
	}
	return sum
}

// Best returns the highest-scoring class among those allowed (all when
// allowed is nil); ties go to the lowest class number.
func Best(scores []float32, allowed func(int) bool) int {
	best, bestScore := -1, float32(0)
	for c, s := range scores {
		if allowed != nil && !allowed(c) {
			continue
		}
		if best < 0 || s > bestScore {
			best, bestScore = c, s
		}
	}
	return best
}
