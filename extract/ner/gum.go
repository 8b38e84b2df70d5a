package ner

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgtool/kg/extract/conllu"
)

// Sentence is one training or evaluation sentence: its words, their
// universal parts of speech (nil or "" when unknown) and its entity spans.
type Sentence struct {
	Words, UPOS []string
	Spans       []conllu.Span
}

// mention is one GUM entity mention over words [start, end).
type mention struct {
	start, end int
	etype      string
}

// gumLabels maps GUM's entity types to the labels kg tags.
var gumLabels = map[string]string{"person": "PER", "organization": "ORG", "place": "LOC"}

// parseEntity reads the Entity value of one word's MISC column and updates
// the mentions still open. GUM writes "(12-person-new-...", which opens
// mention 12 at word i, "12)", which closes the innermost open mention 12
// after word i, and "(12-person-...)", a mention of word i alone; a word
// may carry several, as in "(4-abstract-...(5-object-...)" or "10)9)8)".
// Closed mentions are appended to done.
func parseEntity(v string, i int, open []openMention, done []mention) ([]openMention, []mention, error) {
	for len(v) > 0 {
		switch {
		case v[0] == '(':
			end := strings.IndexAny(v[1:], "()")
			body := v[1:]
			if end >= 0 {
				body = v[1 : 1+end]
			}
			id, rest, ok := strings.Cut(body, "-")
			if !ok || id == "" {
				return open, done, fmt.Errorf("entity %q: no id: %w", body, conllu.ErrFormat)
			}
			etype, _, _ := strings.Cut(rest, "-")
			if end >= 0 && v[1+end] == ')' {
				done = append(done, mention{i, i + 1, etype})
				v = v[2+end:]
				continue
			}
			open = append(open, openMention{id: id, mention: mention{start: i, etype: etype}})
			v = v[1+len(body):]
		default:
			end := strings.IndexByte(v, ')')
			if end <= 0 {
				return open, done, fmt.Errorf("entity value %q: want ( or id): %w", v, conllu.ErrFormat)
			}
			id := v[:end]
			if _, err := strconv.Atoi(id); err != nil {
				return open, done, fmt.Errorf("entity value %q: bad id %q: %w", v, id, conllu.ErrFormat)
			}
			k := len(open) - 1
			for k >= 0 && open[k].id != id {
				k--
			}
			if k < 0 {
				return open, done, fmt.Errorf("entity %s closed but not open: %w", id, conllu.ErrFormat)
			}
			m := open[k].mention
			m.end = i + 1
			done = append(done, m)
			open = append(open[:k], open[k+1:]...)
			v = v[end+1:]
		}
	}
	return open, done, nil
}

type openMention struct {
	id string
	mention
}

// mentions returns the GUM entity mentions of s, in order of start (then
// longest first).
func mentions(s *conllu.Sentence) ([]mention, error) {
	var open []openMention
	var done []mention
	for i, t := range s.Tokens {
		v, ok := conllu.MiscValue(t.Misc, "Entity")
		if !ok {
			continue
		}
		var err error
		if open, done, err = parseEntity(v, i, open, done); err != nil {
			return nil, fmt.Errorf("word %d: %w", t.ID, err)
		}
	}
	if len(open) > 0 {
		return nil, fmt.Errorf("entity %s not closed: %w", open[0].id, conllu.ErrFormat)
	}
	sort.SliceStable(done, func(a, b int) bool {
		if done[a].start != done[b].start {
			return done[a].start < done[b].start
		}
		return done[a].end > done[b].end
	})
	return done, nil
}

// cutRels are the relations whose subtrees a name never includes: clauses,
// appositions, lists and coordination that GUM counts as part of the
// mention ("John Smith, who lives in Leeds").
var cutRels = map[string]bool{
	"acl": true, "appos": true, "list": true, "conj": true, "cc": true, "parataxis": true,
	"punct": true, "dep": true, "advcl": true, "reparandum": true, "orphan": true,
	"discourse": true, "vocative": true, "dislocated": true,
}

