package perceptron

import (
	"bytes"
	"errors"
	"testing"
	"unsafe"
)

// toy is a separable problem: the class is the value of feature template 1
// modulo 3, with a noise feature that says nothing.
func toy(t *Trainer, epochs int) {
	for e := 0; e < epochs; e++ {
		for i := 0; i < 30; i++ {
			feats := []Feature{Hash(1, uint64(i%3)), Hash(2, uint64(i%7))}
			scores := make([]float32, 3)
			t.Score(feats, scores)
			t.Tick()
			t.Learn(feats, i%3, Best(scores, nil))
		}
	}
}

func TestTrainLearnsSeparableProblem(t *testing.T) {
	tr := NewTrainer(3)
	toy(tr, 5)
	m := tr.Compile(0)
	for i := 0; i < 9; i++ {
		scores := make([]float32, 3)
		m.Score([]Feature{Hash(1, uint64(i%3)), Hash(2, uint64(i%7))}, scores)
		if got := Best(scores, nil); got != i%3 {
			t.Errorf("example %d: class %d, want %d (scores %v)", i, got, i%3, scores)
		}
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	tr := NewTrainer(3)
	toy(tr, 5)
	m := tr.Compile(0)
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back Model
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	again, _ := back.MarshalBinary()
	if !bytes.Equal(b, again) {
		t.Errorf("re-encoded model differs: %d bytes vs %d", len(b), len(again))
	}
	for i := uint64(0); i < 7; i++ {
		f := []Feature{Hash(1, i%3), Hash(2, i)}
		s1, s2 := make([]float32, 3), make([]float32, 3)
		m.Score(f, s1)
		back.Score(f, s2)
		for c := range s1 {
			if s1[c] != s2[c] {
				t.Errorf("feature set %d class %d: %v before encoding, %v after", i, c, s1[c], s2[c])
			}
		}
	}
}

func TestSameTrainingSameBytes(t *testing.T) {
	enc := func() []byte {
		tr := NewTrainer(3)
		toy(tr, 4)
		b, _ := tr.Compile(0).MarshalBinary()
		return b
	}
	if a, b := enc(), enc(); !bytes.Equal(a, b) {
		t.Error("two trainings on the same data gave different bytes")
	}
}

func TestUnmarshalCorrupt(t *testing.T) {
	tr := NewTrainer(3)
	toy(tr, 2)
	good, _ := tr.Compile(0).MarshalBinary()
	for name, b := range map[string][]byte{
		"empty":     nil,
		"header":    []byte("XXXXX"),
		"truncated": good[:len(good)-1],
		"trailing":  append(append([]byte(nil), good...), 1),
	} {
		var m Model
		if err := m.UnmarshalBinary(b); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", name, err)
		}
	}
}

func TestPruneDropsSmallWeights(t *testing.T) {
	tr := NewTrainer(3)
	toy(tr, 5)
	all, pruned := tr.Compile(0), tr.Compile(1e6)
	if all.Weights() == 0 || pruned.Weights() != 0 {
		t.Errorf("weights: %d unpruned, %d pruned at 1e6; want some and none", all.Weights(), pruned.Weights())
	}
}

func FuzzUnmarshal(f *testing.F) {
	tr := NewTrainer(3)
	toy(tr, 2)
	good, _ := tr.Compile(0).MarshalBinary()
	f.Add(good)
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		var m Model
		if err := m.UnmarshalBinary(b); err != nil {
			return
		}
		scores := make([]float32, m.Classes())
		m.Score([]Feature{Hash(1, 0), Hash(1, 1)}, scores)
	})
}

func TestModelPrune(t *testing.T) {
	tr := NewTrainer(3)
	toy(tr, 5)
	m := tr.Compile(0)
	if p := m.Prune(0); p.Weights() != m.Weights() || p.Features() != m.Features() {
		t.Errorf("Prune(0) kept %d of %d weights", p.Weights(), m.Weights())
	}
	if p := m.Prune(1e6); p.Weights() != 0 || p.Features() != 0 {
		t.Errorf("Prune(1e6) kept %d weights", p.Weights())
	}
	a, _ := m.Prune(0.5).MarshalBinary()
	b, _ := tr.Compile(0.5).MarshalBinary()
	if !bytes.Equal(a, b) {
		t.Error("pruning a compiled model differs from compiling with the threshold")
	}
}

// TestRowSize keeps a row within a cache line's reach.
func TestRowSize(t *testing.T) {
	if n := unsafe.Sizeof(row{}); n != 24 {
		t.Errorf("row is %d bytes, want 24", n)
	}
}
