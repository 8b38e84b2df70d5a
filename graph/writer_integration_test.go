package graph_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/graph"
	"github.com/kgtool/kg/graph/graphtest"
	"github.com/kgtool/kg/schema"
)

// corpus builds small extraction results by hand: each document is a list
// of sentences, and entities are found by their exact forms.
type corpus struct {
	docs []extract.Document
}

func (c *corpus) doc(id string, sentences ...string) {
	d := extract.Document{ID: extract.DocID(id), Source: id + ".txt", Format: "text", Title: "Title of " + id, Date: "2019-12-03"}
	for i, s := range sentences {
		if i > 0 {
			d.Text += " "
		}
		start := len(d.Text)
		d.Text += s
		d.Sentences = append(d.Sentences, extract.Sentence{Index: i, Span: extract.Span{Start: start, End: len(d.Text)}, Section: 0})
	}
	d.Sections = []extract.Section{{Kind: extract.SectionPost, Span: extract.Span{Start: 0, End: len(d.Text)}, Parent: -1}}
	c.docs = append(c.docs, d)
}

type ent struct {
	label schema.Label
	name  string
	forms []string
}

type rel struct {
	t        schema.RelType
	from, to string // entity names
	role     string
	cues     string // words of the evidence sentences, separated by |
}

func (c *corpus) result(ents []ent, rels []rel) extract.Result {
	r := extract.Result{Documents: c.docs}
	ids := map[string]extract.EntityID{}
	for _, e := range ents {
		x := extract.Entity{ID: extract.Key(e.label, e.name), Label: e.label, Name: e.name}
		ids[e.name] = x.ID
		aliases := map[string]bool{}
		for _, d := range c.docs {
			for si, s := range d.Sentences {
				text := d.Text[s.Start:s.End]
				for _, f := range append([]string{e.name}, e.forms...) {
					if i := strings.Index(text, f); i >= 0 {
						x.Mentions = append(x.Mentions, extract.Mention{Doc: d.ID, Sentence: si,
							Span: extract.Span{Start: s.Start + i, End: s.Start + i + len(f)}, Text: f, Label: e.label, Rule: "test"})
						if !slices.Contains(x.Docs, d.ID) {
							x.Docs = append(x.Docs, d.ID)
						}
						if f != e.name {
							aliases[f] = true
						}
						break
					}
				}
			}
		}
		if len(x.Mentions) == 0 {
			continue
		}
		for a := range aliases {
			x.Aliases = append(x.Aliases, a)
		}
		slices.Sort(x.Aliases)
		r.Entities = append(r.Entities, x)
	}
	for _, rl := range rels {
		x := extract.Relation{Type: rl.t, From: ids[rl.from], To: ids[rl.to], Role: rl.role}
		for _, d := range c.docs {
			for si, s := range d.Sentences {
				text := d.Text[s.Start:s.End]
				if slices.ContainsFunc(strings.Split(rl.cues, "|"), func(c string) bool { return strings.Contains(text, c) }) {
					x.Evidence = append(x.Evidence, extract.Evidence{Doc: d.ID, Sentence: si, Span: s.Span, Text: text, Rule: "test-" + strings.ToLower(string(rl.t)), Score: 0.7})
				}
			}
		}
		if len(x.Evidence) > 0 {
			r.Relations = append(r.Relations, x)
		}
	}
	return r
}

var (
	testEnts = []ent{
		{schema.Person, "Alma Brightwater", []string{"Ms Brightwater"}},
		{schema.Organisation, "Northfield Rehabilitation Trust", []string{"NRT"}},
		{schema.Policy, "Better Futures", nil},
		{schema.Contract, "regional supervision contracts", nil},
	}
	testRels = []rel{
		{schema.AffiliatedWith, "Alma Brightwater", "Northfield Rehabilitation Trust", "chief executive", "chief executive"},
		{schema.Criticised, "Alma Brightwater", "Better Futures", "", "failed|shambles"},
	}
)

func v1() extract.Result {
	var c corpus
	c.doc("a", "Alma Brightwater, chief executive of Northfield Rehabilitation Trust, spoke today.", "She said Better Futures had failed.")
	c.doc("b", "Ms Brightwater called Better Futures a shambles.", "NRT declined to comment.")
	return c.result(testEnts, testRels)
}

func v2() extract.Result {
	var c corpus
	// a is unchanged; b no longer criticises; c is new.
	c.doc("a", "Alma Brightwater, chief executive of Northfield Rehabilitation Trust, spoke today.", "She said Better Futures had failed.")
	c.doc("b", "Ms Brightwater visited NRT.")
	c.doc("c", "The regional supervision contracts were signed.")
	return c.result(testEnts, testRels)
}

func write(t *testing.T, w *graph.Writer, r extract.Result, size int) graph.Stats {
	t.Helper()
	var total graph.Stats
	for _, b := range graph.Batches(r, size) {
		st, err := w.Write(context.Background(), b)
		if err != nil {
			t.Fatalf("Write(%v): %v", b.Docs, err)
		}
		total.Add(st)
	}
	return total
}

func dump(t *testing.T, w *graph.Writer) []string {
	t.Helper()
	d, err := w.Dump(context.Background())
	if err != nil {
		t.Fatalf("Dump: %v", err)
	}
	return d
}

