package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/graph"
)

// exitBusy: another import holds the lease and --wait ran out.
const exitBusy = 4

func (a *app) importCmd() *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "import PATH...",
		Short: "Extract facts and load them into Neo4j, writing only what changed",
		Long: `Import reads files and folders, extracts facts with evidence and loads them into
Neo4j, after creating the constraints and indexes it relies on.

It writes only what changed. Every document's contribution (its text, and the
entities, mentions and evidence it gives once the whole corpus is resolved) has
a digest stored on its Document node; a document whose digest is unchanged is
not written. A changed document replaces what it said before in one
transaction: facts and entities that only it supported go, the others keep
their remaining evidence. A document is marked done (its digest stored) in the
same transaction as its facts, so a run killed at any point and run again ends
with the same graph as an uninterrupted run.

--prune also removes the documents of each folder given that are no longer in
it (a file that exists but fails to read is kept, and pruning is skipped when a
folder cannot be walked). It is off by default: a job that runs unattended
should not empty the graph because a mount was missing; turn it on with
--prune or KG_IMPORT_PRUNE=true once the job is trusted.

Two imports against one database never interleave: each takes a lease in the
database, renewed while it runs and expiring --lease-ttl after a run dies. A
second import waits up to --wait for it, then exits 4.

--dry-run prints the plan (documents added, changed, unchanged, removed) and
writes nothing, not even the lease.

Exit codes: 0 everything imported; 3 some files or batches failed (each logged
with its cause) and the rest were imported; 4 another import is running; 1
nothing could be done (for example the server is unreachable); 2 usage.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := needPaths(cmd, args); err != nil {
				return err
			}
			return a.runImport(cmd.Context(), args, dryRun)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&dryRun, "dry-run", false, "print the plan and write nothing")
	f.Bool("prune", false, "remove documents no longer in the folders given (env KG_IMPORT_PRUNE)")
	f.Duration("wait", 0, "wait this long for another import to finish (env KG_IMPORT_WAIT)")
	f.Duration("lease-ttl", 0, "how long the lease of a dead run lasts (env KG_IMPORT_LEASE_TTL, default 60s)")
	return cmd
}

// summary is the one line an import ends with.
type summary struct {
	plan    graph.Plan
	failed  int
	stats   graph.Stats
	started time.Time
}

func (s summary) log(a *app, msg string) {
	a.log.Info().Int("added", len(s.plan.Added)).Int("changed", len(s.plan.Changed)).
		Int("unchanged", len(s.plan.Unchanged)).Int("removed", len(s.plan.Removed)).Int("failed", s.failed).
		Int("nodes_created", s.stats.NodesCreated).Int("nodes_deleted", s.stats.NodesDeleted).
		Int("rels_created", s.stats.RelsCreated).Int("rels_deleted", s.stats.RelsDeleted).
		Dur("took", time.Since(s.started).Round(time.Millisecond)).Msg(msg)
}

func (a *app) runImport(ctx context.Context, paths []string, dryRun bool) error {
	s := summary{started: time.Now()}
	w, err := graph.Open(ctx, a.graphOptions(), a.log)
	if err != nil {
		return err
	}
	defer w.Close(ctx)

	res, keep, corpora, failed, err := a.read(paths)
	s.failed = failed
	if err != nil {
		return err
	}
	prune := a.cfg.Import.Prune
	if prune && corpora == nil {
		a.log.Warn().Msg("not pruning: a folder could not be walked, so missing documents may only be unreadable")
		prune = false
	}

	if !dryRun {
		if err := w.ApplySchema(ctx); err != nil {
			return err
		}
		host, _ := os.Hostname()
		lease, err := w.Acquire(ctx, "import", fmt.Sprintf("%s/%d/%d", host, os.Getpid(), time.Now().UnixNano()),
			a.cfg.Import.LeaseTTL, a.cfg.Import.Wait)
		if err != nil {
			return err
		}
		defer func() {
			if err := lease.Release(context.WithoutCancel(ctx)); err != nil {
				a.log.Warn().Err(err).Msg("lease not released; it expires by itself")
			}
		}()
		return a.apply(ctx, w, lease, res, keep, corpora, prune, s)
	}
	ids := make([]string, len(res.Documents))
	for i, d := range res.Documents {
		ids[i] = string(d.ID)
	}
	stored, err := w.StoredDocuments(ctx, ids, corpora)
	if err != nil {
		return err
	}
	s.plan = graph.NewPlan(res, stored, prune, corpora, keep)
	for _, l := range []struct {
		what string
		ids  []string
	}{{"add", s.plan.Added}, {"change", s.plan.Changed}, {"remove", s.plan.Removed}} {
		for _, id := range l.ids {
			fmt.Fprintf(a.stdout, "%s\t%s\n", l.what, id)
		}
	}
	s.log(a, "dry run: nothing written")
	return nil
}

// apply writes the plan under the lease.
func (a *app) apply(ctx context.Context, w *graph.Writer, lease *graph.Lease, res extract.Result,
	keep, corpora []string, prune bool, s summary) error {
	ids := make([]string, len(res.Documents))
	for i, d := range res.Documents {
		ids[i] = string(d.ID)
	}
	// The plan is made under the lease: what another run wrote before is
	// what this one compares with.
	stored, err := w.StoredDocuments(ctx, ids, corpora)
	if err != nil {
		return err
	}
	s.plan = graph.NewPlan(res, stored, prune, corpora, keep)
	batches := s.plan.Batches(res, a.cfg.Batch.Size)
	written := 0
	for i, b := range batches {
		if err := lease.Err(); err != nil {
			return err
		}
		st, err := w.Write(ctx, b)
		if err != nil {
			if ctx.Err() != nil {
				return errors.Join(ctx.Err(), err)
			}
			a.log.Error().Err(err).Strs("docs", b.Docs).Msg("batch failed")
			s.failed += len(b.Docs)
			continue
		}
		written += len(b.Docs)
		s.stats.Add(st)
		a.log.Debug().Int("batch", i+1).Int("of", len(batches)).Int("docs", written).Msg("batch written")
	}
	s.log(a, "imported")
	if s.failed > 0 {
		if written == 0 && len(s.plan.Unchanged) == 0 {
			return errors.New("nothing was imported")
		}
		return errPartial
	}
	return nil
}

// read reads and extracts paths for an import. keep lists the ids of files
// that exist but failed to read; corpora lists the folders given, or is nil
// when one could not be walked (pruning is then unsafe).
func (a *app) read(paths []string) (res extract.Result, keep, corpora []string, failed int, err error) {
	docs, errs := extract.ReadPaths(paths)
	walkable := true
	for _, err := range errs {
		a.log.Error().Err(err).Msg("skipped")
		var re *extract.ReadError
		if errors.As(err, &re) && re.ID != "" {
			keep = append(keep, string(re.ID))
		} else {
			walkable = false
		}
	}
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			corpora = append(corpora, extract.CorpusPath(p))
		}
	}
	if !walkable {
		corpora = nil
	}
	if len(docs) == 0 {
		return res, keep, corpora, len(errs), fmt.Errorf("no document could be read from %v", paths)
	}
	res, err = a.extractDocs(docs)
	return res, keep, corpora, len(errs), err
}
