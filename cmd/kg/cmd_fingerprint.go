package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kgtool/kg/graph"
)

func (a *app) fingerprintCmd() *cobra.Command {
	var dump bool
	cmd := &cobra.Command{
		Use:   "fingerprint",
		Short: "Print an order-independent digest of the graph's contents",
		Long: `Fingerprint prints a SHA-256 digest over every node and relationship of the
database with all their properties (evidence included), in a canonical order
that does not depend on internal ids or on the order things were written. Two
databases hold the same graph exactly when their fingerprints are equal. The
import lease, which exists only while an import runs, is left out. --dump
prints the canonical lines the digest is taken over, one JSON object each.`,
		Args: cobra.NoArgs,
		RunE: a.withGraph(func(ctx context.Context, w *graph.Writer) error {
			lines, err := w.Dump(ctx)
			if err != nil {
				return err
			}
			if dump {
				for _, l := range lines {
					fmt.Fprintln(a.stdout, l)
				}
				return nil
			}
			fmt.Fprintf(a.stdout, "%s  %d nodes and relationships\n", graph.Digest(lines), len(lines))
			return nil
		}),
	}
	cmd.Flags().BoolVar(&dump, "dump", false, "print the canonical lines instead of their digest")
	return cmd
}
