package ner

import (
	"slices"

	"github.com/kgtool/kg/extract/conllu"
	"github.com/kgtool/kg/extract/perceptron"
	"github.com/kgtool/kg/schema"
)

// wordLists are the single-word lists of the vocabulary a word is looked
// up in, with the names their feature values are made from. The names, not
// the list numbers, reach the model, so reordering schema's constants does
// not change what a trained model means.
var wordLists = []struct {
	kind schema.WordKind
	name string
}{
	{schema.Honorific, "honorific"},
	{schema.GivenName, "given-name"},
	{schema.Nickname, "nickname"},
	{schema.OrgHead, "org-head"},
	{schema.OrgPrefix, "org-prefix"},
	{schema.OrgNoun, "org-noun"},
	{schema.NotName, "not-name"},
	{schema.PolicyHead, "policy-head"},
	{schema.ReportHead, "report-head"},
}

// phraseLists are the phrase lists matched over the sentence; each word of
// a match gets the list's value with its position, B (first word) or I.
var phraseLists = map[schema.PhraseKind]string{
	schema.PhraseBody:      "body",
	schema.PhraseRole:      "role",
	schema.PhraseRoleWord:  "role-word",
	schema.PhraseHonorific: "honorific-phrase",
	schema.PhrasePlace:     "place",
	schema.PhraseOrgNoun:   "org-noun-phrase",
	schema.PhraseNotEntity: "not-entity",
}

// Gazetteer turns the domain vocabulary into feature values: for each word
// one value per vocabulary list it falls in. It is read-only once built,
// so one Gazetteer may serve many goroutines.
type Gazetteer struct {
	v     *schema.Vocabulary
	words []uint64                     // value of wordLists[k]
	b, i  map[schema.PhraseKind]uint64 // B and I values of phrase lists
	body  map[schema.Label][2]uint64   // B and I values of a body's label
}

// NewGazetteer returns a Gazetteer over v.
func NewGazetteer(v *schema.Vocabulary) *Gazetteer {
	g := &Gazetteer{v: v, b: map[schema.PhraseKind]uint64{}, i: map[schema.PhraseKind]uint64{}, body: map[schema.Label][2]uint64{}}
	for _, l := range wordLists {
		g.words = append(g.words, gazValue(l.name))
	}
	for k, name := range phraseLists {
		g.b[k] = gazValue("B-" + name)
		g.i[k] = gazValue("I-" + name)
	}
	for _, b := range v.Bodies {
		if _, ok := g.body[b.Label]; !ok {
			g.body[b.Label] = [2]uint64{gazValue("B-body-" + string(b.Label)), gazValue("I-body-" + string(b.Label))}
		}
	}
	return g
}

func gazValue(name string) uint64 { return perceptron.HashString("gazetteer:" + name) }

// Features returns, for each word, the values of the lists it falls in
// (nil for a word in none), sorted.
func (g *Gazetteer) Features(words []string) [][]uint64 {
	out, _ := g.features(words, nil, nil)
	return out
}

// features is Features reusing the arrays of out and matches, which it
// returns for the next call.
func (g *Gazetteer) features(words []string, out [][]uint64, matches []schema.Match) ([][]uint64, []schema.Match) {
	out = slices.Grow(out[:0], len(words))[:len(words)]
	for i := range out {
		out[i] = out[i][:0]
	}
	for i, w := range words {
		for k, l := range wordLists {
			if g.v.Is(l.kind, w) {
				out[i] = append(out[i], g.words[k])
			}
		}
		matches = g.v.Matches(words, i, matches[:0])
		for _, m := range matches {
			b, ok := g.b[m.Kind]
			if !ok {
				continue
			}
			out[i] = append(out[i], b)
			for j := i + 1; j < i+m.Len; j++ {
				out[j] = append(out[j], g.i[m.Kind])
			}
			if m.Kind == schema.PhraseBody {
				lv := g.body[g.v.Bodies[m.Index].Label]
				out[i] = append(out[i], lv[0])
				for j := i + 1; j < i+m.Len; j++ {
					out[j] = append(out[j], lv[1])
				}
			}
		}
	}
	for i := range out {
		slices.Sort(out[i])
		out[i] = slices.Compact(out[i])
	}
	return out, matches
}

// titleKinds are the vocabulary phrases that name a role or a form of
// address: they stand before a name without being part of it.
var titleKinds = map[schema.PhraseKind]bool{
	schema.PhraseRole: true, schema.PhraseRoleWord: true, schema.PhraseHonorific: true,
}

// TrimTitles drops from the start of each person span the titles and forms
// of address the vocabulary lists ("Justice Secretary Jane Doe" gives "Jane
// Doe", "Dr Ann Lee" gives "Ann Lee"), as Universal NER marks names. A span
// that is nothing but a title is kept whole.
func (g *Gazetteer) TrimTitles(words []string, spans []conllu.Span) []conllu.Span {
	var dst []schema.Match
	for k, sp := range spans {
		if sp.Label != "PER" {
			continue
		}
		for sp.Start < sp.End {
			dst = g.v.Matches(words, sp.Start, dst[:0])
			n := 0
			for _, m := range dst {
				if titleKinds[m.Kind] && m.Len > n && sp.Start+m.Len < sp.End {
					n = m.Len
				}
			}
			if n == 0 {
				break
			}
			sp.Start += n
			if sp.Start < sp.End && words[sp.Start] == "." { // "Dr . Lee" tokenised apart
				sp.Start++
			}
		}
		if sp.Start < sp.End {
			spans[k] = sp
		}
	}
	return spans
}
