package browser

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

//go:embed style.grass
var style string

// Style returns the GraSS stylesheet, as in style.grass: the text Browser
// reads when the file is dropped onto its window.
func Style() string { return style }

// StyleCommand returns a `:style` command that applies Style when pasted
// into Browser's editor and run: one line, with the stylesheet as JSON,
// which Browser reads before trying GraSS. JSON quotes every value exactly
// (Browser's GraSS reader drops quotes and cuts values at ':' and ';') and
// keeps the rules in file order, which decides what wins (see parse).
func StyleCommand() string {
	rules, err := parse(style)
	if err != nil {
		panic(fmt.Sprintf("browser: style.grass: %v", err)) // the unit test keeps this from happening
	}
	var b bytes.Buffer
	b.WriteString(":style {")
	for i, r := range rules {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(&b, r.selector)
		b.WriteString(":{")
		for j, p := range r.props {
			if j > 0 {
				b.WriteByte(',')
			}
			writeString(&b, p.name)
			b.WriteByte(':')
			writeString(&b, p.value)
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return b.String()
}

// writeString writes s as a JSON string, leaving '<' and '>' readable
// (captions such as <type>).
func writeString(b *bytes.Buffer, s string) {
	e := json.NewEncoder(b)
	e.SetEscapeHTML(false)
	_ = e.Encode(s)         // a string always encodes, and a Buffer never fails
	b.Truncate(b.Len() - 1) // Encode ends with a newline
}

// A rule is one selector of a stylesheet and its properties, in order.
type rule struct {
	selector string
	props    []prop
}

type prop struct{ name, value string }

// properties are the ones Browser's visualisation reads, per selector tag.
var properties = map[string][]string{
	"node":         {"diameter", "color", "border-color", "border-width", "text-color-internal", "font-size", "caption"},
	"relationship": {"color", "shaft-width", "font-size", "padding", "text-color-external", "text-color-internal", "caption"},
}

// errSyntax is wrapped by every error of parse.
var errSyntax = errors.New("grass syntax")

// parse reads a stylesheet as Neo4j Browser 5 does, but strictly: where
// Browser silently drops or mangles (an unquoted '{' in a value, a value
// holding ':' or ';', a repeated selector, a property it does not know),
// parse returns an error with the line.
//
// Order matters to Browser: it styles a node with every rule whose labels
// the node has, in file order, a later rule overriding an earlier one. A
// Person is also an Entity, so node.Entity must come before node.Person.
func parse(text string) ([]rule, error) {
	var (
		rules    []rule
		seen     = map[string]bool{}
		sel, val strings.Builder
		inBody   bool
		quote    rune
		line     = 1
		start    int // line of the current rule
	)
	fail := func(format string, args ...any) ([]rule, error) {
		return nil, fmt.Errorf("%w: line %d: %s", errSyntax, line, fmt.Sprintf(format, args...))
	}
	for _, c := range text {
		switch {
		case c == '\n':
			line++
			if quote != 0 {
				return fail("newline inside a quoted value")
			}
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				val.WriteRune(c)
			}
			continue
		}
		switch {
		case c == '\'' || c == '"':
			if !inBody {
				return fail("quote outside a rule")
			}
			quote = c
		case c == '{':
			if inBody {
				return fail("'{' inside a rule: quote the caption, e.g. caption: '{name}'")
			}
			inBody, start = true, line
		case c == '}':
			if !inBody {
				return fail("'}' without '{'")
			}
			r, err := newRule(sel.String(), val.String(), seen)
			if err != nil {
				return nil, fmt.Errorf("%w: line %d: %v", errSyntax, start, err)
			}
			rules = append(rules, r)
			sel.Reset()
			val.Reset()
			inBody = false
		case inBody:
			val.WriteRune(c)
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			sel.WriteRune(c)
		}
	}
	if quote != 0 || inBody {
		return fail("unterminated rule")
	}
	if sel.Len() > 0 {
		return fail("selector %q without a rule", sel.String())
	}
	return rules, nil
}

func newRule(selector, body string, seen map[string]bool) (rule, error) {
	r := rule{selector: selector}
	tag, _, _ := strings.Cut(selector, ".")
	known, ok := properties[tag]
	if !ok {
		return r, fmt.Errorf("selector %q: want node or relationship, then .Label or .TYPE", selector)
	}
	if seen[selector] {
		return r, fmt.Errorf("selector %q repeated", selector)
	}
	seen[selector] = true
	names := map[string]bool{}
	for _, decl := range strings.Split(body, ";") {
		if strings.TrimSpace(decl) == "" {
			continue
		}
		parts := strings.Split(decl, ":")
		if len(parts) != 2 {
			return r, fmt.Errorf("%s: %q: want one 'name: value' (Browser drops a value holding ':')", selector, strings.TrimSpace(decl))
		}
		p := prop{strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])}
		switch {
		case !slices.Contains(known, p.name):
			return r, fmt.Errorf("%s: unknown property %q", selector, p.name)
		case p.value == "":
			return r, fmt.Errorf("%s: %s has no value", selector, p.name)
		case names[p.name]:
			return r, fmt.Errorf("%s: %s repeated", selector, p.name)
		}
		names[p.name] = true
		r.props = append(r.props, p)
	}
	return r, nil
}
