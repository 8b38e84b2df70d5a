package parse

import "github.com/kgtool/kg/extract/perceptron"

// Feature templates, after Zhang and Nivre (2011) for the arc-hybrid
// system: words (w), tags (p) and labels (l) of the top three of the stack
// (s0, s1, s2) and buffer (n0, n1, n2), the leftmost and rightmost children
// of s0, s1 and n0, distance, valency and the label sets of s0 and n0.
const (
	tBias = iota + 1
	tS0w
	tS0p
	tS0wp
	tS1w
	tS1p
	tS1wp
	tN0w
	tN0p
	tN0wp
	tN1w
	tN1p
	tN1wp
	tN2w
	tN2p
	tS2w
	tS2p
	tS0wpN0wp
	tS0wpN0w
	tS0wN0wp
	tS0wpN0p
	tS0pN0wp
	tS0wN0w
	tS0pN0p
	tN0pN1p
	tS1wpS0wp
	tS1wS0w
	tS1pS0p
	tS1pS0pN0p
	tN0pN1pN2p
	tS0pN0pN1p
	tS2pS1pS0p
	tS0pS0lpN0p
	tS0pS0rpN0p
	tS0pN0pN0lp
	tS1pS0pS0lp
	tS1pS0pS0rp
	tS1pS1rpS0p
	tS0wDist
	tS0pDist
	tN0wDist
	tN0pDist
	tS0wN0wDist
	tS0pN0pDist
	tS1pS0pDist
	tS0wVr
	tS0pVr
	tS0wVl
	tS0pVl
	tN0wVl
	tN0pVl
	tS0lw
	tS0lp
	tS0ll
	tS0rw
	tS0rp
	tS0rl
	tN0lw
	tN0lp
	tN0ll
	tS1rw
	tS1rp
	tS1rl
	tS1lp
	tS1ll
	tS0l2w
	tS0l2p
	tS0l2l
	tS0r2w
	tS0r2p
	tS0r2l
	tN0l2w
	tN0l2p
	tN0l2l
	tS0pS0lpS0l2p
	tS0pS0rpS0r2p
	tN0pN0lpN0l2p
	tS0wSr
	tS0pSr
	tS0wSl
	tS0pSl
	tN0wSl
	tN0pSl
	tS0uN0u
	tS1uS0u
	tS0u
	tN0u
	tS1wN0w
	tS1pN0p
	tN0wN1w
	tN3p
	tN1pN2pN3p
	tS0m1pS0p
	tS0pS0p1p
	tN0m1pN0p
	tN0m1wN0p
	tS0shape
	tN0shape
	tN1sufp
	tS0pS0p1pN0p
	tS0lem
	tN0lem
	tS0lemN0lem
	tS1lemS0lem
	tS0lemN0p
	tS0pN0lem
	tN1u
	tS0uN0uN1u
	tS1uS0uN0u
	tS0form
	tN0form
	tN0sufp
	tS0sufp
)

// none and rootVal stand for an empty position and for the root.
const (
	none    = 0x5eed
	rootVal = 0x7007
)

// sentence holds what the features read of each word, indexed 1..n, with
// the root at n+1.
type sentence struct {
	w, p, u, suf, shape, form, lem []uint64
}

func (x *sentence) reset(n int) {
	size := n + 2
	for _, s := range []*[]uint64{&x.w, &x.p, &x.u, &x.suf, &x.shape, &x.form, &x.lem} {
		if cap(*s) < size {
			*s = make([]uint64, size)
		}
		*s = (*s)[:size]
	}
	for _, s := range [][]uint64{x.w, x.p, x.u, x.suf, x.shape, x.form, x.lem} {
		s[0], s[n+1] = none, rootVal
	}
}

func lab(s *state, k int) uint64 {
	if k == 0 || s.label[k] < 0 {
		return none
	}
	return uint64(s.label[k])
}

func dist(a, b int) uint64 {
	if a == 0 || b == 0 {
		return none
	}
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d >= 10:
		return 10
	case d >= 6:
		return 6
	}
	return uint64(d)
}

// view is where the features of a configuration look: the top three of the
// stack and four of the buffer, and the outermost children of s0, s1, n0.
type view struct {
	s0, s1, s2, n0, n1, n2, n3                int
	s0l, s0r, s0l2, s0r2, n0l, n0l2, s1l, s1r int
}

