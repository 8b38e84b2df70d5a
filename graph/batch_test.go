package graph

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/schema"
)

// small is a two-document result built by hand: Ada (a Person) criticised
// the Plan (a Policy) in both documents, and is affiliated with Acme in a.
func small() extract.Result {
	a := extract.Document{ID: "a", Source: "a.txt", Format: "text", Title: "A", Date: "2020-01-02",
		Text: "Ada Lovelace leads Acme. Ada called the Plan a failure."}
	a.Sentences = []extract.Sentence{{Index: 0, Span: extract.Span{Start: 0, End: 24}}, {Index: 1, Span: extract.Span{Start: 25, End: 55}}}
	a.Sections = []extract.Section{{Kind: extract.SectionPost, Span: extract.Span{Start: 0, End: 55}, Parent: -1}}
	b := extract.Document{ID: "b", Source: "b.html", Format: "html", Title: "B", Text: "The Plan failed, said Ada."}
	b.Sentences = []extract.Sentence{{Index: 0, Span: extract.Span{Start: 0, End: 26}}}
	b.Sections = []extract.Section{{Kind: extract.SectionComment, Author: "Zed", Span: extract.Span{Start: 0, End: 26}, Parent: -1}}
	ada := extract.Key(schema.Person, "Ada Lovelace")
	plan := extract.Key(schema.Policy, "Plan")
	acme := extract.Key(schema.Organisation, "Acme")
	return extract.Result{
		Documents: []extract.Document{a, b},
		Entities: []extract.Entity{
			{ID: ada, Label: schema.Person, Name: "Ada Lovelace", Aliases: []string{"Ada", "Countess Ada"}, Docs: []extract.DocID{"a", "b"},
				Mentions: []extract.Mention{
					{Doc: "a", Sentence: 0, Span: extract.Span{Start: 0, End: 12}, Text: "Ada Lovelace"},
					{Doc: "a", Sentence: 1, Span: extract.Span{Start: 25, End: 28}, Text: "Ada"},
					{Doc: "b", Sentence: 0, Span: extract.Span{Start: 22, End: 25}, Text: "Ada"},
				},
				Merges: []extract.Merge{{Form: "Ada", Into: "Ada Lovelace", Reason: "first name", Doc: "a"}}},
			{ID: acme, Label: schema.Organisation, Name: "Acme", Docs: []extract.DocID{"a"},
				Mentions: []extract.Mention{{Doc: "a", Sentence: 0, Span: extract.Span{Start: 19, End: 23}, Text: "Acme"}}},
			{ID: plan, Label: schema.Policy, Name: "Plan", Docs: []extract.DocID{"a", "b"},
				Mentions: []extract.Mention{
					{Doc: "a", Sentence: 1, Span: extract.Span{Start: 40, End: 44}, Text: "Plan"},
					{Doc: "b", Sentence: 0, Span: extract.Span{Start: 4, End: 8}, Text: "Plan"},
				}},
		},
		Relations: []extract.Relation{
			{Type: schema.Criticised, From: ada, To: plan, Evidence: []extract.Evidence{
				{Doc: "a", Sentence: 1, Span: extract.Span{Start: 25, End: 55}, Text: "Ada called the Plan a failure.", Rule: "call-it", Score: 0.6},
				{Doc: "b", Sentence: 0, Span: extract.Span{Start: 0, End: 26}, Text: "The Plan failed, said Ada.", Rule: "quote-attribution", Score: 0.8},
			}},
			{Type: schema.AffiliatedWith, From: ada, To: acme, Role: "leader", Evidence: []extract.Evidence{
				{Doc: "a", Sentence: 0, Span: extract.Span{Start: 0, End: 24}, Text: "Ada Lovelace leads Acme.", Rule: "lead-verb", Score: 0.7},
			}},
		},
	}
}

