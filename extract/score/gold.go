package score

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/schema"
)

// Errors that LoadGold reports, each wrapped with the line and item at fault.
var (
	ErrSyntax            = errors.New("score: gold syntax")
	ErrMissingField      = errors.New("score: missing field")
	ErrDuplicateID       = errors.New("score: duplicate id")
	ErrUnknownEntity     = errors.New("score: unknown entity")
	ErrUnknownDoc        = errors.New("score: unknown document")
	ErrAmbiguousName     = errors.New("score: name shared by two entities of one label")
	ErrSignature         = errors.New("score: relation type does not allow these labels")
	ErrDuplicateRelation = errors.New("score: duplicate relation")
)

// Gold is a gold file: the documents annotated, the entities they mention and
// the relations between them.
type Gold struct {
	Documents []GoldDocument `json:"documents"`
	Entities  []GoldEntity   `json:"entities"`
	Relations []GoldRelation `json:"relations"`
}

// GoldDocument is one annotated document.
type GoldDocument struct {
	ID    extract.DocID `json:"id"`
	Title string        `json:"title"`
	// Date is YYYY-MM-DD, or "" where the file has null.
	Date string `json:"date"`
	// Line is where the item starts in the gold file.
	Line int `json:"-"`
}

// GoldEntity is one entity the extractor should find.
type GoldEntity struct {
	ID    string       `json:"id"`
	Label schema.Label `json:"type"`
	// Name is the canonical (fullest) name; Aliases are every other surface
	// form the corpus uses for the entity.
	Name     string          `json:"name"`
	Aliases  []string        `json:"aliases"`
	Docs     []extract.DocID `json:"docs"`
	Optional bool            `json:"optional,omitempty"`
	// Value is a Contract's value as the annotator wrote it ("£3.7bn").
	Value string `json:"value,omitempty"`
	// Extra holds any other keys, so that annotators may add facts the
	// scorer does not use without the file being refused.
	Extra map[string]json.RawMessage `json:"-"`
	Line  int                        `json:"-"`
}

// GoldRelation is one relation the extractor should find, between two gold
// entity ids.
type GoldRelation struct {
	Type schema.RelType  `json:"type"`
	From string          `json:"from"`
	To   string          `json:"to"`
	Role string          `json:"role,omitempty"`
	Docs []extract.DocID `json:"docs"`
	// Evidence quotes a sentence that supports the relation.
	Evidence string `json:"evidence"`
	Optional bool   `json:"optional,omitempty"`
	Line     int    `json:"-"`
}

var entityKeys = []string{"id", "type", "name", "aliases", "docs", "optional", "value"}

// UnmarshalJSON reads an entity, keeping keys it does not know in Extra.
func (e *GoldEntity) UnmarshalJSON(b []byte) error {
	type plain GoldEntity
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	for k := range all {
		for _, known := range entityKeys {
			// encoding/json matches keys without regard to case.
			if strings.EqualFold(k, known) {
				delete(all, k)
			}
		}
	}
	p.Extra = nil
	if len(all) > 0 {
		p.Extra = all
	}
	p.Line = e.Line
	*e = GoldEntity(p)
	return nil
}

// Forms returns the entity's canonical name and aliases, normalised, without
// repeats or empty forms.
func (e *GoldEntity) Forms() []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range append([]string{e.Name}, e.Aliases...) {
		n := extract.Normalize(s)
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// LoadGold reads and validates a gold file. Every problem found is reported,
// joined, each with its line: syntax, missing fields, unknown labels and
// relation types (schema.ErrUnknownLabel, schema.ErrUnknownRelType),
// duplicate ids and relations, references to unknown entities or documents,
// relations whose ends have labels the type does not allow, and names that
// two entities of one label share (which would make matching ambiguous).
func LoadGold(r io.Reader) (*Gold, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	g, err := decode(data)
	if err != nil {
		return nil, err
	}
	if err := g.validate(); err != nil {
		return nil, err
	}
	return g, nil
}

// decode reads the file item by item so that each item keeps its line.
func decode(data []byte) (*Gold, error) {
	g := new(Gold)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	fail := func(err error) error {
		off := dec.InputOffset()
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			off = se.Offset
		case errors.As(err, &te):
			off = te.Offset
		}
		return fmt.Errorf("line %d: %w: %v", lineAt(data, off), ErrSyntax, err)
	}
	if err := expectDelim(dec, '{'); err != nil {
		return nil, fail(err)
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fail(err)
		}
		key, _ := tok.(string)
		if seen[key] {
			return nil, fail(fmt.Errorf("repeated key %q", key))
		}
		seen[key] = true
		switch key {
		case "documents":
			err = decodeList(dec, data, &g.Documents, func(d *GoldDocument, l int) { d.Line = l })
		case "entities":
			err = decodeList(dec, data, &g.Entities, func(e *GoldEntity, l int) { e.Line = l })
		case "relations":
			err = decodeList(dec, data, &g.Relations, func(r *GoldRelation, l int) { r.Line = l })
		default:
			err = fmt.Errorf("unknown key %q", key)
		}
		if err != nil {
			return nil, fail(err)
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, fail(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fail(errors.New("data after the top-level object"))
	}
	return g, nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("found %v, want %q", tok, want)
	}
	return nil
}