// named turns a GUM mention into a named-entity span, or reports false.
//
// A mention of a person, an organisation or a place is named when its head
// word, the first word of the mention whose syntactic head lies outside
// the mention, is a proper noun (PROPN): "Claire Bailey-Ross" and "the
// University of Portsmouth" are named, "she" and "the university" are not;
// nor is a plural proper noun naming people ("the Tatars"), a group that
// named-entity sets such as Universal NER leave out, a title ("President
// of the Society", see title) or a transcription without capitals.
// The span keeps the head and the words of the mention that hang from it,
// except through the relations in cutRels, so "the University of
// Portsmouth, United Kingdom" gives "University of Portsmouth" and
// "United Kingdom" separately. Then the name starts after the last word
// before the head that is a determiner, a pronoun or without a capital
// ("the", "his", "former", see lowly), so "US political activist Noam
// Chomsky" gives "Noam Chomsky"; trailing punctuation, possessive markers,
// pronouns and adverbs ("Galois himself", "Matthew here") are trimmed. Nominal modifiers stay only when joined by "of", "for" and
// the like (see nameModifier).
func named(s *conllu.Sentence, m mention) (conllu.Span, bool) {
	label, ok := gumLabels[m.etype]
	if !ok {
		return conllu.Span{}, false
	}
	toks := s.Tokens
	inside := func(id int) bool { return id-1 >= m.start && id-1 < m.end }
	head := -1
	for i := m.start; i < m.end; i++ {
		if !inside(toks[i].Head) {
			head = i
			break
		}
	}
	if head < 0 || toks[head].UPOS != "PROPN" {
		return conllu.Span{}, false
	}
	if label == "PER" && (toks[head].XPOS == "NNPS" || strings.Contains(toks[head].Feats, "Number=Plur")) {
		return conllu.Span{}, false // a group: "the Tatars", "the Olsens"
	}
	// keep[i]: word i hangs from the head inside the mention, through no
	// cut relation.
	keep := make([]bool, m.end-m.start)
	keep[head-m.start] = true
	for changed := true; changed; {
		changed = false
		for i := m.start; i < m.end; i++ {
			t := toks[i]
			if keep[i-m.start] || !inside(t.Head) || !keep[t.Head-1-m.start] || cutRels[baseRel(t.Deprel)] || !nameModifier(s, i) {
				continue
			}
			keep[i-m.start] = true
			changed = true
		}
	}
	start, end := head, head+1
	for i := m.start; i < m.end; i++ {
		if keep[i-m.start] {
			start = min(start, i)
			end = max(end, i+1)
		}
	}
	for i := head - 1; i >= start; i-- {
		if lowly(toks[i]) {
			start = i + 1
			break
		}
	}
	for end > head+1 && (toks[end-1].UPOS == "PUNCT" || toks[end-1].UPOS == "PART" || toks[end-1].UPOS == "PRON" || toks[end-1].UPOS == "ADV") {
		end--
	}
	if !capitalised(toks[start:end]) {
		return conllu.Span{}, false // a transcription: "pjɛʁ ʃɑʁl lɑ̃fɑ̃"
	}
	if label == "PER" && title(s, head) {
		return conllu.Span{}, false
	}
	return conllu.Span{Start: start, End: end, Label: label}, true
}

