package graph

import (
	"context"
	"errors"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/rs/zerolog"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/schema"
)

// testWriter connects to the test server named by KG_TEST_NEO4J_URI and
// wipes it. Without the variable the test is skipped, except under CI=true,
// where a missing server is a failure: `make test` starts one.
func testWriter(t *testing.T) *Writer {
	t.Helper()
	uri := os.Getenv("KG_TEST_NEO4J_URI")
	if testing.Short() {
		t.Skip("integration test skipped under -short")
	}
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but KG_TEST_NEO4J_URI is not set: integration tests need the test server that `make test` starts")
		}
		t.Skip("KG_TEST_NEO4J_URI is not set; `make test` starts a test server and sets it")
	}
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatalf("KG_TEST_NEO4J_URI: %v", err)
	}
	if h := u.Hostname(); h != "localhost" && h != "127.0.0.1" && h != "::1" && os.Getenv("KG_TEST_NEO4J_WIPE") != "yes" {
		t.Fatalf("refusing to wipe %s: the tests delete everything in the database; set KG_TEST_NEO4J_WIPE=yes if that is meant", uri)
	}
	pass := os.Getenv("KG_TEST_NEO4J_PASSWORD")
	if pass == "" {
		pass = "kg-local-pass"
	}
	ctx := context.Background()
	w, err := Open(ctx, Options{URI: uri, User: "neo4j", Password: pass}, zerolog.Nop())
	if err != nil {
		t.Fatalf("Open(%s): %v", uri, err)
	}
	t.Cleanup(func() { w.Close(ctx) })
	wipe(t, w)
	if err := w.ApplySchema(ctx); err != nil {
		t.Fatalf("ApplySchema: %v", err)
	}
	return w
}

func wipe(t *testing.T, w *Writer) {
	t.Helper()
	ctx := context.Background()
	s := w.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	res, err := s.Run(ctx, "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		t.Fatalf("wipe: %v", err)
	}
}

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

func write(t *testing.T, w *Writer, r extract.Result, size int) Stats {
	t.Helper()
	var total Stats
	for _, b := range Batches(r, size) {
		st, err := w.Write(context.Background(), b)
		if err != nil {
			t.Fatalf("Write(%v): %v", b.Docs, err)
		}
		total.Add(st)
	}
	return total
}

func dump(t *testing.T, w *Writer) []string {
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
	w := testWriter(t)
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
	if ev := stringList(got["ev"]); len(ev) != 2 || !strings.HasPrefix(ev[0], "a#") || !strings.HasPrefix(ev[1], "b#") {
		t.Errorf("evidence = %v, want one sentence of a and one of b", ev)
	}
	if c := got["conf"].(float64); c < 0.909 || c > 0.911 {
		t.Errorf("confidence = %v, want 0.91 (two votes of 0.7)", c)
	}
	if a := stringList(got["aliases"]); !slices.Equal(a, []string{"Ms Brightwater"}) {
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
	wipe(t, w)
	write(t, w, v2(), 2)
	diff(t, "v1 then v2 against v2 alone", incremental, dump(t, w))

	// The criticism only b supported is gone from b, kept from a.
	rows, err = w.Read(ctx, `MATCH (:Person)-[r:CRITICISED]->(:Policy) RETURN r.docs AS docs`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || !slices.Equal(stringList(rows[0]["docs"]), []string{"a"}) {
		t.Errorf("CRITICISED docs after v2 = %v, want [a]", rows)
	}

	// Removing a document takes away what only it supported.
	if _, err := w.Write(ctx, Batch{Docs: []string{"a"}}); err != nil {
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
	w := testWriter(t)
	ctx := context.Background()
	good := w.opts
	tests := []struct {
		name string
		edit func(*Options)
		want error
	}{
		{"wrong password", func(o *Options) { o.Password = "not-the-password" }, ErrAuth},
		{"unknown database", func(o *Options) { o.Database = "nosuchdb" }, ErrNoDatabase},
		{"unreachable", func(o *Options) { o.URI = "bolt://127.0.0.1:1" }, ErrUnreachable},
		{"bad scheme", func(o *Options) { o.URI = "http://127.0.0.1:7474" }, ErrBadURI},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := good
			tt.edit(&o)
			w2, err := Open(ctx, o, zerolog.Nop())
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
