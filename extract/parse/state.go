package parse

// Moves of the arc-hybrid system. A class number c encodes the move and,
// for arcs, the label: 0 is Shift, 1+2l is Left with label l, 2+2l is Right
// with label l.
const (
	shift = iota
	left
	right
)

func moveOf(c int) int {
	if c == 0 {
		return shift
	}
	return 2 - c%2
}

func labelOf(c int) int { return (c - 1) / 2 }

func classOf(move, label int) int {
	switch move {
	case left:
		return 1 + 2*label
	case right:
		return 2 + 2*label
	}
	return 0
}

// state is a configuration of the arc-hybrid parser over words 1..n, with
// the root as word n+1 at the end of the buffer (Ballesteros and Nivre 2013),
// so that the root takes its dependent last, by a Left move.
type state struct {
	n     int
	stack []int
	b     int      // the front of the buffer
	head  []int    // -1 until attached
	label []int    // label of the arc to the head
	lc1   []int    // leftmost child, 0 for none
	lc2   []int    // second leftmost child
	rc1   []int    // rightmost child
	rc2   []int    // second rightmost child
	nl    []int    // number of left children
	nr    []int    // number of right children
	lset  []uint64 // labels of the left children, as bits
	rset  []uint64
}

func (s *state) reset(n int) {
	s.n = n
	s.stack = s.stack[:0]
	s.b = 1
	size := n + 2
	s.head = grow(s.head, size, -1)
	s.label = grow(s.label, size, -1)
	s.lc1 = grow(s.lc1, size, 0)
	s.lc2 = grow(s.lc2, size, 0)
	s.rc1 = grow(s.rc1, size, 0)
	s.rc2 = grow(s.rc2, size, 0)
	s.nl = grow(s.nl, size, 0)
	s.nr = grow(s.nr, size, 0)
	if cap(s.lset) < size {
		s.lset = make([]uint64, size)
		s.rset = make([]uint64, size)
	}
	s.lset = s.lset[:size]
	s.rset = s.rset[:size]
	clear(s.lset)
	clear(s.rset)
}

func grow(xs []int, n, v int) []int {
	if cap(xs) < n {
		xs = make([]int, n)
	}
	xs = xs[:n]
	for i := range xs {
		xs[i] = v
	}
	return xs
}

func (s *state) root() int { return s.n + 1 }

func (s *state) done() bool { return len(s.stack) == 0 && s.b == s.root() }

// valid reports whether a move may be made now.
func (s *state) valid(move int) bool {
	switch move {
	case shift:
		return s.b <= s.n
	case left:
		return len(s.stack) >= 1
	case right:
		return len(s.stack) >= 2
	}
	return false
}

// validLabel reports whether the class's label may go with its move: only
// the root takes the root label, and it takes no other.
func (s *state) validClass(c, rootLabel int) bool {
	m := moveOf(c)
	if !s.valid(m) {
		return false
	}
	switch m {
	case left:
		return (s.b == s.root()) == (labelOf(c) == rootLabel)
	case right:
		return labelOf(c) != rootLabel
	}
	return true
}

func (s *state) apply(c int) {
	switch moveOf(c) {
	case shift:
		s.stack = append(s.stack, s.b)
		s.b++
	case left:
		d := s.pop()
		s.attach(s.b, d, labelOf(c))
	case right:
		d := s.pop()
		s.attach(s.stack[len(s.stack)-1], d, labelOf(c))
	}
}

func (s *state) pop() int {
	d := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	return d
}

func (s *state) attach(h, d, l int) {
	s.head[d] = h
	s.label[d] = l
	if d < h {
		s.nl[h]++
		s.lset[h] |= 1 << uint(l%64)
		if s.lc1[h] == 0 || d < s.lc1[h] {
			s.lc2[h] = s.lc1[h]
			s.lc1[h] = d
		} else if s.lc2[h] == 0 || d < s.lc2[h] {
			s.lc2[h] = d
		}
	} else {
		s.nr[h]++
		s.rset[h] |= 1 << uint(l%64)
		if d > s.rc1[h] {
			s.rc2[h] = s.rc1[h]
			s.rc1[h] = d
		} else if d > s.rc2[h] {
			s.rc2[h] = d
		}
	}
}

// stackAt returns the i-th item from the top of the stack, 0 for none.
func (s *state) stackAt(i int) int {
	if i < len(s.stack) {
		return s.stack[len(s.stack)-1-i]
	}
	return 0
}

// bufAt returns the i-th item of the buffer, 0 past the root.
func (s *state) bufAt(i int) int {
	if s.b+i <= s.root() {
		return s.b + i
	}
	return 0
}

// cost is the number of gold arcs a move makes unreachable (Goldberg and
// Nivre 2013, the arc-hybrid system), given gold heads over 1..n with the
// root as n+1.
func (s *state) cost(move int, gold []int) int {
	switch move {
	case shift:
		c := 0
		for i, k := range s.stack {
			if i == len(s.stack)-1 {
				// s0 may still become the head of b by Right.
				if gold[k] == s.b {
					c++
				}
				continue
			}
			if gold[s.b] == k || gold[k] == s.b {
				c++
			}
		}
		return c
	case left, right:
		s0 := s.stack[len(s.stack)-1]
		c := 0
		h := gold[s0]
		if move == left {
			if h != s.b && (h > s.b || (len(s.stack) >= 2 && h == s.stack[len(s.stack)-2])) {
				c++
			}
		} else {
			if h >= s.b {
				c++
			}
		}
		for k := s.b; k <= s.n; k++ {
			if gold[k] == s0 {
				c++
			}
		}
		return c
	}
	return 0
}
