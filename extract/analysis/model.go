package analysis

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/kgtool/kg/extract/lemma"
	"github.com/kgtool/kg/extract/ner"
	"github.com/kgtool/kg/extract/parse"
	"github.com/kgtool/kg/extract/tag"
)

// ErrCorrupt is wrapped by Decode errors.
var ErrCorrupt = errors.New("analysis: corrupt model")

//go:embed model/en.kgm.gz
var embedded []byte

// Model bundles the trained models of the layer.
type Model struct {
	upos   *tag.Model   // classes are UPOS tags
	xpos   *tag.Model   // classes are XPOS tags; reads the predicted UPOS
	lemmas *lemma.Model // reads form, UPOS and XPOS
	parser *parse.Model
	ner    *ner.Model
	// feats maps UPOS and XPOS (and the lower-case form, for closed
	// classes) to the most frequent FEATS of the training data.
	feats       map[featKey]string
	fingerprint string
}

// Fingerprint identifies the model: the hex SHA-256 of its sections,
// uncompressed (so that it does not change with the compressor).
func (m *Model) Fingerprint() string { return m.fingerprint }

// Default decodes the model shipped in the binary. It takes about two
// seconds and a few hundred MB while it builds the tables; callers decode
// it once and share the result.
func Default() (*Model, error) {
	m, err := Decode(embedded)
	if err != nil {
		return nil, fmt.Errorf("embedded model: %w", err)
	}
	return m, nil
}

// EmbeddedSize is the compressed size of the shipped model, in bytes.
func EmbeddedSize() int { return len(embedded) }

// section names, in the order they are written.
var sections = []string{"upos", "xpos", "lemma", "parse", "ner", "feats"}

const magic = "KGLANG2\n"

// maxModel bounds the uncompressed size Decode accepts.
const maxModel = 512 << 20

// Encode writes the model as gzip-compressed sections. The gzip header
// carries no name or time, so the same model gives the same bytes.
func (m *Model) Encode() ([]byte, error) {
	parts := map[string]func() ([]byte, error){
		"upos":  m.upos.MarshalBinary,
		"xpos":  m.xpos.MarshalBinary,
		"lemma": m.lemmas.MarshalBinary,
		"parse": m.parser.MarshalBinary,
		"ner":   m.ner.MarshalBinary,
		"feats": m.encodeFeats,
	}
	var raw bytes.Buffer
	raw.WriteString(magic)
	for _, name := range sections {
		b, err := parts[name]()
		if err != nil {
			return nil, fmt.Errorf("encode %s: %w", name, err)
		}
		raw.Write(binary.AppendUvarint(nil, uint64(len(name))))
		raw.WriteString(name)
		raw.Write(binary.AppendUvarint(nil, uint64(len(b))))
		raw.Write(b)
	}
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Decode reads what Encode wrote.
func Decode(data []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	raw, err := io.ReadAll(io.LimitReader(zr, maxModel+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if len(raw) > maxModel {
		return nil, fmt.Errorf("over %d bytes uncompressed: %w", maxModel, ErrCorrupt)
	}
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, fmt.Errorf("no model header: %w", ErrCorrupt)
	}
	r := bytes.NewReader(raw[len(magic):])
	got := map[string][]byte{}
	for r.Len() > 0 {
		name, err := readBytes(r)
		if err != nil {
			return nil, fmt.Errorf("section name: %w", err)
		}
		body, err := readBytes(r)
		if err != nil {
			return nil, fmt.Errorf("section %q: %w", name, err)
		}
		got[string(name)] = body
	}
	m := &Model{upos: &tag.Model{}, xpos: &tag.Model{}, lemmas: &lemma.Model{}, parser: &parse.Model{}, ner: &ner.Model{}}
	parts := map[string]func([]byte) error{
		"upos":  m.upos.UnmarshalBinary,
		"xpos":  m.xpos.UnmarshalBinary,
		"lemma": m.lemmas.UnmarshalBinary,
		"parse": m.parser.UnmarshalBinary,
		"ner":   m.ner.UnmarshalBinary,
		"feats": m.decodeFeats,
	}
	for _, name := range sections {
		b, ok := got[name]
		if !ok {
			return nil, fmt.Errorf("no %s section: %w", name, ErrCorrupt)
		}
		if err := parts[name](b); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	sum := sha256.Sum256(raw)
	m.fingerprint = hex.EncodeToString(sum[:])
	return m, nil
}

func readBytes(r *bytes.Reader) ([]byte, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil || n > uint64(r.Len()) {
		return nil, fmt.Errorf("section length: %w", ErrCorrupt)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("section: %w", ErrCorrupt)
	}
	return b, nil
}

// featKey is what FEATS are looked up by; Form is "" for the open classes.
type featKey struct{ Form, UPOS, XPOS string }

func (m *Model) encodeFeats() ([]byte, error) {
	keys := make([]featKey, 0, len(m.feats))
	for k := range m.feats {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		x, y := keys[a], keys[b]
		if x.Form != y.Form {
			return x.Form < y.Form
		}
		if x.UPOS != y.UPOS {
			return x.UPOS < y.UPOS
		}
		return x.XPOS < y.XPOS
	})
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", k.Form, k.UPOS, k.XPOS, m.feats[k])
	}
	return []byte(b.String()), nil
}

func (m *Model) decodeFeats(data []byte) error {
	m.feats = map[featKey]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return fmt.Errorf("feats line %q: %w", line, ErrCorrupt)
		}
		m.feats[featKey{f[0], f[1], f[2]}] = f[3]
	}
	return nil
}
