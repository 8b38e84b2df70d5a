package analysis

import (
	"strings"

	"github.com/kgtool/kg/extract/conllu"
	"github.com/kgtool/kg/extract/ner"
	"github.com/kgtool/kg/extract/parse"
	"github.com/kgtool/kg/extract/tag"
	"github.com/kgtool/kg/extract/token"
)

// Token is one word of a sentence with its analysis.
type Token struct {
	Start, End int // byte offsets into the document text
	Form       string
	Lemma      string
	UPOS, XPOS string
	Feats      string
	Head       int // index of the head in the sentence, 1-based; 0 for the root
	Deprel     string
}

// Entity is a name found in a sentence: tokens [Start, End) of the
// sentence, with byte offsets Bytes into the document text.
type Entity struct {
	Start, End int
	Label      string // PER, ORG or LOC
	Bytes      Span
}

// Span is a half-open range of byte offsets into the document text.
type Span struct{ Start, End int }

// Sentence is one analysed sentence; Start and End are byte offsets into
// the document text.
type Sentence struct {
	Start, End int
	Tokens     []Token
	Entities   []Entity
}

// Analyser runs the models over text. It reuses its buffers, so it belongs
// to one goroutine; make one per worker from a shared Model.
type Analyser struct {
	m      *Model
	upos   *tag.Tagger
	xpos   *tag.Tagger
	parser *parse.Parser
	ner    *ner.Recognizer
	words  []string
	ucls   []int
	xcls   []int
	extra  [][]uint64
	us, xs []string
	lems   []string
	heads  []int
	labels []string
}

// NewAnalyser returns an Analyser. The gazetteer (from the vocabulary of
// the domain) feeds the entity tagger; nil means none.
func (m *Model) NewAnalyser(g *ner.Gazetteer) *Analyser {
	return &Analyser{
		m:      m,
		upos:   m.upos.NewTagger(),
		xpos:   m.xpos.NewTagger(),
		parser: m.parser.NewParser(),
		ner:    m.ner.NewRecognizer(g),
	}
}

// Analyse cuts text into sentences and analyses each.
func (a *Analyser) Analyse(text string) []Sentence {
	return a.AnalyseSpan(text, 0, len(text))
}

// AnalyseSpan analyses text[start:end]; offsets stay offsets into text.
func (a *Analyser) AnalyseSpan(text string, start, end int) []Sentence {
	sents := token.SplitSpan(text, start, end)
	out := make([]Sentence, 0, len(sents))
	for _, s := range sents {
		words := make([]string, len(s.Tokens))
		for i, t := range s.Tokens {
			words[i] = t.Form
		}
		as := a.Words(words)
		for i, t := range s.Tokens {
			as.Tokens[i].Start, as.Tokens[i].End = t.Start, t.End
		}
		for i, e := range as.Entities {
			as.Entities[i].Bytes = Span{s.Tokens[e.Start].Start, s.Tokens[e.End-1].End}
		}
		as.Start, as.End = s.Start, s.End
		out = append(out, as)
	}
	return out
}

// Words analyses one sentence given as words (gold tokenisation). Offsets
// are left zero.
func (a *Analyser) Words(words []string) Sentence {
	n := len(words)
	a.heads = growInts(a.heads, n)
	a.labels = growStrings(a.labels, n)
	a.tag(words)
	a.lems = growStrings(a.lems, n)
	for i, w := range words {
		a.lems[i] = a.m.lemmas.Lemma(w, a.us[i], a.xs[i])
	}
	a.parser.Parse(words, a.lems, a.us, a.xs, a.heads, a.labels)
	s := Sentence{Tokens: make([]Token, n)}
	for i, w := range words {
		s.Tokens[i] = Token{
			Form: w, UPOS: a.us[i], XPOS: a.xs[i],
			Lemma:  a.lems[i],
			Feats:  a.m.featsOf(w, a.us[i], a.xs[i]),
			Head:   a.heads[i],
			Deprel: a.labels[i],
		}
	}
	for _, sp := range a.ner.Entities(words, a.us) {
		s.Entities = append(s.Entities, Entity{Start: sp.Start, End: sp.End, Label: sp.Label})
	}
	return s
}

// tag fills a.us and a.xs: the UPOS tagger first, then the XPOS tagger,
// which reads the UPOS tags around each word.
func (a *Analyser) tag(words []string) {
	n := len(words)
	a.ucls = growInts(a.ucls, n)
	a.xcls = growInts(a.xcls, n)
	a.us = growStrings(a.us, n)
	a.xs = growStrings(a.xs, n)
	a.upos.Tag(words, nil, a.ucls)
	uc := a.m.upos.Classes()
	for i := range words {
		a.us[i] = uc[a.ucls[i]]
	}
	a.extra = uposExtras(a.us, a.extra)
	a.xpos.Tag(words, a.extra, a.xcls)
	xc := a.m.xpos.Classes()
	for i := range words {
		a.xs[i] = xc[a.xcls[i]]
	}
}

func (m *Model) featsOf(form, upos, xpos string) string {
	if closedClass[upos] {
		if f, ok := m.feats[featKey{strings.ToLower(form), upos, xpos}]; ok {
			return f
		}
	}
	if f, ok := m.feats[featKey{"", upos, xpos}]; ok {
		return f
	}
	return "_"
}

// closedClass are the parts of speech whose features depend on the word
// (pronouns: Case, Person; determiners: PronType; auxiliaries: Mood).
var closedClass = map[string]bool{"PRON": true, "DET": true, "AUX": true}

// Spans returns the entities of s as conllu spans over its tokens.
func (s *Sentence) Spans() []conllu.Span {
	out := make([]conllu.Span, len(s.Entities))
	for i, e := range s.Entities {
		out[i] = conllu.Span{Start: e.Start, End: e.End, Label: e.Label}
	}
	return out
}

func growInts(xs []int, n int) []int {
	if cap(xs) < n {
		return make([]int, n)
	}
	return xs[:n]
}

func growStrings(xs []string, n int) []string {
	if cap(xs) < n {
		return make([]string, n)
	}
	return xs[:n]
}
