package browser

import (
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kgtool/kg/schema"
)

func TestStyle(t *testing.T) {
	rules, err := parse(Style())
	if err != nil {
		t.Fatalf("parse(style.grass): %v", err)
	}
	index := map[string]int{}
	props := map[string]map[string]string{}
	for i, r := range rules {
		index[r.selector] = i
		props[r.selector] = map[string]string{}
		for _, p := range r.props {
			props[r.selector][p.name] = p.value
		}
	}
	entity, ok := index["node."+string(schema.Entity)]
	if !ok {
		t.Fatal("no rule for node.Entity")
	}
	captions := map[schema.Label]string{schema.Document: "{title}", schema.Sentence: "{text}"}
	colours := map[string]schema.Label{}
	for _, l := range append(slices.Clone(schema.EntityLabels), schema.Document, schema.Sentence) {
		sel := "node." + string(l)
		i, ok := index[sel]
		if !ok {
			t.Errorf("no rule for %s", sel)
			continue
		}
		// Browser applies every rule a node matches, in order, the
		// last one winning: a Person is also an Entity.
		if slices.Contains(schema.EntityLabels, l) && i < entity {
			t.Errorf("%s comes before node.Entity, which would override it", sel)
		}
		want := captions[l]
		if want == "" {
			want = "{name}"
		}
		if got := props[sel]["caption"]; got != want {
			t.Errorf("%s caption = %q, want %q", sel, got, want)
		}
		for _, p := range []string{"color", "diameter"} {
			if props[sel][p] == "" {
				t.Errorf("%s has no %s", sel, p)
			}
		}
		c := strings.ToUpper(props[sel]["color"])
		if other, dup := colours[c]; dup {
			t.Errorf("%s and %s have the same colour %s", other, l, c)
		}
		colours[c] = l
	}
	for _, rt := range append(slices.Clone(schema.FactTypes), schema.Mentions, schema.HasSentence) {
		sel := "relationship." + string(rt)
		want := "<type>"
		if rt == schema.AffiliatedWith {
			want = "{role}"
		}
		if got := props[sel]["caption"]; got != want {
			t.Errorf("%s caption = %q, want %q", sel, got, want)
		}
	}
}

func TestStyleCommand(t *testing.T) {
	cmd := StyleCommand()
	if strings.ContainsAny(cmd, "\r\n") {
		t.Errorf("StyleCommand() spans lines: %q", cmd)
	}
	sheet, ok := strings.CutPrefix(cmd, ":style ")
	if !ok {
		t.Fatalf("StyleCommand() = %.40q..., want \":style {...}\"", cmd)
	}
	// The JSON holds the rules of style.grass, in order.
	var got []rule
	d := json.NewDecoder(strings.NewReader(sheet))
	next := func() json.Token {
		tok, err := d.Token()
		if err != nil {
			t.Fatalf("StyleCommand(): not JSON: %v", err)
		}
		return tok
	}
	next() // {
	for d.More() {
		r := rule{selector: next().(string)}
		next() // {
		for d.More() {
			r.props = append(r.props, prop{next().(string), next().(string)})
		}
		next() // }
		got = append(got, r)
	}
	next() // }
	if d.More() {
		t.Error("StyleCommand(): text after the JSON object")
	}
	want, err := parse(Style())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(got, want, func(a, b rule) bool { return a.selector == b.selector && slices.Equal(a.props, b.props) }) {
		t.Errorf("StyleCommand() rules = %v, want %v", got, want)
	}
	if strings.Contains(cmd, `\u003c`) {
		t.Errorf("StyleCommand() escapes '<': %q", cmd)
	}
}

// TestREADME keeps the command a user pastes from README.md the one
// StyleCommand returns.
func TestREADME(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\n"+StyleCommand()+"\n") {
		t.Errorf("README.md does not hold StyleCommand() on a line of its own:\n%s", StyleCommand())
	}
}

func TestParse(t *testing.T) {
	good := []struct {
		name, grass string
		want        []rule
	}{
		{"empty", "", nil},
		{"one line", "node {color: #FFF; caption: '{name}'} relationship.X {caption: \"<type>\";}",
			[]rule{{"node", []prop{{"color", "#FFF"}, {"caption", "{name}"}}}, {"relationship.X", []prop{{"caption", "<type>"}}}}},
		{"blank rule", "node.A {\n}\n", []rule{{selector: "node.A"}}},
	}
	for _, c := range good {
		got, err := parse(c.grass)
		if err != nil || !slices.EqualFunc(got, c.want, func(a, b rule) bool { return a.selector == b.selector && slices.Equal(a.props, b.props) }) {
			t.Errorf("%s: parse(%q) = %v, %v; want %v", c.name, c.grass, got, err, c.want)
		}
	}
	bad := []struct{ name, grass, msg string }{
		{"unquoted caption", "node {\n  caption: {name};\n}", "line 2: '{' inside a rule"},
		{"colon in value", "node { caption: 'a: b'; }", "want one 'name: value'"},
		{"semicolon in value", "node { caption: 'a; b'; }", "want one 'name: value'"},
		{"unknown property", "node { shaft-width: 2px; }", `unknown property "shaft-width"`},
		{"repeated property", "node { color: #FFF; color: #000; }", "color repeated"},
		{"empty value", "node { color: ; }", "color has no value"},
		{"repeated selector", "node.A { }\nnode.A { }", `line 2: selector "node.A" repeated`},
		{"bad tag", "nodes.A { }", "want node or relationship"},
		{"unterminated", "node { color: #FFF;", "unterminated rule"},
		{"stray close", "}", "'}' without '{'"},
		{"selector alone", "node.A", "without a rule"},
		{"comment", "/* kg */ node { }", "want node or relationship"},
	}
	for _, c := range bad {
		_, err := parse(c.grass)
		if !errors.Is(err, errSyntax) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: parse(%q) error = %v, want %q", c.name, c.grass, err, c.msg)
		}
	}
}
