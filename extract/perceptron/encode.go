package perceptron

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// ErrCorrupt is wrapped by UnmarshalBinary errors.
var ErrCorrupt = errors.New("perceptron: corrupt model")

// magic names the format and the feature hashing: a model whose features
// were hashed another way must not load (it would score nonsense), so a
// change to Hash changes the magic.
const magic = "KGPC2"

// quantum is the resolution weights are stored at: averaged perceptron
// weights that differ by less than this make no measurable difference.
const quantum = 1.0 / 256

// MarshalBinary encodes the model: rows in key order, keys as deltas,
// weights as multiples of a small quantum, all as varints. The same model
// gives the same bytes.
func (m *Model) MarshalBinary() ([]byte, error) {
	buf := []byte(magic)
	buf = binary.AppendUvarint(buf, uint64(m.classes))
	order := m.sortedRows()
	buf = binary.AppendUvarint(buf, uint64(len(order)))
	var prev uint64
	for _, i := range order {
		buf = binary.AppendUvarint(buf, m.keys[i]-prev)
		prev = m.keys[i]
		cls, w := m.entries(i)
		buf = binary.AppendUvarint(buf, uint64(len(cls)))
		last := uint16(0)
		for k, c := range cls {
			buf = binary.AppendUvarint(buf, uint64(c-last))
			last = c
			buf = binary.AppendVarint(buf, int64(math.Round(float64(w[k])/quantum)))
		}
	}
	return buf, nil
}

// UnmarshalBinary decodes what MarshalBinary wrote.
func (m *Model) UnmarshalBinary(data []byte) error {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return fmt.Errorf("no model header: %w", ErrCorrupt)
	}
	d := decoder{buf: data[len(magic):]}
	classes := int(d.uvarint())
	nrows := int(d.uvarint())
	if d.err != nil || classes <= 0 || classes > 1<<16 || nrows > len(d.buf) {
		return fmt.Errorf("bad header: %w", ErrCorrupt)
	}
	nm := newModel(classes, nrows)
	var key uint64
	var cls []uint16
	var vals []float32
	for i := 0; i < nrows && d.err == nil; i++ {
		delta := d.uvarint()
		if i > 0 && delta == 0 {
			return fmt.Errorf("row %d: repeated feature: %w", i, ErrCorrupt)
		}
		key += delta
		n := int(d.uvarint())
		if n > len(d.buf) {
			return fmt.Errorf("row %d: %w", i, ErrCorrupt)
		}
		cls, vals = cls[:0], vals[:0]
		c := uint64(0)
		for k := 0; k < n && d.err == nil; k++ {
			c += d.uvarint()
			if c >= uint64(classes) {
				return fmt.Errorf("row %d: class %d of %d: %w", i, c, classes, ErrCorrupt)
			}
			cls = append(cls, uint16(c))
			vals = append(vals, float32(float64(d.varint())*quantum))
		}
		nm.add(key, cls, vals)
	}
	if d.err != nil {
		return d.err
	}
	if len(d.buf) != 0 {
		return fmt.Errorf("%d trailing bytes: %w", len(d.buf), ErrCorrupt)
	}
	*m = *nm
	return nil
}

// decoder reads varints, remembering the first error.
type decoder struct {
	buf []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.err = fmt.Errorf("truncated varint: %w", ErrCorrupt)
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.buf)
	if n <= 0 {
		d.err = fmt.Errorf("truncated varint: %w", ErrCorrupt)
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

// AppendStrings appends a list of strings as the models of kg encode them:
// the count, then each string's length and bytes, as uvarints.
func AppendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

// ReadStrings reads what AppendStrings wrote; lengths are checked against
// what is left, so corrupt input cannot ask for more memory than it has.
func ReadStrings(r *bytes.Reader) ([]string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil || n > uint64(r.Len()) {
		return nil, fmt.Errorf("string list: %w", ErrCorrupt)
	}
	out := make([]string, 0, n)
	for i := uint64(0); i < n; i++ {
		l, err := binary.ReadUvarint(r)
		if err != nil || l > uint64(r.Len()) {
			return nil, fmt.Errorf("string %d: %w", i, ErrCorrupt)
		}
		s := make([]byte, l)
		if _, err := io.ReadFull(r, s); err != nil {
			return nil, fmt.Errorf("string %d: %w", i, ErrCorrupt)
		}
		out = append(out, string(s))
	}
	return out, nil
}
