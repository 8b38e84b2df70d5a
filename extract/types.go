package extract

import "github.com/kgtool/kg/schema"

// DocID identifies a document: by default its path relative to the folder
// given, without its extension (see Read).
type DocID string

// EntityID is the stable key of an entity node: deterministic from its label
// and the normalised canonical name (see Key).
type EntityID string

// Span is a half-open range of byte offsets [Start, End) into Document.Text.
type Span struct {
	Start int
	End   int
}

// Len returns the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// SectionKind says what part of a document a section is.
type SectionKind string

// Section kinds. Boilerplate is kept as a section so that nothing of the text
// is lost, but no sentence is taken from it.
const (
	SectionTitle       SectionKind = "title"
	SectionDate        SectionKind = "date"
	SectionPost        SectionKind = "post"
	SectionQuote       SectionKind = "quote"
	SectionComment     SectionKind = "comment"
	SectionSignature   SectionKind = "signature"
	SectionBoilerplate SectionKind = "boilerplate"
)

// Section is a contiguous part of a document's text.
type Section struct {
	Kind SectionKind
	Span
	// Author is the signed author of a comment or post, when the text names one.
	Author string
	// Parent is the index of the comment this one replies to, or -1.
	Parent int
}

// Document is one input file or page, read and cut into sections.
type Document struct {
	ID DocID
	// Source is the path (or URL) the document was read from.
	Source string
	// Corpus is the absolute path of the folder the document was found in
	// (for a file named on its own, its folder): a re-import with pruning
	// removes the documents of a corpus that are no longer in it.
	Corpus string
	// Hash is the SHA-256 of the file's bytes, hex: a re-import compares it
	// before anything else.
	Hash string
	// Format is "text", "markdown" or "html".
	Format string
	Title  string
	// Date is the document's date as YYYY-MM-DD, or "" when it has none.
	Date string
	// Text is what offsets point into: the file's bytes exactly for plain
	// text and Markdown, the extracted text for HTML.
	Text     string
	Sections []Section
	// Sentences are filled in by extraction: every sentence of the text
	// outside boilerplate, in order.
	Sentences []Sentence
}

// Sentence is one sentence of a document.
type Sentence struct {
	Index int
	Span
	// Section is the index into Document.Sections of the section holding it.
	Section int
}

// Mention is one occurrence of an entity's name in a sentence.
type Mention struct {
	Doc      DocID
	Sentence int
	Span
	// Text is Document.Text[Start:End].
	Text  string
	Label schema.Label
	// Rule names the rule that found the mention.
	Rule string
}

// Merge records why two surface forms were taken for one entity, so that a
// wrong merge can be seen and undone in configuration.
type Merge struct {
	Form   string
	Into   string
	Reason string
	Doc    DocID
}

// Entity is one real-world thing, resolved across the corpus.
type Entity struct {
	ID    EntityID
	Label schema.Label
	// Name is the canonical (fullest) name.
	Name string
	// Aliases are every other surface form, sorted, without Name.
	Aliases []string
	// Docs are the documents that mention the entity, sorted.
	Docs     []DocID
	Mentions []Mention
	Merges   []Merge
	// Value and Currency describe a Contract's value where the text gives
	// one ("£3.7bn" = 3.7e9, "GBP"); ValueText is the phrase as written.
	Value     float64
	Currency  string
	ValueText string
}

// Evidence is one sentence that supports a relation.
type Evidence struct {
	Doc      DocID
	Sentence int
	Span
	// Text is Document.Text[Start:End]: the whole sentence.
	Text string
	// Rule names the rule that produced the relation from this sentence.
	Rule string
	// Score is the rule's confidence in (0, 1].
	Score float64
}

// Relation is one fact between two entities, with every sentence behind it.
type Relation struct {
	Type schema.RelType
	From EntityID
	To   EntityID
	// Role is the role held, for AFFILIATED_WITH ("chief executive").
	Role     string
	Evidence []Evidence
}

// Result is everything extracted from a corpus: documents, entities and
// relations, each sorted so that output never depends on map order.
type Result struct {
	Documents []Document
	Entities  []Entity
	Relations []Relation
}
