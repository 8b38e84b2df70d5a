package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kgtool/kg/graph"
	"github.com/kgtool/kg/schema"
)

func (a *app) queryCmd() *cobra.Command {
	var params []string
	var asJSON, print bool
	cmd := &cobra.Command{
		Use:   "query [NAME] [--param k=v]... [--json]",
		Short: "Run a saved query (schema/queries.cypher) and print a table; without NAME, list them",
		Long: `Query runs one of the saved queries of schema/queries.cypher against the graph
and prints its rows as a table, or as JSON lines with --json. Without NAME it
lists the saved queries, their parameters and what they answer. --param k=v
sets a parameter (numbers and true/false are typed; quote to keep a string);
--print prints the query's Cypher instead of running it.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			qs, err := schema.Queries()
			if err != nil {
				return err
			}
			if len(args) == 0 {
				tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
				for _, q := range qs {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", q.Name, strings.Join(q.Params, ","), q.Doc)
				}
				return tw.Flush()
			}
			q, ok := findQuery(qs, args[0])
			if !ok {
				return usageError{fmt.Errorf("no saved query %q (kg query lists them)", args[0])}
			}
			if print {
				fmt.Fprintf(a.stdout, "// %s\n%s;\n", q.Doc, q.Cypher)
				return nil
			}
			p, err := parseParams(params)
			if err != nil {
				return usageError{err}
			}
			for _, name := range q.Params {
				if _, ok := p[name]; !ok {
					return usageError{fmt.Errorf("query %s needs --param %s=...", q.Name, name)}
				}
			}
			ctx := cmd.Context()
			w, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer w.Close(ctx)
			rows, keys, err := w.ReadColumns(ctx, q.Cypher, p)
			if err != nil {
				return fmt.Errorf("query %s: %w", q.Name, err)
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetEscapeHTML(false)
				for _, r := range rows {
					if err := enc.Encode(graph.Plain(r)); err != nil {
						return err
					}
				}
				return nil
			}
			return writeTable(a, keys, rows)
		},
	}
	cmd.Flags().StringArrayVar(&params, "param", nil, "a query parameter, k=v (repeatable)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print rows as JSON lines")
	cmd.Flags().BoolVar(&print, "print", false, "print the query's Cypher instead of running it")
	return cmd
}

func findQuery(qs []schema.Query, name string) (schema.Query, bool) {
	for _, q := range qs {
		if q.Name == name {
			return q, true
		}
	}
	return schema.Query{}, false
}

// parseParams turns k=v pairs into query parameters: integers, floats and
// booleans are typed, a value in quotes stays a string.
func parseParams(kvs []string) (map[string]any, error) {
	out := map[string]any{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--param %q: want k=v", kv)
		}
		switch {
		case len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0]:
			out[k] = v[1 : len(v)-1]
		case v == "true" || v == "false":
			out[k] = v == "true"
		default:
			if i, err := strconv.ParseInt(v, 10, 64); err == nil {
				out[k] = i
			} else if f, err := strconv.ParseFloat(v, 64); err == nil {
				out[k] = f
			} else {
				out[k] = v
			}
		}
	}
	return out, nil
}

func writeTable(a *app, keys []string, rows []map[string]any) error {
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(keys, "\t"))
	for _, r := range rows {
		cells := make([]string, len(keys))
		for i, k := range keys {
			cells[i] = cell(r[k])
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	a.log.Debug().Int("rows", len(rows)).Msg("query done")
	return nil
}

// cell prints one value on one line, long text cut.
func cell(v any) string {
	var s string
	switch x := graph.Plain(v).(type) {
	case nil:
		s = ""
	case string:
		s = x
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cell(e)
		}
		sort.Strings(parts)
		s = strings.Join(parts, "; ")
	default:
		b, _ := json.Marshal(x)
		s = string(b)
	}
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		s = string(r[:119]) + "…"
	}
	return s
}
