package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kgtool/kg/graph/graphtest"
)

// BenchmarkReimport imports a corpus of 1,000 documents (the sample texts,
// copied into folders) into an empty database, then imports it again
// unchanged, then again with one document changed, and reports the times
// and the ratio of the first two. The unchanged re-import hashes the files,
// compares them with the graph and writes nothing; the one with a change
// extracts the whole corpus (resolution is corpus-wide) and writes the
// documents whose contribution changed.
//
//	KG_TEST_NEO4J_URI=bolt://127.0.0.1:7688 go test ./cmd/kg -run '^$' -bench Reimport -benchtime 1x
func BenchmarkReimport(b *testing.B) {
	w := graphtest.Open(b)
	o := graphtest.Options(b)
	b.Setenv("KG_NEO4J_URI", o.URI)
	b.Setenv("KG_NEO4J_PASSWORD", o.Password)
	b.Setenv("KG_LOG_LEVEL", "warn")
	dir := b.TempDir()
	files, err := filepath.Glob("testdata/sample/*")
	if err != nil || len(files) == 0 {
		b.Fatalf("sample corpus: %v", err)
	}
	n := 0
	for copyNo := 0; n < 1000; copyNo++ {
		sub := filepath.Join(dir, fmt.Sprintf("copy%03d", copyNo))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		for _, f := range files {
			if n == 1000 {
				break
			}
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(sub, filepath.Base(f)), data, 0o644); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	var first, again, one time.Duration
	changed := filepath.Join(dir, "copy000", filepath.Base(files[0]))
	original, err := os.ReadFile(changed)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if err := w.DeleteAll(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		if code := run(ctx, []string{"import", dir}, io.Discard, os.Stderr); code != exitOK {
			b.Fatalf("first import: exit %d", code)
		}
		t1 := time.Now()
		if code := run(ctx, []string{"import", dir}, io.Discard, os.Stderr); code != exitOK {
			b.Fatalf("re-import: exit %d", code)
		}
		t2 := time.Now()
		b.StopTimer()
		if err := os.WriteFile(changed, append(original, fmt.Sprintf("\n\nAn update, run %d.\n", i)...), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t3 := time.Now()
		if code := run(ctx, []string{"import", dir}, io.Discard, os.Stderr); code != exitOK {
			b.Fatalf("re-import with one change: exit %d", code)
		}
		first += t1.Sub(t0)
		again += t2.Sub(t1)
		one += time.Since(t3)
	}
	b.ReportMetric(first.Seconds()/float64(b.N), "first-s/op")
	b.ReportMetric(again.Seconds()/float64(b.N), "reimport-s/op")
	b.ReportMetric(again.Seconds()/first.Seconds(), "reimport/first")
	b.ReportMetric(one.Seconds()/float64(b.N), "one-changed-s/op")
}
