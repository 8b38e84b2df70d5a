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
// unchanged, and reports both times and their ratio. The second import
// reads, extracts and compares digests, and writes nothing.
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
	var first, again time.Duration
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
		first += t1.Sub(t0)
		again += time.Since(t1)
	}
	b.ReportMetric(first.Seconds()/float64(b.N), "first-s/op")
	b.ReportMetric(again.Seconds()/float64(b.N), "reimport-s/op")
	b.ReportMetric(again.Seconds()/first.Seconds(), "reimport/first")
}