func positions(s *state) view {
	a := view{s0: s.stackAt(0), s1: s.stackAt(1), s2: s.stackAt(2),
		n0: s.bufAt(0), n1: s.bufAt(1), n2: s.bufAt(2), n3: s.bufAt(3)}
	if a.s0 != 0 {
		a.s0l, a.s0r, a.s0l2, a.s0r2 = s.lc1[a.s0], s.rc1[a.s0], s.lc2[a.s0], s.rc2[a.s0]
	}
	if a.n0 != 0 {
		a.n0l, a.n0l2 = s.lc1[a.n0], s.lc2[a.n0]
	}
	if a.s1 != 0 {
		a.s1l, a.s1r = s.lc1[a.s1], s.rc1[a.s1]
	}
	return a
}

// features appends the features of configuration s to out: first the
// words and tags of the stack, the buffer and their children, then
// distance, valency and label sets.
func features(x *sentence, s *state, out []perceptron.Feature) []perceptron.Feature {
	a := positions(s)
	s0, s1, s2, n0, n1, n2 := a.s0, a.s1, a.s2, a.n0, a.n1, a.n2
	s0l, s0r, n0l, s1r := a.s0l, a.s0r, a.n0l, a.s1r
	w, p := x.w, x.p
	h := perceptron.Hash
	out = append(out,
		h(tBias),
		h(tS0w, w[s0]), h(tS0p, p[s0]), h(tS0wp, w[s0], p[s0]),
		h(tS1w, w[s1]), h(tS1p, p[s1]), h(tS1wp, w[s1], p[s1]),
		h(tN0w, w[n0]), h(tN0p, p[n0]), h(tN0wp, w[n0], p[n0]),
		h(tN1w, w[n1]), h(tN1p, p[n1]), h(tN1wp, w[n1], p[n1]),
		h(tN2w, w[n2]), h(tN2p, p[n2]),
		h(tS2w, w[s2]), h(tS2p, p[s2]),
		h(tS0wpN0wp, w[s0], p[s0], w[n0], p[n0]),
		h(tS0wpN0w, w[s0], p[s0], w[n0]),
		h(tS0wN0wp, w[s0], w[n0], p[n0]),
		h(tS0wpN0p, w[s0], p[s0], p[n0]),
		h(tS0pN0wp, p[s0], w[n0], p[n0]),
		h(tS0wN0w, w[s0], w[n0]),
		h(tS0pN0p, p[s0], p[n0]),
		h(tN0pN1p, p[n0], p[n1]),
		h(tS1wpS0wp, w[s1], p[s1], w[s0], p[s0]),
		h(tS1wS0w, w[s1], w[s0]),
		h(tS1pS0p, p[s1], p[s0]),
		h(tS1pS0pN0p, p[s1], p[s0], p[n0]),
		h(tN0pN1pN2p, p[n0], p[n1], p[n2]),
		h(tS0pN0pN1p, p[s0], p[n0], p[n1]),
		h(tS2pS1pS0p, p[s2], p[s1], p[s0]),
		h(tS0pS0lpN0p, p[s0], p[s0l], p[n0]),
		h(tS0pS0rpN0p, p[s0], p[s0r], p[n0]),
		h(tS0pN0pN0lp, p[s0], p[n0], p[n0l]),
		h(tS1pS0pS0lp, p[s1], p[s0], p[s0l]),
		h(tS1pS0pS0rp, p[s1], p[s0], p[s0r]),
		h(tS1pS1rpS0p, p[s1], p[s1r], p[s0]),
	)
	return structureFeatures(x, s, a, out)
}