func TestBatches(t *testing.T) {
	r := small()
	bs := Batches(r, 1)
	if len(bs) != 2 {
		t.Fatalf("Batches(size 1) = %d batches, want 2", len(bs))
	}
	a := bs[0]
	if !reflect.DeepEqual(a.Docs, []string{"a"}) {
		t.Errorf("batch 0 docs = %v", a.Docs)
	}
	var sids []string
	for _, s := range a.Sentences {
		sids = append(sids, s["id"].(string))
		if got, want := s["text"], r.Documents[0].Text[int(s["start"].(int64)):int(s["end"].(int64))]; got != want {
			t.Errorf("sentence %s text %q, want %q", s["id"], got, want)
		}
	}
	if want := []string{"a#0-24", "a#25-55"}; !reflect.DeepEqual(sids, want) {
		t.Errorf("sentences = %v, want %v", sids, want)
	}
	if a.Documents[0]["date"] == nil || bs[1].Documents[0]["date"] != nil {
		t.Errorf("dates = %v, %v: want a Neo4j date for a and none for b", a.Documents[0]["date"], bs[1].Documents[0]["date"])
	}
	if len(a.Facts) != 2 {
		t.Fatalf("batch a facts = %+v, want 2", a.Facts)
	}
	for _, f := range a.Facts {
		if len(f.Evidence) != 1 || f.Evidence[0].Doc != "a" {
			t.Errorf("fact %s evidence = %+v, want a's only", f.Type, f.Evidence)
		}
	}
	// Every mention row names its forms, and the alias no mention carries
	// ("Countess Ada") is kept on every document of the entity.
	for _, m := range bs[1].Mentions {
		if m["key"] == "person:ada-lovelace" {
			if got, want := m["forms"], []string{"Ada", "Countess Ada"}; !reflect.DeepEqual(got, want) {
				t.Errorf("b's forms of Ada = %v, want %v", got, want)
			}
		}
	}
	for _, m := range a.Mentions {
		want := []string{}
		if m["key"] == "person:ada-lovelace" {
			want = []string{"Ada → Ada Lovelace: first name"}
		}
		if got := m["merges"]; !reflect.DeepEqual(got, want) {
			t.Errorf("a's merges of %s = %#v, want %#v", m["key"], got, want)
		}
	}
	if !reflect.DeepEqual(Batches(r, 1), bs) {
		t.Error("Batches is not deterministic")
	}
}

func TestEdgeProps(t *testing.T) {
	evs := []Evidence{
		{ID: "b#0-26", Doc: "b", Rule: "quote-attribution", Score: 0.8, Role: ""},
		{ID: "a#25-55", Doc: "a", Rule: "call-it", Score: 0.5, Role: "critic"},
	}
	p := edgeProps(schema.AffiliatedWith, evs)
	if got, want := p["evidence"], []string{"a#25-55", "b#0-26"}; !reflect.DeepEqual(got, want) {
		t.Errorf("evidence = %v, want %v (sorted by sentence id)", got, want)
	}
	if got := p["confidence"]; got != 0.9 {
		t.Errorf("confidence = %v, want 0.9", got)
	}
	if p["role"] != "critic" || !reflect.DeepEqual(p["rules"], []string{"call-it", "quote-attribution"}) {
		t.Errorf("role %v rules %v", p["role"], p["rules"])
	}
	if _, ok := edgeProps(schema.Criticised, evs)["role"]; ok {
		t.Error("a CRITICISED edge carries a role")
	}
}

func TestWriteJSONL(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, small()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2+3+2 {
		t.Fatalf("%d lines, want 7:\n%s", len(lines), buf.String())
	}
	var doc, html, edge map[string]any
	for i, l := range []*map[string]any{&doc, &html} {
		if err := json.Unmarshal([]byte(lines[i]), l); err != nil {
			t.Fatal(err)
		}
	}
	if err := json.Unmarshal([]byte(lines[5]), &edge); err != nil {
		t.Fatal(err)
	}
	if doc["date"] != "2020-01-02" || doc["text"] != nil {
		t.Errorf("text document line = %v: want its date and no text (offsets point into the file)", doc)
	}
	if html["date"] != nil || html["text"] != "The Plan failed, said Ada." {
		t.Errorf("html document line = %v: want null date and the extracted text", html)
	}
	if edge["type"] != "CRITICISED" || edge["rule"] != "quote-attribution" || edge["confidence"] != 0.92 {
		t.Errorf("edge line = %v", edge)
	}
}

// TestIndexedBatch: a batch built from the index equals one built from the
// whole result.
func TestIndexedBatch(t *testing.T) {
	r := small()
	for i, b := range Batches(r, 1) {
		if want := NewBatch(r, r.Documents[i:i+1]); !reflect.DeepEqual(b, want) {
			t.Errorf("batch %d from the index = %+v, want %+v", i, b, want)
		}
	}
}

