package parse

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestLift(t *testing.T) {
	for _, tc := range []struct {
		name        string
		heads, want []int
	}{
		{"projective stays", []int{2, 0, 2}, []int{2, 0, 2}},
		// 1<-3 crosses 2->4 (4's head 2 spans 3? no: arc 2-4 covers 3, whose head 1 is outside).
		{"crossing arc lifted", []int{0, 4, 1, 1}, []int{0, 1, 1, 1}},
		{"empty", []int{}, []int{}},
	} {
		got := Lift(tc.heads)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Lift(%v) = %v, want %v", tc.name, tc.heads, got, tc.want)
		}
		if nonProjective(got) >= 0 {
			t.Errorf("%s: Lift(%v) = %v is not projective", tc.name, tc.heads, got)
		}
	}
}

// randomProjective draws a random projective tree over n words by
// attaching each span's words to a random root inside it.
func randomProjective(rng *rand.Rand, n int) []int {
	heads := make([]int, n)
	var build func(a, b, head int)
	build = func(a, b, head int) {
		if a > b {
			return
		}
		r := a + rng.IntN(b-a+1)
		heads[r-1] = head
		build(a, r-1, r)
		build(r+1, b, r)
	}
	build(1, n, 0)
	return heads
}

// goldOf gives heads as the state's costs read them: over 1..n, with the
// root as n+1.
func goldOf(heads []int) []int {
	n := len(heads)
	gold := make([]int, n+2)
	for i, h := range heads {
		if h == 0 {
			h = n + 1
		}
		gold[i+1] = h
	}
	return gold
}

// TestOracleRebuildsGoldTree checks the costs: following only zero-cost
// moves from the start must rebuild any projective tree exactly.
func TestOracleRebuildsGoldTree(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 300; trial++ {
		n := 1 + rng.IntN(12)
		heads := randomProjective(rng, n)
		gold := goldOf(heads)
		var s state
		s.reset(n)
		for !s.done() {
			moved := false
			for _, mv := range []int{left, right, shift} {
				if s.valid(mv) && s.cost(mv, gold) == 0 {
					s.apply(classOf(mv, 0))
					moved = true
					break
				}
			}
			if !moved {
				t.Fatalf("tree %v: no zero-cost move at stack %v, buffer %d", heads, s.stack, s.b)
			}
		}
		for i := 1; i <= n; i++ {
			if s.head[i] != gold[i] {
				t.Fatalf("tree %v: word %d got head %d, want %d", heads, i, s.head[i], gold[i])
			}
		}
	}
}

// TestCostCountsLostArcs checks that a move with cost c loses exactly c
// arcs: the best tree reachable afterwards, found by the oracle, misses c
// more arcs than before.
func TestCostCountsLostArcs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 300; trial++ {
		n := 2 + rng.IntN(10)
		heads := randomProjective(rng, n)
		gold := goldOf(heads)
		var s state
		s.reset(n)
		// Walk a few random valid moves, then compare cost with the loss.
		for steps := rng.IntN(2 * n); steps > 0 && !s.done(); steps-- {
			var valid []int
			for mv := shift; mv <= right; mv++ {
				if s.valid(mv) {
					valid = append(valid, mv)
				}
			}
			mv := valid[rng.IntN(len(valid))]
			before := bestReachable(&s, gold)
			c := s.cost(mv, gold)
			s.apply(classOf(mv, 0))
			if after := bestReachable(&s, gold); before-after != c {
				t.Fatalf("tree %v: move %d cost %d but lost %d arcs", heads, mv, c, before-after)
			}
		}
	}
}

// bestReachable is the number of gold arcs the oracle gets from s.
func bestReachable(s0 *state, gold []int) int {
	s := clone(s0)
	for !s.done() {
		for _, mv := range []int{left, right, shift} {
			if s.valid(mv) && s.cost(mv, gold) == 0 {
				s.apply(classOf(mv, 0))
				goto next
			}
		}
		// No zero-cost move: take the cheapest.
		{
			best, bestC := -1, 0
			for mv := shift; mv <= right; mv++ {
				if s.valid(mv) {
					if c := s.cost(mv, gold); best < 0 || c < bestC {
						best, bestC = mv, c
					}
				}
			}
			s.apply(classOf(best, 0))
		}
	next:
	}
	ok := 0
	for i := 1; i <= s.n; i++ {
		if s.head[i] == gold[i] {
			ok++
		}
	}
	return ok
}

func clone(s *state) *state {
	c := &state{n: s.n, b: s.b}
	c.stack = append([]int(nil), s.stack...)
	for _, p := range []struct {
		dst *[]int
		src []int
	}{
		{&c.head, s.head}, {&c.label, s.label}, {&c.lc1, s.lc1}, {&c.lc2, s.lc2},
		{&c.rc1, s.rc1}, {&c.rc2, s.rc2}, {&c.nl, s.nl}, {&c.nr, s.nr},
	} {
		*p.dst = append([]int(nil), p.src...)
	}
	c.lset = append([]uint64(nil), s.lset...)
	c.rset = append([]uint64(nil), s.rset...)
	return c
}

