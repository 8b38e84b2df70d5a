package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
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
--prune or KG_IMPORT_PRUNE=true once the job is trusted. Even then it refuses
(exit 1, nothing written) to remove more than --prune-max (default 0.2) of a
folder's documents, and a sub-folder that became a symbolic link is not
followed (pruning is then skipped).

Two imports against one database never interleave: each takes a lease in the
database, renewed while it runs and expiring --lease-ttl after a run dies. A
second import waits up to --wait for it, then exits 4.

--dry-run prints the plan (documents added, changed, unchanged, removed) and
writes nothing, not even the lease.

A batch the server rejects for what it carries (memory exhausted, a value
refused) is written again in halves until the document at fault is alone: it
fails with its cause, the others are imported. SIGINT or SIGTERM stops
extraction, or the import after the batch under way, releases the lease and
logs the summary (exit 5); a second signal stops at once. A server that stays
unreachable ends the run after neo4j.retry_time (exit 1).

Exit codes: 0 everything imported; 3 some files or batches failed (each logged
with its cause) and the rest were imported; 4 another import is running; 5
interrupted; 1 nothing could be done (for example the server is unreachable);
2 usage.`,
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
	f.Float64("prune-max", 0, "the largest share of a folder's documents --prune may remove, 0 to 1 (env KG_IMPORT_PRUNE_MAX, default 0.2)")
	f.Duration("wait", 0, "wait this long for another import to finish (env KG_IMPORT_WAIT)")
	f.Duration("lease-ttl", 0, "how long the lease of a dead run lasts (env KG_IMPORT_LEASE_TTL, default 60s)")
	return cmd
}

// summary is the one line an import ends with. It counts what was
// written, not what was planned: a document whose batch failed is counted
// as failed only.
type summary struct {
	plan graph.Plan
	// written holds the documents whose batch was committed; nil before
	// anything is written (a dry run, an unchanged corpus), when the
	// summary reports the plan.
	written map[string]bool
	failed  int
	stats   graph.Stats
	started time.Time
}

// counts returns the documents added, changed and removed.
func (s summary) counts() (added, changed, removed int) {
	if s.written == nil {
		return len(s.plan.Added), len(s.plan.Changed), len(s.plan.Removed)
	}
	n := func(ids []string) int {
		k := 0
		for _, id := range ids {
			if s.written[id] {
				k++
			}
		}
		return k
	}
	return n(s.plan.Added), n(s.plan.Changed), n(s.plan.Removed)
}

// record is the summary as kg stats shows it.
func (s summary) record() graph.ImportRecord {
	added, changed, removed := s.counts()
	return graph.ImportRecord{
		Added: added, Changed: changed, Unchanged: len(s.plan.Unchanged),
		Removed: removed, Failed: s.failed, Stats: s.stats, Took: time.Since(s.started),
	}
}

func (s summary) log(a *app, msg string) {
	added, changed, removed := s.counts()
	a.log.Info().Int("added", added).Int("changed", changed).
		Int("unchanged", len(s.plan.Unchanged)).Int("removed", removed).Int("failed", s.failed).
		Int("nodes_created", s.stats.NodesCreated).Int("nodes_deleted", s.stats.NodesDeleted).
		Int("rels_created", s.stats.RelsCreated).Int("rels_deleted", s.stats.RelsDeleted).
		Dur("took", time.Since(s.started).Round(time.Millisecond)).Msg(msg)
}

func (a *app) runImport(ctx context.Context, paths []string, dryRun bool) error {
	s := summary{started: time.Now()}
	w, err := a.open(ctx)
	if err != nil {
		return err
	}
	defer w.Close(context.WithoutCancel(ctx))
	extractor, err := a.extractorFingerprint()
	if err != nil {
		return err
	}

	files, listErrs := extract.List(paths)
	var corpora []string
	if a.cfg.Import.Prune || dryRun {
		corpora = folders(paths)
	}
	// Nothing changed — same files, same extractor, nothing to prune —
	// means nothing to do: no parsing, no extraction, no write.
	if done, err := a.unchanged(ctx, w, files, listErrs, corpora, extractor, &s); err != nil || done {
		return err
	}

	var lease *graph.Lease
	if !dryRun {
		if err := w.ApplySchema(ctx); err != nil {
			return err
		}
		// The lease is taken before extraction: a run that must wait
		// learns it at once, not after extracting the whole corpus.
		host, _ := os.Hostname()
		lease, err = w.Acquire(ctx, "import", fmt.Sprintf("%s/%d/%d", host, os.Getpid(), time.Now().UnixNano()),
			a.cfg.Import.LeaseTTL, a.cfg.Import.Wait)
		if err != nil {
			return err
		}
		defer func() {
			// Bounded: a server that went away must not hold the run.
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), a.cfg.Neo4j.Timeout)
			defer cancel()
			if err := lease.Release(rctx); err != nil {
				a.log.Warn().Err(err).Msg("lease not released; it expires by itself")
			}
		}()
	}

	others, err := a.otherDocuments(ctx, w, files, paths)
	if err != nil {
		return err
	}
	res, keep, failed, err := a.readFilesContext(ctx, files, listErrs, others...)
	s.failed = failed
	if err != nil {
		if ctx.Err() != nil {
			s.log(a, "interrupted during extraction: nothing written")
		}
		return err
	}
	prune := a.cfg.Import.Prune
	if prune && !walkable(listErrs) {
		a.log.Warn().Msg("not pruning: a folder could not be walked, so missing documents may only be unreadable")
		prune = false
	}
	// The plan is made under the lease: what another run wrote before is
	// what this one compares with.
	stored, err := w.StoredDocuments(ctx, docIDs(res), corpora)
	if err != nil {
		return err
	}
	s.plan = graph.NewPlan(res, stored, prune, corpora, keep)
	if err := a.checkPrune(s.plan, stored, corpora); err != nil {
		return err
	}
	if dryRun {
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
	return a.apply(ctx, w, lease, res, extractor, s)
}

// errPruneGuard: pruning would remove more of a corpus than
// import.prune_max allows.
var errPruneGuard = errors.New("refusing to prune")

// checkPrune refuses a plan that would remove more than import.prune_max
// of the documents the graph holds for one of corpora: a corpus that lost
// most of its files is more likely a mount that did not come up than a
// corpus that was emptied.
func (a *app) checkPrune(p graph.Plan, stored map[string]graph.Stored, corpora []string) error {
	if len(p.Removed) == 0 {
		return nil
	}
	held := map[string]int{}
	for _, st := range stored {
		held[st.Corpus]++
	}
	gone := map[string]int{}
	for _, id := range p.Removed {
		gone[stored[id].Corpus]++
	}
	var errs []error
	for _, c := range corpora {
		if n := held[c]; gone[c] > 0 && float64(gone[c]) > a.cfg.Import.PruneMax*float64(n) {
			errs = append(errs, fmt.Errorf("%w %d of the %d documents of %s (%.0f%%, more than import.prune_max %.0f%%): "+
				"if the folder is meant to have lost them, run again with --prune-max 1", errPruneGuard,
				gone[c], n, c, 100*float64(gone[c])/float64(n), 100*a.cfg.Import.PruneMax))
		}
	}
	return errors.Join(errs...)
}

// unchanged reports whether the corpus is exactly what the graph holds:
// every file's hash and the extractor's fingerprint as stored, and, when
// pruning, no stored document of the corpora missing. A file the graph
// does not hold that fails to read does not count as a change (it is
// reported, as it would be by a full run).
func (a *app) unchanged(ctx context.Context, w *graph.Writer, files []extract.File, listErrs []error,
	corpora []string, extractor string, s *summary) (bool, error) {
	if len(files) == 0 || !walkable(listErrs) {
		return false, nil
	}
	ids := make([]string, len(files))
	for i, f := range files {
		ids[i] = string(f.ID)
	}
	stored, err := w.StoredDocuments(ctx, ids, corpora)
	if err != nil {
		return false, err
	}
	listed := map[string]bool{}
	var failures []error
	for _, f := range files {
		listed[string(f.ID)] = true
		st, ok := stored[string(f.ID)]
		if !ok {
			if _, err := extract.ReadFileLimit(f, a.cfg.Extract.MaxBytes); err != nil {
				failures = append(failures, err)
				continue
			}
			return false, nil
		}
		data, err := extract.ReadBytes(f.Path, a.cfg.Extract.MaxBytes)
		if err != nil || st.Extractor != extractor || st.Hash != extract.FileHash(data) {
			return false, nil
		}
	}
	for id, st := range stored {
		if !listed[id] && slices.Contains(corpora, st.Corpus) {
			return false, nil // a document to prune
		}
	}
	for _, err := range append(listErrs, failures...) {
		a.log.Error().Err(err).Msg("skipped")
	}
	s.failed = len(listErrs) + len(failures)
	for _, f := range files {
		if _, ok := stored[string(f.ID)]; ok {
			s.plan.Unchanged = append(s.plan.Unchanged, string(f.ID))
		}
	}
	s.log(a, "imported")
	if s.failed > 0 {
		return true, errPartial
	}
	return true, nil
}

// apply writes the plan's batches under the lease. A batch the server
// rejects for what it carries is retried in halves until the document at
// fault is alone; it alone fails. The run stops at a batch boundary when
// ctx is cancelled (a signal: the batch under way is finished, not
// rolled back) or when the server stays unreachable for the retry time.
func (a *app) apply(ctx context.Context, w *graph.Writer, lease *graph.Lease, res extract.Result, extractor string, s summary) error {
	queue := s.plan.BatchesLimit(res, a.cfg.Batch.Size, a.cfg.Batch.MaxRows, extractor)
	docs := 0
	for _, b := range queue {
		docs += len(b.Docs)
	}
	s.written = map[string]bool{}
	prog := newProgress(a.terminal, a.log, docs)
	wctx := context.WithoutCancel(ctx)
	var stop error
	for n := 1; len(queue) > 0 && stop == nil; n++ {
		if ctx.Err() != nil {
			stop = context.Cause(ctx)
			break
		}
		if err := lease.Err(); err != nil {
			stop = err
			break
		}
		b := queue[0]
		queue = queue[1:]
		st, err := w.Write(wctx, b)
		switch {
		case err == nil:
			for _, id := range b.Docs {
				s.written[id] = true
			}
			s.stats.Add(st)
			prog.add(len(b.Docs))
			a.log.Debug().Int("batch", n).Int("left", len(queue)).Int("docs", len(s.written)).Msg("batch written")
		case errors.Is(err, graph.ErrRejected) && len(b.Docs) > 1:
			a.log.Warn().Err(err).Strs("docs", b.Docs).Msg("batch rejected; writing it again in halves to find the document at fault")
			queue = append(s.plan.Split(res, b, extractor), queue...)
		case errors.Is(err, graph.ErrUnreachable):
			stop = err
		default:
			msg := "batch failed"
			if len(b.Docs) == 1 {
				msg = "document failed"
			}
			a.log.Error().Err(err).Strs("docs", b.Docs).Msg(msg)
			s.failed += len(b.Docs)
		}
	}
	if !errors.Is(stop, graph.ErrUnreachable) {
		rctx, cancel := context.WithTimeout(wctx, a.cfg.Neo4j.Timeout)
		if err := w.RecordImport(rctx, s.record()); err != nil {
			a.log.Warn().Err(err).Msg("the import's summary was not recorded")
		}
		cancel()
	}
	switch {
	case stop != nil && ctx.Err() != nil:
		s.log(a, "interrupted: the batches written are kept")
		return stop
	case stop != nil:
		s.log(a, "stopped: the batches written are kept")
		return stop
	}
	s.log(a, "imported")
	if s.failed > 0 {
		if len(s.written) == 0 && len(s.plan.Unchanged) == 0 {
			return errors.New("nothing was imported")
		}
		return errPartial
	}
	return nil
}

// read reads and extracts paths. keep lists the ids of files that exist
// but failed to read.
func (a *app) read(paths []string) (res extract.Result, keep []string, failed int, err error) {
	files, errs := extract.List(paths)
	return a.readFiles(files, errs)
}

// readFiles reads and extracts listed files; listErrs are List's errors,
// reported with the files that fail to read.
func (a *app) readFiles(files []extract.File, listErrs []error) (res extract.Result, keep []string, failed int, err error) {
	return a.readFilesContext(context.Background(), files, listErrs)
}

// otherDocuments reads again, from their files, the documents the graph
// holds from other folders than those of paths. Entities are resolved
// across every document extracted together, so extracting them with the
// files of this run makes the graph after separate imports of folders A
// and B, in either order, the graph of one import of both. A document
// whose file is gone or changed since it was imported is left out, and
// keeps what it said; importing its folder again brings it up to date.
func (a *app) otherDocuments(ctx context.Context, w *graph.Writer, files []extract.File, paths []string) ([]extract.Document, error) {
	ids := make([]string, len(files))
	for i, f := range files {
		ids[i] = string(f.ID)
	}
	stored, err := w.OtherDocuments(ctx, ids, folders(paths))
	if err != nil {
		return nil, err
	}
	var docs []extract.Document
	for _, id := range sortedIDs(stored) {
		st := stored[id]
		if st.Corpus == "" || st.Source == "" {
			continue
		}
		f := extract.File{Path: filepath.Join(st.Corpus, path.Dir(id), filepath.Base(st.Source)), ID: extract.DocID(id), Corpus: st.Corpus}
		d, err := extract.ReadFileLimit(f, a.cfg.Extract.MaxBytes)
		if err != nil || d.Hash != st.Hash {
			a.log.Debug().Str("doc_id", id).Str("path", f.Path).AnErr("error", err).
				Msg("a document of another folder left out of resolution: its file is gone or changed")
			continue
		}
		docs = append(docs, d)
	}
	if len(docs) > 0 {
		a.log.Info().Int("documents", len(docs)).Msg("extracting with the documents already imported from other folders")
	}
	return docs, nil
}

func sortedIDs(m map[string]graph.Stored) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// readFilesContext is readFiles that stops, with ctx's cause, once ctx
// is done. others are documents already read, extracted with the files.
func (a *app) readFilesContext(ctx context.Context, files []extract.File, listErrs []error, others ...extract.Document) (res extract.Result, keep []string, failed int, err error) {
	docs := others
	errs := listErrs
	for _, f := range files {
		if ctx.Err() != nil {
			return res, nil, 0, context.Cause(ctx)
		}
		d, err := extract.ReadFileLimit(f, a.cfg.Extract.MaxBytes)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, d)
	}
	for _, err := range errs {
		a.log.Error().Err(err).Msg("skipped")
		var re *extract.ReadError
		if errors.As(err, &re) && re.ID != "" {
			keep = append(keep, string(re.ID))
		}
	}
	if len(docs) == len(others) {
		return res, keep, len(errs), errors.New("no document could be read")
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	a.log.Debug().Int("documents", len(docs)).Msg("extracting")
	res, err = a.extractDocsContext(ctx, docs)
	return res, keep, len(errs), err
}

// walkable reports whether List saw every folder whole: an error without
// a document id is a folder it could not walk.
func walkable(errs []error) bool {
	for _, err := range errs {
		var re *extract.ReadError
		if !errors.As(err, &re) || re.ID == "" {
			return false
		}
	}
	return true
}

// folders are the corpora of the folder arguments.
func folders(paths []string) []string {
	var out []string
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			out = append(out, extract.CorpusPath(p))
		}
	}
	return out
}

func docIDs(r extract.Result) []string {
	ids := make([]string, len(r.Documents))
	for i, d := range r.Documents {
		ids[i] = string(d.ID)
	}
	return ids
}

// extractorFingerprint identifies what turns text into facts: this binary
// (code and built-in vocabulary) and the vocabulary files laid over it.
// When it changes, every document is extracted again and compared.
func (a *app) extractorFingerprint() (string, error) {
	h := sha256.New()
	exe, err := os.Executable()
	if err == nil {
		var f *os.File
		if f, err = os.Open(exe); err == nil {
			_, err = io.Copy(h, f)
			f.Close()
		}
	}
	if err != nil {
		return "", fmt.Errorf("fingerprint the extractor: %w", err)
	}
	for _, v := range a.cfg.Extract.Vocabulary {
		b, err := os.ReadFile(v)
		if err != nil {
			return "", fmt.Errorf("vocabulary %s: %w", v, err)
		}
		h.Write([]byte(v))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
