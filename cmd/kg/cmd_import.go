package main

import (
	"errors"
	"time"

	"github.com/spf13/cobra"

	"github.com/kgtool/kg/graph"
)

func (a *app) importCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "import PATH...",
		Short: "Extract facts and load them into Neo4j",
		Long: `Import reads files and folders, extracts facts with evidence and loads them into
Neo4j, after creating the constraints and indexes it relies on. Each batch of
documents replaces what those documents contributed before, in one transaction,
so importing the same corpus again changes nothing.

Exit codes: 0 everything imported; 3 some files or batches failed (each is
logged with its cause) and the rest were imported; 1 nothing could be done
(for example the server is unreachable); 2 a usage error.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := needPaths(cmd, args); err != nil {
				return err
			}
			ctx := cmd.Context()
			start := time.Now()
			w, err := graph.Open(ctx, a.graphOptions(), a.log)
			if err != nil {
				return err
			}
			defer w.Close(ctx)
			if err := w.ApplySchema(ctx); err != nil {
				return err
			}
			res, failed, err := a.extract(args)
			if err != nil {
				return err
			}
			var total graph.Stats
			written := 0
			for _, b := range graph.Batches(res, a.cfg.Batch.Size) {
				st, err := w.Write(ctx, b)
				if err != nil {
					if ctx.Err() != nil {
						return errors.Join(ctx.Err(), err)
					}
					a.log.Error().Err(err).Strs("docs", b.Docs).Msg("batch failed")
					failed += len(b.Docs)
					continue
				}
				written += len(b.Docs)
				total.Add(st)
				a.log.Debug().Int("docs", written).Int("of", len(res.Documents)).Msg("progress")
			}
			a.log.Info().Int("documents", written).Int("failed", failed).
				Int("nodes_created", total.NodesCreated).Int("nodes_deleted", total.NodesDeleted).
				Int("rels_created", total.RelsCreated).Int("rels_deleted", total.RelsDeleted).
				Dur("took", time.Since(start).Round(time.Millisecond)).Msg("imported")
			if failed > 0 {
				if written == 0 {
					return errors.New("nothing was imported")
				}
				return errPartial
			}
			return nil
		},
	}
}