// structureFeatures appends the templates that read the tree built so far.
func structureFeatures(x *sentence, s *state, a view, out []perceptron.Feature) []perceptron.Feature {
	s0, s1, n0, n1, n2, n3 := a.s0, a.s1, a.n0, a.n1, a.n2, a.n3
	s0l, s0r, s0l2, s0r2, n0l, n0l2, s1l, s1r := a.s0l, a.s0r, a.s0l2, a.s0r2, a.n0l, a.n0l2, a.s1l, a.s1r
	w, p, u := x.w, x.p, x.u
	d := dist(s0, n0)
	var vl, vr, nvl uint64 = none, none, none
	var sl, sr, nsl uint64 = none, none, none
	if s0 != 0 {
		vl, vr, sl, sr = uint64(s.nl[s0]), uint64(s.nr[s0]), s.lset[s0], s.rset[s0]
	}
	if n0 != 0 {
		nvl, nsl = uint64(s.nl[n0]), s.lset[n0]
	}
	h := perceptron.Hash
	return append(out,
		h(tS0wDist, w[s0], d), h(tS0pDist, p[s0], d),
		h(tN0wDist, w[n0], d), h(tN0pDist, p[n0], d),
		h(tS0wN0wDist, w[s0], w[n0], d), h(tS0pN0pDist, p[s0], p[n0], d),
		h(tS1pS0pDist, p[s1], p[s0], dist(s1, s0)),
		h(tS0wVr, w[s0], vr), h(tS0pVr, p[s0], vr),
		h(tS0wVl, w[s0], vl), h(tS0pVl, p[s0], vl),
		h(tN0wVl, w[n0], nvl), h(tN0pVl, p[n0], nvl),
		h(tS0lw, w[s0l]), h(tS0lp, p[s0l]), h(tS0ll, lab(s, s0l)),
		h(tS0rw, w[s0r]), h(tS0rp, p[s0r]), h(tS0rl, lab(s, s0r)),
		h(tN0lw, w[n0l]), h(tN0lp, p[n0l]), h(tN0ll, lab(s, n0l)),
		h(tS1rw, w[s1r]), h(tS1rp, p[s1r]), h(tS1rl, lab(s, s1r)),
		h(tS1lp, p[s1l]), h(tS1ll, lab(s, s1l)),
		h(tS0l2w, w[s0l2]), h(tS0l2p, p[s0l2]), h(tS0l2l, lab(s, s0l2)),
		h(tS0r2w, w[s0r2]), h(tS0r2p, p[s0r2]), h(tS0r2l, lab(s, s0r2)),
		h(tN0l2w, w[n0l2]), h(tN0l2p, p[n0l2]), h(tN0l2l, lab(s, n0l2)),
		h(tS0pS0lpS0l2p, p[s0], p[s0l], p[s0l2]),
		h(tS0pS0rpS0r2p, p[s0], p[s0r], p[s0r2]),
		h(tN0pN0lpN0l2p, p[n0], p[n0l], p[n0l2]),
		h(tS0wSr, w[s0], sr), h(tS0pSr, p[s0], sr),
		h(tS0wSl, w[s0], sl), h(tS0pSl, p[s0], sl),
		h(tN0wSl, w[n0], nsl), h(tN0pSl, p[n0], nsl),
		h(tS0uN0u, u[s0], u[n0]), h(tS1uS0u, u[s1], u[s0]),
		h(tS0u, u[s0]), h(tN0u, u[n0]),
		h(tS1wN0w, w[s1], w[n0]), h(tS1pN0p, p[s1], p[n0]), h(tN0wN1w, w[n0], w[n1]),
		h(tN3p, p[n3]), h(tN1pN2pN3p, p[n1], p[n2], p[n3]),
		h(tS0m1pS0p, p[before(s0)], p[s0]), h(tS0pS0p1p, p[s0], p[after(s, s0)]),
		h(tN0m1pN0p, p[before(n0)], p[n0]), h(tN0m1wN0p, w[before(n0)], p[n0]),
		h(tS0shape, x.shape[s0], p[s0]), h(tN0shape, x.shape[n0], p[n0]),
		h(tN1sufp, x.suf[n1], p[n1]), h(tS0pS0p1pN0p, p[s0], p[after(s, s0)], p[n0]),
		h(tS0lem, x.lem[s0]), h(tN0lem, x.lem[n0]), h(tS0lemN0lem, x.lem[s0], x.lem[n0]),
		h(tS1lemS0lem, x.lem[s1], x.lem[s0]), h(tS0lemN0p, x.lem[s0], p[n0]), h(tS0pN0lem, p[s0], x.lem[n0]),
		h(tN1u, u[n1]), h(tS0uN0uN1u, u[s0], u[n0], u[n1]), h(tS1uS0uN0u, u[s1], u[s0], u[n0]),
		h(tS0form, x.form[s0]), h(tN0form, x.form[n0]),
		h(tN0sufp, x.suf[n0], p[n0]), h(tS0sufp, x.suf[s0], p[s0]),
	)
}

// before is the word before k in the sentence, 0 (none) for the first word
// or no word.
func before(k int) int {
	if k <= 1 {
		return 0
	}
	return k - 1
}

// after is the word after k in the sentence, 0 past the last word.
func after(s *state, k int) int {
	if k == 0 || k >= s.n {
		return 0
	}
	return k + 1
}
