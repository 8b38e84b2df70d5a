package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/kgtool/kg/schema"
)

// Dump returns every node and relationship of the database (but the
// import lease and log, which are not content) as canonical
// JSON lines, sorted: nodes by labels and key, relationships by type and the
// keys of their ends, properties by name. Two databases hold the same graph
// exactly when their dumps are equal; internal ids play no part.
func (w *Writer) Dump(ctx context.Context) ([]string, error) {
	var out []string
	nodes, err := w.Read(ctx, fmt.Sprintf(`MATCH (n) WHERE NOT n:%s AND NOT n:%s RETURN labels(n) AS labels, properties(n) AS props`,
		schema.Lease, schema.ImportLog), nil)
	if err != nil {
		return nil, fmt.Errorf("dump nodes: %w", err)
	}
	for _, n := range nodes {
		line, err := canonicalLine(map[string]any{"node": sortedLabels(n["labels"]), "props": n["props"]})
		if err != nil {
			return nil, err
		}
		out = append(out, line)
	}
	rels, err := w.Read(ctx, `MATCH (a)-[r]->(b)
RETURN coalesce(a.key, a.id, elementId(a)) AS from, type(r) AS type, coalesce(b.key, b.id, elementId(b)) AS to,
       properties(r) AS props`, nil)
	if err != nil {
		return nil, fmt.Errorf("dump relationships: %w", err)
	}
	for _, r := range rels {
		line, err := canonicalLine(map[string]any{"rel": r["type"], "from": r["from"], "to": r["to"], "props": r["props"]})
		if err != nil {
			return nil, err
		}
		out = append(out, line)
	}
	sort.Strings(out)
	return out, nil
}

// Digest is a SHA-256 over a dump: a short, order-independent fingerprint
// of a graph.
func Digest(dump []string) string {
	h := sha256.New()
	for _, l := range dump {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func sortedLabels(v any) []string {
	ls := stringList(v)
	sort.Strings(ls)
	return ls
}

// canonicalLine encodes v as JSON with map keys sorted (encoding/json sorts
// them) and driver temporal values as ISO strings.
func canonicalLine(v map[string]any) (string, error) {
	b, err := json.Marshal(canonical(v))
	if err != nil {
		return "", fmt.Errorf("dump: %w", err)
	}
	return string(b), nil
}

// Plain turns the values the driver returns into plain ones that encode
// as JSON: temporal values as ISO strings, nodes as their labels and
// properties, invalid UTF-8 replaced.
func Plain(v any) any { return canonical(v) }

func canonical(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = canonical(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = canonical(e)
		}
		return l
	case dbtype.Node:
		return map[string]any{"labels": canonical(anySlice(x.Labels)), "properties": canonical(x.Props)}
	case dbtype.Date:
		return x.String()
	case dbtype.LocalDateTime:
		return x.String()
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case string:
		return strings.ToValidUTF8(x, "\uFFFD")
	}
	return v
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