func TestContribution(t *testing.T) {
	r := small()
	a, b := Contribution(r, r.Documents[0]), Contribution(r, r.Documents[1])
	if a == b {
		t.Fatal("two documents have one contribution")
	}
	changed := small()
	changed.Documents[1].Title = "B, corrected"
	if Contribution(changed, changed.Documents[0]) != a {
		t.Error("a's contribution changed when only b did")
	}
	if Contribution(changed, changed.Documents[1]) == b {
		t.Error("b's contribution did not change with its title")
	}
	renamed := small()
	renamed.Entities[0].Name = "Augusta Ada Lovelace"
	if Contribution(renamed, renamed.Documents[0]) == a {
		t.Error("a's contribution did not change when an entity it mentions was renamed")
	}
	stored := map[string]Stored{"a": {ID: "a", Corpus: "/c", Contribution: a}, "gone": {ID: "gone", Corpus: "/c"}, "other": {ID: "other", Corpus: "/elsewhere"}, "unreadable": {ID: "unreadable", Corpus: "/c"}}
	p := NewPlan(changed, stored, true, []string{"/c"}, []string{"unreadable"})
	if !reflect.DeepEqual(p.Unchanged, []string{"a"}) || !reflect.DeepEqual(p.Added, []string{"b"}) ||
		!reflect.DeepEqual(p.Removed, []string{"gone"}) || len(p.Changed) != 0 {
		t.Errorf("plan = %+v: want a unchanged, b added, gone removed (not other, another corpus; not unreadable, kept)", p)
	}
	if bs := p.Batches(changed, 10, "x"); len(bs) != 2 || !reflect.DeepEqual(bs[0].Docs, []string{"b"}) || len(bs[1].Documents) != 0 {
		t.Errorf("plan batches = %+v: want one writing b, one removing gone", bs)
	}
}

// TestBatchesLimit: batches are bounded by documents and by rows; a
// document over the row bound is a batch of its own; Split halves a batch
// and the halves together carry what it carried.
func TestBatchesLimit(t *testing.T) {
	r := small()
	p := NewPlan(r, nil, false, nil, nil)
	rows := func(bs []Batch) (n int) {
		for _, b := range bs {
			n += b.Rows()
		}
		return n
	}
	all := p.BatchesLimit(r, 10, 0, "x")
	if len(all) != 1 || all[0].Rows() == 0 {
		t.Fatalf("BatchesLimit(10 docs, no row bound) = %d batches, want 1", len(all))
	}
	one := p.Batches(r, 1, "x")
	tests := []struct {
		name     string
		size     int
		maxRows  int
		wantDocs [][]string
	}{
		{"no bound", 10, 0, [][]string{{"a", "b"}}},
		{"document bound", 1, 0, [][]string{{"a"}, {"b"}}},
		{"row bound fits both", 10, all[0].Rows() + 5, [][]string{{"a", "b"}}},
		{"row bound splits", 10, one[0].Rows(), [][]string{{"a"}, {"b"}}},
		{"row bound under one document", 10, 1, [][]string{{"a"}, {"b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bs := p.BatchesLimit(r, tt.size, tt.maxRows, "x")
			var got [][]string
			for _, b := range bs {
				got = append(got, b.Docs)
			}
			if !reflect.DeepEqual(got, tt.wantDocs) {
				t.Errorf("BatchesLimit(%d, %d) docs = %v, want %v", tt.size, tt.maxRows, got, tt.wantDocs)
			}
		})
	}
	halves := p.Split(r, all[0], "x")
	if len(halves) != 2 || !reflect.DeepEqual(halves[0].Docs, []string{"a"}) || !reflect.DeepEqual(halves[1].Docs, []string{"b"}) {
		t.Fatalf("Split = %+v, want a then b", halves)
	}
	if !reflect.DeepEqual(halves, one) || rows(halves) != rows(one) {
		t.Errorf("Split halves differ from the batches of one document each")
	}
	if got := p.Split(r, halves[0], "x"); len(got) != 1 || !reflect.DeepEqual(got[0], halves[0]) {
		t.Errorf("Split of one document = %+v, want it unchanged", got)
	}
	rm := Batch{Docs: []string{"x", "y", "z"}, Entities: map[schema.Label][]map[string]any{}}
	if got := p.Split(r, rm, "x"); len(got) != 2 || len(got[0].Docs)+len(got[1].Docs) != 3 || len(got[0].Documents) != 0 {
		t.Errorf("Split of a removal batch = %+v, want its ids in two removal batches", got)
	}
}