// capitalised reports whether a word of toks starts with a capital letter.
func capitalised(toks []conllu.Token) bool {
	for _, t := range toks {
		if r, _ := utf8.DecodeRuneInString(t.Form); unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// title reports whether the head of a person mention is a title rather
// than a name: it takes an "of" modifier and no name parts (flat), as in
// "President of the Linguistic Society" or "Fellow of the Royal Society",
// where "Patrick Gordon of Auchleuchries" has a flat part.
func title(s *conllu.Sentence, head int) bool {
	id := s.Tokens[head].ID
	of := false
	for _, t := range s.Tokens {
		if t.Head != id {
			continue
		}
		switch baseRel(t.Deprel) {
		case "flat":
			return false
		case "nmod":
			for _, c := range s.Tokens {
				if c.Head == t.ID && baseRel(c.Deprel) == "case" && strings.EqualFold(c.Form, "of") {
					of = true
				}
			}
		}
	}
	return of
}

// nameLinks are the prepositions that join the parts of one name
// ("University of Leeds", "Centre for Policy Studies", "Universidad de
// Granada"); a modifier introduced by any other ("Ohio State University in
// Columbus", "Henry Talbot in the final season") is no part of the name.
var nameLinks = map[string]bool{
	"of": true, "for": true, "de": true, "du": true, "des": true, "del": true, "della": true,
	"di": true, "da": true, "do": true, "von": true, "van": true, "der": true, "zu": true,
}

// nameModifier reports whether word i, a dependent inside a mention, may
// belong to the name of its head. A nominal modifier (nmod, obl) belongs
// only when a name link introduces it; possessors ("London 's Academy")
// and dates ("Watchmen ( 2009 )") never do.
func nameModifier(s *conllu.Sentence, i int) bool {
	t := s.Tokens[i]
	base, sub, _ := strings.Cut(t.Deprel, ":")
	if base != "nmod" && base != "obl" {
		return true
	}
	if sub == "poss" || sub == "tmod" || sub == "npmod" || sub == "unmarked" {
		return false
	}
	for _, c := range s.Tokens {
		if c.Head == t.ID && baseRel(c.Deprel) == "case" {
			return nameLinks[strings.ToLower(c.Form)]
		}
	}
	return true
}

// lowly reports whether a word before the head of a name is no part of it:
// a determiner, a pronoun ("his") or a word that does not start with a
// capital ("former"). Capitalised words stay whatever their tag, as
// GUM tags "United" in "United Kingdom" a verb.
func lowly(t conllu.Token) bool {
	if t.UPOS == "DET" || t.UPOS == "PRON" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t.Form)
	return !unicode.IsUpper(r)
}

func baseRel(r string) string {
	b, _, _ := strings.Cut(r, ":")
	return b
}

// outermost drops every span inside another, and of two spans that
// overlap keeps the one that starts first (the longer on a tie). The result
// is sorted by start.
func outermost(spans []conllu.Span) []conllu.Span {
	sort.SliceStable(spans, func(a, b int) bool {
		if spans[a].Start != spans[b].Start {
			return spans[a].Start < spans[b].Start
		}
		return spans[a].End > spans[b].End
	})
	var out []conllu.Span
	for _, sp := range spans {
		if len(out) > 0 && sp.Start < out[len(out)-1].End {
			continue
		}
		out = append(out, sp)
	}
	return out
}

// gumSentence converts one GUM sentence.
func gumSentence(s *conllu.Sentence) (Sentence, error) {
	ms, err := mentions(s)
	if err != nil {
		return Sentence{}, err
	}
	var out Sentence
	for _, t := range s.Tokens {
		out.Words = append(out.Words, t.Form)
		out.UPOS = append(out.UPOS, t.UPOS)
	}
	var spans []conllu.Span
	for _, m := range ms {
		if sp, ok := named(s, m); ok {
			spans = append(spans, sp)
		}
	}
	out.Spans = outermost(spans)
	return out, nil
}

// ReadGUM reads a GUM CoNLL-U file and returns its sentences with their
// named person (PER), organisation (ORG) and place (LOC) spans, as named
// and outermost define them.
func ReadGUM(path string) ([]Sentence, error) {
	ss, err := readConllu(path)
	if err != nil {
		return nil, err
	}
	out := make([]Sentence, 0, len(ss))
	for _, s := range ss {
		g, err := gumSentence(s)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, s.Line, err)
		}
		out = append(out, g)
	}
	return out, nil
}

func readConllu(path string) ([]*conllu.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read treebank: %w", err)
	}
	defer f.Close()
	return conllu.ReadAll(f, path)
}