// toy is a tiny treebank of invented sentences.
func toy() []Example {
	return []Example{
		{Words: []string{"Auditors", "criticised", "the", "deal"}, UPOS: []string{"NOUN", "VERB", "DET", "NOUN"}, XPOS: []string{"NNS", "VBD", "DT", "NN"}, Heads: []int{2, 0, 4, 2}, Labels: []string{"nsubj", "root", "det", "obj"}},
		{Words: []string{"Ministers", "signed", "a", "contract"}, UPOS: []string{"NOUN", "VERB", "DET", "NOUN"}, XPOS: []string{"NNS", "VBD", "DT", "NN"}, Heads: []int{2, 0, 4, 2}, Labels: []string{"nsubj", "root", "det", "obj"}},
		{Words: []string{"The", "union", "won"}, UPOS: []string{"DET", "NOUN", "VERB"}, XPOS: []string{"DT", "NN", "VBD"}, Heads: []int{2, 3, 0}, Labels: []string{"det", "nsubj", "root"}},
	}
}

func TestTrainParsesWhatItLearnt(t *testing.T) {
	m := Train(toy(), Options{Epochs: 10, Seed: 1})
	p := m.NewParser()
	ex := Example{Words: []string{"Inspectors", "criticised", "the", "contract"}, UPOS: []string{"NOUN", "VERB", "DET", "NOUN"}, XPOS: []string{"NNS", "VBD", "DT", "NN"}}
	heads, labels := make([]int, 4), make([]string, 4)
	p.Parse(ex.Words, nil, ex.UPOS, ex.XPOS, heads, labels)
	if want := []int{2, 0, 4, 2}; !reflect.DeepEqual(heads, want) {
		t.Errorf("heads = %v, want %v", heads, want)
	}
	if want := []string{"nsubj", "root", "det", "obj"}; !reflect.DeepEqual(labels, want) {
		t.Errorf("labels = %v, want %v", labels, want)
	}
}

func TestParseGivesOneRootAndATree(t *testing.T) {
	m := Train(toy(), Options{Epochs: 2, Seed: 1})
	p := m.NewParser()
	rng := rand.New(rand.NewPCG(5, 6))
	vocab := []string{"the", "union", "won", "a", "deal", ",", "and", "criticised"}
	for trial := 0; trial < 100; trial++ {
		n := 1 + rng.IntN(20)
		words := make([]string, n)
		for i := range words {
			words[i] = vocab[rng.IntN(len(vocab))]
		}
		heads, labels := make([]int, n), make([]string, n)
		p.Parse(words, nil, nil, nil, heads, labels)
		roots := 0
		for i, h := range heads {
			if h == 0 {
				roots++
			}
			if h < 0 || h > n || h == i+1 || !dominates(heads, 0, i+1) && h != 0 {
				t.Fatalf("%v: word %d has head %d (heads %v)", words, i+1, h, heads)
			}
		}
		if roots != 1 {
			t.Fatalf("%v: %d roots (heads %v)", words, roots, heads)
		}
	}
}

func TestMarshalDeterministic(t *testing.T) {
	a, _ := Train(toy(), Options{Epochs: 3, Seed: 7}).MarshalBinary()
	b, _ := Train(toy(), Options{Epochs: 3, Seed: 7}).MarshalBinary()
	if !bytes.Equal(a, b) {
		t.Fatal("same data and seed gave different bytes")
	}
	var m Model
	if err := m.UnmarshalBinary(a); err != nil {
		t.Fatal(err)
	}
	c, _ := m.MarshalBinary()
	if !bytes.Equal(a, c) {
		t.Error("decode then encode changed the bytes")
	}
	if err := m.UnmarshalBinary(a[:len(a)/2]); !errors.Is(err, ErrCorrupt) {
		t.Errorf("truncated model: err = %v, want ErrCorrupt", err)
	}
}

func TestValidate(t *testing.T) {
	good := toy()[0]
	for _, tc := range []struct {
		name   string
		heads  []int
		labels []string
		ok     bool
	}{
		{"tree", []int{2, 0, 4, 2}, []string{"nsubj", "root", "det", "obj"}, true},
		{"head beyond", []int{2, 0, 9, 2}, []string{"nsubj", "root", "det", "obj"}, false},
		{"no head", []int{2, 0, -1, 2}, []string{"nsubj", "root", "det", "obj"}, false},
		{"self", []int{1, 0, 4, 2}, []string{"nsubj", "root", "det", "obj"}, false},
		{"cycle", []int{2, 0, 4, 3}, []string{"nsubj", "root", "det", "obj"}, false},
		{"root label off root", []int{2, 0, 4, 2}, []string{"root", "root", "det", "obj"}, false},
		{"root without label", []int{2, 0, 4, 2}, []string{"nsubj", "dep", "det", "obj"}, false},
		{"lengths", []int{2, 0, 4}, []string{"nsubj", "root", "det", "obj"}, false},
	} {
		ex := good
		ex.Heads, ex.Labels = tc.heads, tc.labels
		err := ex.Validate()
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrTree)) {
			t.Errorf("%s: Validate() = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}
