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
	if e, ok := m.exact[form+sep+tag]; ok {
		if l, ok := e.apply(form); ok {
			return l
		}
	}
	return m.general(form, strings.ToLower(form), upos, tag)
}

// general is Lemma without the exact-case table.
func (m *Model) general(form, lf, upos, tag string) string {
	if e, ok := m.lower[lf+sep+tag]; ok {
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
	for n := min(len(lf), m.maxSuffix); n >= 0; n-- {
		if e, ok := m.rules[tag+sep+lf[len(lf)-n:]]; ok {
			return e, true
		}
	}
	return edit{}, false
}