func decodeList[T any](dec *json.Decoder, data []byte, list *[]T, setLine func(*T, int)) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil { // null: an empty list
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("found %v, want a list", tok)
	}
	for dec.More() {
		off := int(dec.InputOffset())
		for off < len(data) && strings.IndexByte(" \t\r\n,", data[off]) >= 0 {
			off++
		}
		var item T
		if err := dec.Decode(&item); err != nil {
			return err
		}
		setLine(&item, lineAt(data, int64(off)))
		*list = append(*list, item)
	}
	return expectDelim(dec, ']')
}

func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	return 1 + bytes.Count(data[:off], []byte{'\n'})
}

func (g *Gold) validate() error {
	var errs []error
	bad := func(line int, what string, err error) {
		errs = append(errs, fmt.Errorf("line %d: %s: %w", line, what, err))
	}

	docs := map[extract.DocID]bool{}
	for i, d := range g.Documents {
		what := fmt.Sprintf("documents[%d]", i)
		switch {
		case d.ID == "":
			bad(d.Line, what, fmt.Errorf("%w id", ErrMissingField))
		case docs[d.ID]:
			bad(d.Line, what, fmt.Errorf("%w %q", ErrDuplicateID, d.ID))
		}
		docs[d.ID] = true
	}
	checkDocs := func(line int, what string, ds []extract.DocID) {
		for _, d := range ds {
			if !docs[d] {
				bad(line, what, fmt.Errorf("%w %q", ErrUnknownDoc, d))
			}
		}
	}

	type form struct {
		label schema.Label
		name  string
	}
	ents := map[string]*GoldEntity{}
	owner := map[form]string{}
	for i := range g.Entities {
		e := &g.Entities[i]
		what := fmt.Sprintf("entities[%d] %q", i, e.ID)
		if e.ID == "" {
			bad(e.Line, what, fmt.Errorf("%w id", ErrMissingField))
		} else if ents[e.ID] != nil {
			bad(e.Line, what, fmt.Errorf("%w %q", ErrDuplicateID, e.ID))
		} else {
			ents[e.ID] = e
		}
		if _, err := schema.ParseLabel(string(e.Label)); err != nil {
			bad(e.Line, what, err)
		}
		if extract.Normalize(e.Name) == "" {
			bad(e.Line, what, fmt.Errorf("%w name", ErrMissingField))
		}
		for _, a := range e.Aliases {
			if extract.Normalize(a) == "" {
				bad(e.Line, what, fmt.Errorf("%w: alias %q is empty once normalised", ErrMissingField, a))
			}
		}
		checkDocs(e.Line, what, e.Docs)
		for _, f := range e.Forms() {
			k := form{e.Label, f}
			if other, ok := owner[k]; ok && other != e.ID {
				bad(e.Line, what, fmt.Errorf("%w: %q is also a name of %q", ErrAmbiguousName, f, other))
				continue
			}
			owner[k] = e.ID
		}
	}

	type key struct {
		t        schema.RelType
		from, to string
	}
	rels := map[key]bool{}
	for i, r := range g.Relations {
		what := fmt.Sprintf("relations[%d] %s %s->%s", i, r.Type, r.From, r.To)
		_, terr := schema.ParseRelType(string(r.Type))
		if terr != nil {
			bad(r.Line, what, terr)
		}
		from, to := ents[r.From], ents[r.To]
		for _, end := range []struct {
			name, id string
			e        *GoldEntity
		}{{"from", r.From, from}, {"to", r.To, to}} {
			switch {
			case end.id == "":
				bad(r.Line, what, fmt.Errorf("%w %s", ErrMissingField, end.name))
			case end.e == nil:
				bad(r.Line, what, fmt.Errorf("%w %q", ErrUnknownEntity, end.id))
			}
		}
		if terr == nil && from != nil && to != nil && !r.Type.Allows(from.Label, to.Label) {
			bad(r.Line, what, fmt.Errorf("%w: %s from %s to %s", ErrSignature, r.Type, from.Label, to.Label))
		}
		checkDocs(r.Line, what, r.Docs)
		k := key{r.Type, r.From, r.To}
		if rels[k] {
			bad(r.Line, what, ErrDuplicateRelation)
		}
		rels[k] = true
	}
	if len(errs) > 0 {
		return fmt.Errorf("invalid gold: %w", errors.Join(errs...))
	}
	return nil
}
