package perceptron

import "sort"

// table is an open-addressing hash map from uint64 keys to int32 values,
// with no pointers for the collector to scan and no per-entry allocation.
// Key 0 is stored apart.
type table struct {
	keys    []uint64
	vals    []int32
	n       int
	zero    int32
	hasZero bool
}

func newTable(capacity int) table {
	size := 16
	for size < capacity*2 {
		size <<= 1
	}
	return table{keys: make([]uint64, size), vals: make([]int32, size)}
}

func (t *table) get(k uint64) (int32, bool) {
	if k == 0 {
		return t.zero, t.hasZero
	}
	mask := uint64(len(t.keys) - 1)
	i := mix(k) & mask
	for {
		switch t.keys[i] {
		case k:
			return t.vals[i], true
		case 0:
			return 0, false
		}
		i = (i + 1) & mask
	}
}

func (t *table) put(k uint64, v int32) {
	if k == 0 {
		t.zero, t.hasZero = v, true
		return
	}
	if (t.n+1)*2 > len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	i := mix(k) & mask
	for {
		switch t.keys[i] {
		case k:
			t.vals[i] = v
			return
		case 0:
			t.keys[i], t.vals[i] = k, v
			t.n++
			return
		}
		i = (i + 1) & mask
	}
}

func (t *table) grow() {
	old := *t
	*t = newTable(len(old.keys))
	t.zero, t.hasZero = old.zero, old.hasZero
	for i, k := range old.keys {
		if k != 0 {
			t.put(k, old.vals[i])
		}
	}
}

type tableSlot struct {
	key uint64
	val int32
}

// slots returns every entry, sorted by key, so callers never depend on the
// table's layout.
func (t *table) slots() []tableSlot {
	out := make([]tableSlot, 0, t.n+1)
	if t.hasZero {
		out = append(out, tableSlot{0, t.zero})
	}
	for i, k := range t.keys {
		if k != 0 {
			out = append(out, tableSlot{k, t.vals[i]})
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].key < out[b].key })
	return out
}

func sortRows[T any](rows []T, key func(T) uint64) {
	sort.Slice(rows, func(a, b int) bool { return key(rows[a]) < key(rows[b]) })
}
