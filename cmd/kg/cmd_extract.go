package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/graph"
	"github.com/kgtool/kg/schema"
)

func (a *app) extractCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "extract PATH... [-o FILE]",
		Short: "Extract facts with evidence and write them as JSON Lines (no database)",
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := needPaths(cmd, args); err != nil {
				return err
			}
			res, failed, err := a.extractContext(cmd.Context(), args)
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				if err := graph.WriteJSONL(a.stdout, res); err != nil {
					return fmt.Errorf("write output: %w", err)
				}
			} else if err := writeFileAtomic(out, func(f *os.File) error { return graph.WriteJSONL(f, res) }); err != nil {
				return err
			}
			a.log.Info().Int("documents", len(res.Documents)).Int("failed", failed).
				Int("nodes", len(res.Entities)).Int("edges", len(res.Relations)).Msg("extracted")
			if failed > 0 {
				return errPartial
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of standard output (a regular file is replaced atomically; a link, pipe or device is written through, never replaced)")
	return cmd
}

// extract reads paths and extracts them. Each unreadable file is logged
// with its path and cause, and counted in failed; the rest go on. It fails
// only when the vocabulary cannot be loaded or no document could be read.
func (a *app) extract(paths []string) (extract.Result, int, error) {
	return a.extractContext(context.Background(), paths)
}

// extractContext is extract that stops, with ctx's cause, once ctx is
// done.
func (a *app) extractContext(ctx context.Context, paths []string) (extract.Result, int, error) {
	files, errs := extract.List(paths)
	res, _, failed, err := a.readFilesContext(ctx, files, errs)
	return res, failed, err
}

// extractDocs runs the extractor with the configured vocabulary.
func (a *app) extractDocs(docs []extract.Document) (extract.Result, error) {
	return a.extractDocsContext(context.Background(), docs)
}

// extractDocsContext is extractDocs that stops, with ctx's cause, once
// ctx is done.
func (a *app) extractDocsContext(ctx context.Context, docs []extract.Document) (extract.Result, error) {
	vocab, err := schema.LoadVocabulary(a.cfg.Extract.Vocabulary...)
	if err != nil {
		return extract.Result{}, err
	}
	res, err := extract.New(vocab).ExtractContext(ctx, docs)
	if err != nil {
		return res, context.Cause(ctx)
	}
	return res, nil
}

// writeFileAtomic writes the output path. A new path or a regular file is
// written through a temporary file in the same folder and renamed over it,
// so that a failed run never leaves half a file behind. Anything else is
// never replaced: a symbolic link to a regular file has its target
// replaced the same way (the link stays), a character device (/dev/null,
// /dev/stdout) or a named pipe is written in place, and a folder, a socket,
// a block device or a link to nothing is refused.
func writeFileAtomic(path string, write func(*os.File) error) error {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return writeReplace(path, 0o644, write)
	case err != nil:
		return fmt.Errorf("write %s: %w", path, err)
	case info.Mode().IsRegular():
		return writeReplace(path, info.Mode().Perm(), write)
	case info.Mode()&fs.ModeSymlink != 0:
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return fmt.Errorf("write %s: a symbolic link to nothing: %w", path, err)
		}
		if ti, err := os.Stat(target); err == nil && ti.Mode().IsRegular() {
			return writeReplace(target, ti.Mode().Perm(), write)
		}
		return writeInPlace(path, write)
	case info.Mode()&fs.ModeCharDevice != 0 || info.Mode()&fs.ModeNamedPipe != 0:
		return writeInPlace(path, write)
	}
	return fmt.Errorf("write %s: not a file, a character device or a pipe (%s)", path, info.Mode().Type())
}

// writeReplace writes path through a temporary file renamed over it.
func writeReplace(path string, perm fs.FileMode, write func(*os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeInPlace writes to what path names without replacing it.
func writeInPlace(path string, write func(*os.File) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
