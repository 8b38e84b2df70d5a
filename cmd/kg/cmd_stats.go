package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/kgtool/kg/graph"
)

func (a *app) statsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "stats",
		Short: "Count the graph's nodes by label and relationships by type, and show the last import",
		Args:  cobra.NoArgs,
		RunE: a.withGraph(func(ctx context.Context, w *graph.Writer) error {
			c, err := w.Counts(ctx)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(tw, "label or type\tcount\t")
			for _, kv := range c.Nodes {
				fmt.Fprintf(tw, "%s\t%d\t\n", kv.Name, kv.Count)
			}
			for _, kv := range c.Rels {
				fmt.Fprintf(tw, "%s\t%d\t\n", kv.Name, kv.Count)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			last, ok, err := w.LastImport(ctx)
			if err != nil {
				return err
			}
			if ok {
				fmt.Fprintf(a.stdout, "\nlast import that wrote: %s (took %s): %d added, %d changed, %d unchanged, %d removed, %d failed; nodes +%d -%d, relationships +%d -%d\n",
					last.At.UTC().Format(time.RFC3339), last.Took, last.Added, last.Changed, last.Unchanged, last.Removed, last.Failed,
					last.Stats.NodesCreated, last.Stats.NodesDeleted, last.Stats.RelsCreated, last.Stats.RelsDeleted)
			}
			return nil
		}),
	}
}
