// Package perceptron is the learner under kg's tagger, parser and entity
// tagger: a multiclass averaged perceptron over hashed features (Collins
// 2002; Daumé's trick for the average), trained in one goroutine so that the
// same data and seed give the same weights, then compiled into a sparse,
// read-only Model that scores without allocating.
package perceptron

import (
	"math"
	"sort"
)

// Feature is a hashed feature: a template number mixed with the values it
// looks at (see Hash).
type Feature uint64

// Hash mixes a template number and its values into a Feature: one
// multiply per value, then splitmix64's finaliser, so the result is the
// same on every machine and its bits are well spread (Model uses them as
// they are to place and match features).
func Hash(template uint64, values ...uint64) Feature {
	h := (template + 1) * 0x9E3779B97F4A7C15
	for _, v := range values {
		h = (h ^ v) * 0xD6E8FEB86659FD93
		h ^= h >> 32
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
// it votes for and by how much. Lookups probe an open-addressing table of
// 8-byte cells, each holding 32 bits of a feature's hash and the number of
// its row; most features of a configuration are absent, and a miss costs a
// single cache line. Rows are 24 bytes and hold their first three weights,
// so a hit usually costs one more line; longer rows carry on in an
// overflow array. A stray match needs two features to agree on their
// fingerprint and their home cell, about 50 bits.
type Model struct {
	classes int
	cells   []uint64 // fingerprint<<32 | row+1; 0 marks a free cell
	rowsOf  []row
	keys    []uint64 // the feature of each row, for encoding and pruning
	over    []entry
	weights int
}

// row is the weights of one feature.
type row struct {
	n    uint16
	cls  [inline]uint16
	w    [inline]float32
	over uint32 // entries inline.. of the row start here in Model.over
}

const inline = 3

type entry struct {
	w   float32
	cls uint16
}

func newModel(classes, rows int) *Model {
	size := 16
	for size < rows*2 { // load factor at most 1/2: short probes for misses
		size <<= 1
	}
	return &Model{classes: classes, cells: make([]uint64, size),
		rowsOf: make([]row, 0, rows), keys: make([]uint64, 0, rows)}
}

// split gives the home cell hash and the fingerprint of a feature: its own
// bits, since Hash has mixed them already.
func split(key uint64) (h uint64, fp uint32) {
	return key, uint32(key>>32) | 1
}

// add stores the row of a feature not yet in the model.
func (m *Model) add(key uint64, cls []uint16, vals []float32) {
	h, fp := split(key)
	r := row{n: uint16(len(cls)), over: uint32(len(m.over))}
	for k, c := range cls {
		if k < inline {
			r.cls[k], r.w[k] = c, vals[k]
		} else {
			m.over = append(m.over, entry{w: vals[k], cls: c})
		}
	}
	mask := uint64(len(m.cells) - 1)
	i := h & mask
	for m.cells[i] != 0 {
		i = (i + 1) & mask
	}
	m.cells[i] = uint64(fp)<<32 | uint64(len(m.rowsOf)+1)
	m.rowsOf = append(m.rowsOf, r)
	m.keys = append(m.keys, key)
	m.weights += len(cls)
}

// entries returns row i.
func (m *Model) entries(i int) (cls []uint16, w []float32) {
	r := &m.rowsOf[i]
	for k := 0; k < int(r.n); k++ {
		if k < inline {
			cls = append(cls, r.cls[k])
			w = append(w, r.w[k])
		} else {
			e := m.over[int(r.over)+k-inline]
			cls = append(cls, e.cls)
			w = append(w, e.w)
		}
	}
	return cls, w
}

// Classes is the number of classes.
func (m *Model) Classes() int { return m.classes }

// Features is the number of features with a weight.
func (m *Model) Features() int { return len(m.rowsOf) }

// Weights is the number of stored weights.
func (m *Model) Weights() int { return m.weights }

// Score adds the weights of feats to scores (len = classes).
//
// The tables are far larger than the caches, so scoring is bound by memory
// latency. It runs in passes over a batch of features: first every home
// cell is loaded (independent loads that the processor overlaps), then
// the cells are matched and the rows found are loaded, then summed.
func (m *Model) Score(feats []Feature, scores []float32) {
	const batch = 32
	var found [batch]int32
	mask := uint64(len(m.cells) - 1)
	for len(feats) > 0 {
		n := min(len(feats), batch)
		touchCells(m.cells, feats[:n], mask)
		k := 0
		for i := 0; i < n; i++ {
			h, fp := split(uint64(feats[i]))
			j := h & mask
			for {
				c := m.cells[j]
				if c == 0 {
					break
				}
				if uint32(c>>32) == fp {
					found[k] = int32(c&0xFFFFFFFF) - 1
					k++
					break
				}
				j = (j + 1) & mask
			}
		}
		touchRows(m.rowsOf, found[:k])
		for _, ri := range found[:k] {
			r := &m.rowsOf[ri]
			for e := 0; e < min(int(r.n), inline); e++ {
				scores[r.cls[e]] += r.w[e]
			}
			if int(r.n) > inline {
				for _, e := range m.over[r.over : int(r.over)+int(r.n)-inline] {
					scores[e.cls] += e.w
				}
			}
		}
		feats = feats[n:]
	}
}

// touchCells loads the home cell of each feature so that the loads
// overlap; it is not inlined, so the loads are not optimised away.
//
//go:noinline
func touchCells(cells []uint64, feats []Feature, mask uint64) uint64 {
	var sum uint64
	for _, f := range feats {
		sum += cells[uint64(f)&mask]
	}
	return sum
}

// touchRows loads the rows found, for the same reason.
//
//go:noinline
func touchRows(rows []row, found []int32) uint16 {
	var sum uint16
	for _, i := range found {
		sum += rows[i].n
	}
	return sum
}

// Prune returns a copy of m without the weights of magnitude below
// threshold, and without the features left with none: a smaller, faster
// model that scores almost the same.
func (m *Model) Prune(threshold float32) *Model {
	order := m.sortedRows()
	out := newModel(m.classes, len(order))
	var cls []uint16
	var vals []float32
	for _, i := range order {
		cls, vals = cls[:0], vals[:0]
		c, w := m.entries(i)
		for k := range c {
			if w[k] >= threshold || -w[k] >= threshold {
				cls = append(cls, c[k])
				vals = append(vals, w[k])
			}
		}
		if len(cls) > 0 {
			out.add(m.keys[i], cls, vals)
		}
	}
	return out
}

// sortedRows returns the rows in feature order, so that encoding and
// pruning never depend on the order features were added in.
func (m *Model) sortedRows() []int {
	out := make([]int, len(m.rowsOf))
	for i := range out {
		out[i] = i
	}
	sort.Slice(out, func(a, b int) bool { return m.keys[out[a]] < m.keys[out[b]] })
	return out
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
