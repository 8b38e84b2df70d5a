package schema

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	if l, err := ParseLabel("Person"); err != nil || l != Person {
		t.Errorf("ParseLabel(Person) = %q, %v", l, err)
	}
	if _, err := ParseLabel("Document"); !errors.Is(err, ErrUnknownLabel) {
		t.Errorf("ParseLabel(Document) error = %v, want ErrUnknownLabel (not an entity label)", err)
	}
	if r, err := ParseRelType("AWARDED_TO"); err != nil || r != AwardedTo {
		t.Errorf("ParseRelType(AWARDED_TO) = %q, %v", r, err)
	}
	if _, err := ParseRelType("MENTIONS"); !errors.Is(err, ErrUnknownRelType) {
		t.Errorf("ParseRelType(MENTIONS) error = %v, want ErrUnknownRelType", err)
	}
}

func TestAllows(t *testing.T) {
	tests := []struct {
		t        RelType
		from, to Label
		want     bool
	}{
		{Criticised, Person, Policy, true},
		{Criticised, Report, Policy, false},
		{Authored, Organisation, Report, true},
		{Authored, Person, Policy, false},
		{Awarded, Organisation, Contract, true},
		{Awarded, Contract, Organisation, false},
		{AwardedTo, Contract, Organisation, true},
		{AffiliatedWith, Person, Organisation, true},
		{AffiliatedWith, Organisation, Person, false},
		{Mentions, Document, Person, false},
	}
	for _, tt := range tests {
		if got := tt.t.Allows(tt.from, tt.to); got != tt.want {
			t.Errorf("%s.Allows(%s, %s) = %v, want %v", tt.t, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestStatements(t *testing.T) {
	stmts := Statements()
	seen := map[string]bool{}
	for _, s := range stmts {
		if !strings.Contains(s, "IF NOT EXISTS") {
			t.Errorf("statement is not idempotent: %s", s)
		}
		if seen[s] {
			t.Errorf("duplicate statement: %s", s)
		}
		seen[s] = true
	}
	for _, l := range append(EntityLabels, Entity) {
		want := "FOR (n:" + string(l) + ") REQUIRE n.key IS UNIQUE"
		if !containsSub(stmts, want) {
			t.Errorf("no uniqueness constraint on %s.key", l)
		}
	}
	for _, l := range []Label{Document, Sentence} {
		if !containsSub(stmts, "FOR (n:"+string(l)+") REQUIRE n.id IS UNIQUE") {
			t.Errorf("no uniqueness constraint on %s.id", l)
		}
	}
	if !containsSub(stmts, "FULLTEXT INDEX "+FullTextIndex) {
		t.Errorf("no full-text index %s", FullTextIndex)
	}
}

func containsSub(ss []string, sub string) bool {
	for _, s := range ss {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
