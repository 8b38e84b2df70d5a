package schema

import (
	"errors"
	"fmt"
	"sort"
)

// Label is a node label of the graph. Labels reach Cypher text only as these
// constants, never from input.
type Label string

// The entity labels (see GUIDELINES in the project README) and the
// provenance labels.
const (
	Person       Label = "Person"
	Organisation Label = "Organisation"
	Report       Label = "Report"
	Contract     Label = "Contract"
	Policy       Label = "Policy"

	// Document is one input file or page.
	Document Label = "Document"
	// Sentence is one sentence of a Document, with its byte offsets and text:
	// the evidence that facts and mentions point at.
	Sentence Label = "Sentence"
	// Entity is the extra label every entity node carries, so that one
	// full-text index and one query can cover all of them.
	Entity Label = "Entity"
	// Lease is the lock node that keeps two imports from interleaving. It is
	// bookkeeping, not content: it exists only while an import runs.
	Lease Label = "KgLease"
	// ImportLog is the node that records the last import that wrote
	// something, for kg stats. Bookkeeping too, left out of fingerprints.
	ImportLog Label = "KgImport"
)

// RelType is a relationship type of the graph.
type RelType string

// The fact types, from GUIDELINES, and the provenance types.
const (
	Criticised     RelType = "CRITICISED"
	Authored       RelType = "AUTHORED"
	Awarded        RelType = "AWARDED"
	AwardedTo      RelType = "AWARDED_TO"
	AffiliatedWith RelType = "AFFILIATED_WITH"

	// Mentions links a Document to every entity it mentions.
	Mentions RelType = "MENTIONS"
	// HasSentence links a Document to its Sentences.
	HasSentence RelType = "HAS_SENTENCE"
)

// ErrUnknownLabel is returned for a label that is not part of the model.
var ErrUnknownLabel = errors.New("schema: unknown label")

// ErrUnknownRelType is returned for a relationship type that is not part of the model.
var ErrUnknownRelType = errors.New("schema: unknown relationship type")

// EntityLabels are the labels an extracted entity may carry, in output order.
var EntityLabels = []Label{Person, Organisation, Report, Contract, Policy}

// FactTypes are the relationship types an extracted relation may carry, in output order.
var FactTypes = []RelType{Criticised, Authored, Awarded, AwardedTo, AffiliatedWith}

// Signature says which labels a fact type may join.
type Signature struct {
	From []Label
	To   []Label
}

// Signatures gives, per fact type, the labels allowed at each end.
var Signatures = map[RelType]Signature{
	Criticised:     {From: []Label{Person, Organisation}, To: EntityLabels},
	Authored:       {From: []Label{Person, Organisation}, To: []Label{Report}},
	Awarded:        {From: []Label{Organisation}, To: []Label{Contract}},
	AwardedTo:      {From: []Label{Contract}, To: []Label{Organisation}},
	AffiliatedWith: {From: []Label{Person}, To: []Label{Organisation}},
}

// ParseLabel returns the entity label named s.
func ParseLabel(s string) (Label, error) {
	for _, l := range EntityLabels {
		if string(l) == s {
			return l, nil
		}
	}
	return "", fmt.Errorf("%w %q", ErrUnknownLabel, s)
}

// ParseRelType returns the fact type named s.
func ParseRelType(s string) (RelType, error) {
	for _, t := range FactTypes {
		if string(t) == s {
			return t, nil
		}
	}
	return "", fmt.Errorf("%w %q", ErrUnknownRelType, s)
}

// Allows reports whether a fact of type t may go from a node labelled from
// to a node labelled to.
func (t RelType) Allows(from, to Label) bool {
	sig, ok := Signatures[t]
	return ok && contains(sig.From, from) && contains(sig.To, to)
}

func contains(ls []Label, l Label) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}

// LabelOrder gives each entity label its rank in EntityLabels, for sorting.
func LabelOrder(l Label) int {
	for i, x := range EntityLabels {
		if x == l {
			return i
		}
	}
	return len(EntityLabels)
}

// SortedLabels returns ls sorted by LabelOrder.
func SortedLabels(ls []Label) []Label {
	out := append([]Label(nil), ls...)
	sort.Slice(out, func(i, j int) bool { return LabelOrder(out[i]) < LabelOrder(out[j]) })
	return out
}
