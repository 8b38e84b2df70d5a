package schema

import (
	"reflect"
	"testing"
)

func TestQueries(t *testing.T) {
	qs, err := Queries()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Query{}
	demos := 0
	for _, q := range qs {
		byName[q.Name] = q
		if q.Demo {
			demos++
		}
		if q.Doc == "" || q.Cypher == "" {
			t.Errorf("query %s has no description or no Cypher", q.Name)
		}
	}
	if demos != 3 {
		t.Errorf("%d demo queries, want 3", demos)
	}
	if got := byName["evidence"].Params; !reflect.DeepEqual(got, []string{"from", "type"}) {
		t.Errorf("evidence params = %v", got)
	}
	if _, ok := byName["criticised"]; !ok {
		t.Error("no criticised query")
	}
}

func TestParseQueriesBad(t *testing.T) {
	for _, text := range []string{
		"MATCH (n) RETURN n;",
		"// name: a\n// A.\nRETURN 1;\n// name: a\n// again\nRETURN 2;",
	} {
		if _, err := parseQueries(text); err == nil {
			t.Errorf("parseQueries(%q) succeeded, want an error", text)
		}
	}
}

// FuzzParseQueries: no panic; every query parsed has a name and Cypher,
// and names are unique.
func FuzzParseQueries(f *testing.F) {
	f.Add(queriesCypher)
	f.Add("// name: a\n// A.\nRETURN $x;")
	f.Add(";;// name: b (demo)\n;")
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<14 {
			return
		}
		qs, err := parseQueries(text)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, q := range qs {
			if q.Name == "" || seen[q.Name] {
				t.Errorf("query %q: empty or repeated name", q.Name)
			}
			seen[q.Name] = true
		}
	})
}
