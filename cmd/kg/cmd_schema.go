package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kgtool/kg/graph"

	"github.com/kgtool/kg/schema"
)

func (a *app) schemaCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Show or apply the graph's constraints and indexes",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "apply",
		Short: "Create the constraints and indexes (idempotent; import does it too)",
		Args:  cobra.NoArgs,
		RunE: a.withGraph(func(ctx context.Context, w *graph.Writer) error {
			if err := w.ApplySchema(ctx); err != nil {
				return err
			}
			a.log.Info().Int("statements", len(schema.Statements())).Msg("schema applied")
			return nil
		}),
	}, &cobra.Command{
		Use:   "show",
		Short: "Print the Cypher that `schema apply` runs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, s := range schema.Statements() {
				fmt.Fprintf(a.stdout, "%s;\n", s)
			}
			return nil
		},
	})
	return cmd
}
