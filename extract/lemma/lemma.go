package lemma

import "strings"

// Model holds the tables Train learns. The zero Model lemmatises every word
// as itself, lower-cased unless it is a proper noun.
type Model struct {
	exact     map[string]edit // form + sep + tag
	lower     map[string]edit // lower-cased form + sep + tag
	rules     map[string]edit // tag + sep + suffix of the lower-cased form
	maxSuffix int
}

// sep joins the parts of a table key; CoNLL-U fields hold no NUL.
const sep = "\x00"

// edit turns a form into its lemma.
type edit struct {
	lower bool   // lower-case the form first
	strip int    // bytes to cut from the end
	add   string // then append
}

// apply returns the lemma edit e makes of form, or false when the form is
// too short for it.
func (e edit) apply(form string) (string, bool) {
	base := form
	if e.lower {
		base = strings.ToLower(form)
	}
	if e.strip > len(base) {
		return "", false
	}
	return base[:len(base)-e.strip] + e.add, true
}

// less orders edits so that ties between equally frequent edits break the
// same way every time.
func (e edit) less(o edit) bool {
	if e.lower != o.lower {
		return e.lower
	}
	if e.strip != o.strip {
		return e.strip < o.strip
	}
	return e.add < o.add
}

// editFor returns the edit that turns form into lemma: lower-case first
// when the lemma is in lower case, and strip only what differs.
func editFor(form, lemma string) edit {
	e := edit{lower: lemma == strings.ToLower(lemma)}
	base := form
	if e.lower {
		base = strings.ToLower(form)
	}
	cp := 0
	for cp < len(base) && cp < len(lemma) && base[cp] == lemma[cp] {
		cp++
	}
	e.strip = len(base) - cp
	e.add = lemma[cp:]
	return e
}

// tagOf is the tag the tables are keyed on: XPOS, or UPOS where a treebank
// has no XPOS.
func tagOf(upos, xpos string) string {
	if xpos == "" || xpos == "_" {
		return upos
	}
	return xpos
}

// Lemma returns the lemma of form tagged upos and xpos.
func (m *Model) Lemma(form, upos, xpos string) string {
	tag := tagOf(upos, xpos)
	var buf [64]byte
	if e, ok := m.exact[string(key(buf[:0], form, tag))]; ok {
		if l, ok := e.apply(form); ok {
			return l
		}
	}
	return m.general(form, strings.ToLower(form), upos, tag)
}

// key appends a table key to buf. Looking a map up with string(key(...))
// does not allocate, and Lemma runs once for every word of every document.
func key(buf []byte, a, b string) []byte {
	buf = append(buf, a...)
	buf = append(buf, sep...)
	return append(buf, b...)
}

// general is Lemma without the exact-case table.
func (m *Model) general(form, lf, upos, tag string) string {
	var buf [64]byte
	if e, ok := m.lower[string(key(buf[:0], lf, tag))]; ok {
		if l, ok := e.apply(form); ok {
			return l
		}
	}
	if e, ok := m.rule(lf, tag); ok {
		if l, ok := e.apply(form); ok {
			return l
		}
	}
	if upos == "PROPN" {
		return form
	}
	return lf
}

// rule returns the edit of the longest suffix of lf that has a rule for
// tag; the empty suffix is the tag's default.
func (m *Model) rule(lf, tag string) (edit, bool) {
	var buf [64]byte
	for n := min(len(lf), m.maxSuffix); n >= 0; n-- {
		if e, ok := m.rules[string(key(buf[:0], tag, lf[len(lf)-n:]))]; ok {
			return e, true
		}
	}
	return edit{}, false
}
