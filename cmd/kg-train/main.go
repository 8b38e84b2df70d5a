// Command kg-train trains kg's linguistic layer (tagger, lemmatiser,
// parser, entity tagger) from the Universal Dependencies treebanks and
// writes the compressed model that kg embeds:
//
//	kg-train [-ud ../shared/ud] [-o extract/analysis/model/en.kgm.gz] [-seed 1]
//
// `make model` runs it. Training is single-threaded and deterministic: the
// same treebanks, seed and code give the same bytes. It prints its progress
// and, at the end, the model's size and SHA-256.
package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/kgtool/kg/extract/analysis"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, log io.Writer) int {
	fs := flag.NewFlagSet("kg-train", flag.ContinueOnError)
	fs.SetOutput(log)
	ud := fs.String("ud", "../shared/ud", "folder of the treebanks")
	out := fs.String("o", "extract/analysis/model/en.kgm.gz", "where to write the model")
	seed := fs.Uint64("seed", 1, "random seed (shuffles and explorations)")
	limit := fs.Int("limit", 0, "keep only the first N sentences of each training file (0: all)")
	folds := fs.Int("folds", 0, "jackknife folds for the parser's tags (0: default, 1: gold tags)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(log, "kg-train: unexpected arguments %q (flags only; -h lists them)\n", fs.Args())
		return 2
	}
	// Find out now, not after a quarter of an hour, that -o cannot be written.
	probe, err := os.CreateTemp(filepath.Dir(*out), ".kg-train-*")
	if err != nil {
		fmt.Fprintf(log, "kg-train: cannot write %s: %v\n", *out, err)
		return 1
	}
	probe.Close()
	os.Remove(probe.Name())
	start := time.Now()
	m, err := analysis.Train(analysis.TrainOptions{
		Dir: *ud, Seed: *seed, Limit: *limit, Folds: *folds,
		Log: func(format string, a ...any) { fmt.Fprintf(log, "kg-train: "+format+"\n", a...) },
	})
	if err != nil {
		fmt.Fprintf(log, "kg-train: %v\n", err)
		return 1
	}
	b, err := m.Encode()
	if err != nil {
		fmt.Fprintf(log, "kg-train: %v\n", err)
		return 1
	}
	if err := writeFile(*out, b); err != nil {
		fmt.Fprintf(log, "kg-train: %v\n", err)
		return 1
	}
	fmt.Fprintf(log, "kg-train: wrote %s: %d bytes, sha256 %x, in %v\n", *out, len(b), sha256.Sum256(b), time.Since(start).Round(time.Second))
	return 0
}

// writeFile writes through a temporary file in the same folder and a
// rename, so a killed run never leaves half a model.
func writeFile(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".kg-train-*")
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("write model %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write model %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write model %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}