func diff(t *testing.T, what string, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	for _, l := range got {
		if !slices.Contains(want, l) {
			t.Errorf("%s: unexpected %s", what, l)
		}
	}
	for _, l := range want {
		if !slices.Contains(got, l) {
			t.Errorf("%s: missing %s", what, l)
		}
	}
}

func TestWriterIntegration(t *testing.T) {
	w := graphtest.Open(t)
	ctx := context.Background()

	write(t, w, v1(), 1)
	first := dump(t, w)
	st := write(t, w, v1(), 1)
	diff(t, "second import of v1", dump(t, w), first)
	if st.NodesCreated != st.NodesDeleted || st.RelsCreated != st.RelsDeleted {
		t.Errorf("second import of v1 changed the graph's size: %+v", st)
	}

	rows, err := w.Read(ctx, `MATCH (p:Person)-[r:CRITICISED]->(x:Policy)
RETURN p.name AS p, p.aliases AS aliases, x.name AS x, r.evidence AS ev, r.docs AS docs, r.confidence AS conf`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("CRITICISED edges = %d, want 1 (one per fact, whatever the sentences): %v", len(rows), rows)
	}
	got := rows[0]
	if got["p"] != "Alma Brightwater" || got["x"] != "Better Futures" {
		t.Errorf("edge = %v -> %v", got["p"], got["x"])
	}
	if ev := list(got["ev"]); len(ev) != 2 || !strings.HasPrefix(ev[0], "a#") || !strings.HasPrefix(ev[1], "b#") {
		t.Errorf("evidence = %v, want one sentence of a and one of b", ev)
	}
	if c := got["conf"].(float64); c < 0.909 || c > 0.911 {
		t.Errorf("confidence = %v, want 0.91 (two votes of 0.7)", c)
	}
	if a := list(got["aliases"]); !slices.Equal(a, []string{"Ms Brightwater"}) {
		t.Errorf("aliases = %v, want [Ms Brightwater]", a)
	}

	// Every piece of evidence cuts its sentence out of its document.
	rows, err = w.Read(ctx, `MATCH ()-[r]->() WHERE r.evidence IS NOT NULL
UNWIND r.evidence AS sid
MATCH (d:Document)-[:HAS_SENTENCE]->(s:Sentence {id: sid})
RETURN substring(d.text, s.start, s.end - s.start) = s.text AS ok, sid`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatal("no evidence found")
	}
	for _, r := range rows {
		if r["ok"] != true {
			t.Errorf("sentence %v does not match its document's text", r["sid"])
		}
	}

	// Re-import the changed corpus, then compare with a fresh import of it.
	write(t, w, v2(), 1)
	incremental := dump(t, w)
	if err := w.DeleteAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	write(t, w, v2(), 2)
	diff(t, "v1 then v2 against v2 alone", incremental, dump(t, w))

	// The criticism only b supported is gone from b, kept from a.
	rows, err = w.Read(ctx, `MATCH (:Person)-[r:CRITICISED]->(:Policy) RETURN r.docs AS docs`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || !slices.Equal(list(rows[0]["docs"]), []string{"a"}) {
		t.Errorf("CRITICISED docs after v2 = %v, want [a]", rows)
	}

	// Removing a document takes away what only it supported.
	if _, err := w.Write(ctx, graph.Batch{Docs: []string{"a"}}); err != nil {
		t.Fatal(err)
	}
	rows, err = w.Read(ctx, `MATCH (n:Entity) RETURN n.name AS name ORDER BY name`, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rows {
		names = append(names, r["name"].(string))
	}
	want := []string{"Alma Brightwater", "Northfield Rehabilitation Trust", "regional supervision contracts"}
	if !slices.Equal(names, want) {
		t.Errorf("entities after removing a = %v, want %v (Better Futures was only in a)", names, want)
	}
	rows, err = w.Read(ctx, `MATCH ()-[r:CRITICISED|AFFILIATED_WITH]->() RETURN count(r) AS n`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := rows[0]["n"].(int64); n != 0 {
		t.Errorf("facts after removing a = %d, want 0", n)
	}
}

func TestOpenErrorsIntegration(t *testing.T) {
	ctx := context.Background()
	good := graphtest.Options(t)
	tests := []struct {
		name string
		edit func(*graph.Options)
		want error
	}{
		{"wrong password", func(o *graph.Options) { o.Password = "not-the-password" }, graph.ErrAuth},
		{"unknown database", func(o *graph.Options) { o.Database = "nosuchdb" }, graph.ErrNoDatabase},
		{"unreachable", func(o *graph.Options) { o.URI = "bolt://127.0.0.1:1" }, graph.ErrUnreachable},
		{"bad scheme", func(o *graph.Options) { o.URI = "http://127.0.0.1:7474" }, graph.ErrBadURI},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := good
			tt.edit(&o)
			w2, err := graph.Open(ctx, o, zerolog.Nop())
			if err == nil {
				w2.Close(ctx)
				t.Fatalf("Open succeeded, want %v", tt.want)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("Open error = %v, want %v", err, tt.want)
			}
			if strings.Contains(err.Error(), good.Password) {
				t.Errorf("error message shows the password: %v", err)
			}
		})
	}
}

func list(v any) []string {
	xs, _ := v.([]any)
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, x.(string))
	}
	return out
}
