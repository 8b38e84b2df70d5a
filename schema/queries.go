package schema

import (
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

//go:embed queries.cypher
var queriesCypher string

// Query is one saved query of queries.cypher.
type Query struct {
	Name string
	// Doc is the description under the name line.
	Doc string
	// Demo marks the queries `make demo` shows.
	Demo   bool
	Cypher string
	// Params are the $parameters the query needs, sorted.
	Params []string
}

var (
	queryName  = regexp.MustCompile(`^// name: ([a-z][a-z0-9-]*)( \(demo\))?$`)
	queryParam = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
)

// Queries returns the saved queries, in file order.
func Queries() ([]Query, error) { return parseQueries(queriesCypher) }

func parseQueries(text string) ([]Query, error) {
	var out []Query
	seen := map[string]bool{}
	for i, block := range strings.Split(text, ";") {
		lines := strings.Split(strings.TrimSpace(block), "\n")
		var q Query
		var body []string
		for _, l := range lines {
			switch m := queryName.FindStringSubmatch(l); {
			case m != nil:
				q.Name, q.Demo = m[1], m[2] != ""
			case q.Name != "" && strings.HasPrefix(l, "//") && len(body) == 0:
				q.Doc = strings.TrimSpace(q.Doc + " " + strings.TrimSpace(strings.TrimPrefix(l, "//")))
			case q.Name != "":
				body = append(body, l)
			}
		}
		if q.Name == "" {
			if !onlyComments(lines) {
				return nil, fmt.Errorf("schema: saved query %d has no \"// name:\" line", i+1)
			}
			continue
		}
		if seen[q.Name] {
			return nil, fmt.Errorf("schema: saved query %q appears twice", q.Name)
		}
		seen[q.Name] = true
		q.Cypher = strings.TrimSpace(strings.Join(body, "\n"))
		params := map[string]bool{}
		for _, m := range queryParam.FindAllStringSubmatch(q.Cypher, -1) {
			params[m[1]] = true
		}
		for p := range params {
			q.Params = append(q.Params, p)
		}
		sort.Strings(q.Params)
		out = append(out, q)
	}
	return out, nil
}

func onlyComments(lines []string) bool {
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "//") {
			return false
		}
	}
	return true
}
