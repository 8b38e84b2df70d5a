package lemma

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// ErrFormat is wrapped by every error about malformed model bytes.
var ErrFormat = errors.New("lemma: malformed model")

// magic starts the binary form; its last byte is the format version.
const magic = "kglemma\x01"

// MarshalBinary encodes the model. Keys are written in sorted order, so
// equal models give equal bytes.
func (m *Model) MarshalBinary() ([]byte, error) {
	b := []byte(magic)
	b = binary.AppendUvarint(b, uint64(m.maxSuffix))
	for _, t := range []map[string]edit{m.exact, m.lower, m.rules} {
		b = binary.AppendUvarint(b, uint64(len(t)))
		for _, k := range sortedKeys(t) {
			e := t[k]
			b = appendString(b, k)
			flag := byte(0)
			if e.lower {
				flag = 1
			}
			b = append(b, flag)
			b = binary.AppendUvarint(b, uint64(e.strip))
			b = appendString(b, e.add)
		}
	}
	return b, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// UnmarshalBinary decodes what MarshalBinary wrote, replacing m's tables.
func (m *Model) UnmarshalBinary(data []byte) error {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return fmt.Errorf("lemma model header: %w", ErrFormat)
	}
	d := decoder{data: data, off: len(magic)}
	maxSuf := d.uint(math.MaxInt32)
	var tables [3]map[string]edit
	for i := range tables {
		n := d.uint(len(data)) // every entry takes at least a byte
		tables[i] = make(map[string]edit, n)
		for j := 0; j < n && d.err == nil; j++ {
			k := d.string()
			var e edit
			switch d.byte() {
			case 0:
			case 1:
				e.lower = true
			default:
				d.fail("edit flag")
			}
			e.strip = d.uint(math.MaxInt32)
			e.add = d.string()
			tables[i][k] = e
		}
	}
	if d.err == nil && d.off != len(data) {
		d.fail("trailing bytes")
	}
	if d.err != nil {
		return d.err
	}
	m.maxSuffix = maxSuf
	m.exact, m.lower, m.rules = tables[0], tables[1], tables[2]
	return nil
}

// decoder reads the binary form, keeping the first error.
type decoder struct {
	data []byte
	off  int
	err  error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("lemma model at byte %d: bad %s: %w", d.off, what, ErrFormat)
	}
}

func (d *decoder) uint(limit int) int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.data[d.off:])
	if n <= 0 || v > uint64(limit) {
		d.fail("number")
		return 0
	}
	d.off += n
	return int(v)
}

func (d *decoder) byte() byte {
	if d.err != nil {
		return 0
	}
	if d.off >= len(d.data) {
		d.fail("byte")
		return 0
	}
	d.off++
	return d.data[d.off-1]
}

func (d *decoder) string() string {
	n := d.uint(len(d.data))
	if d.err != nil {
		return ""
	}
	if n > len(d.data)-d.off {
		d.fail("string length")
		return ""
	}
	s := string(d.data[d.off : d.off+n])
	d.off += n
	return s
}
