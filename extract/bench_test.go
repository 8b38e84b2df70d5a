package extract_test

import (
	"runtime"
	"testing"

	"github.com/kgtool/kg/extract"
)

// BenchmarkExtractSeeds runs the whole pipeline over the five seed
// articles; b.SetBytes makes go test report MB/s, and allocs/doc is the
// allocations per document. Run it on one core:
//
//	go test ./extract -run '^$' -bench ExtractSeeds -benchmem -cpu 1
func BenchmarkExtractSeeds(b *testing.B) {
	docs, _ := loadSeeds(b)
	n := 0
	for _, d := range docs {
		n += len(d.Text)
	}
	x := extract.New(nil)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Extract(docs)
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N*len(docs)), "allocs/doc")
}

// BenchmarkSplit measures the sentence splitter alone.
func BenchmarkSplit(b *testing.B) {
	docs, _ := loadSeeds(b)
	n := 0
	for _, d := range docs {
		n += len(d.Text)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			extract.Split(d.Text, d.Sections)
		}
	}
}
