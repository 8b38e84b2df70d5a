package extract_test

import (
	"testing"

	"github.com/kgtool/kg/extract"
)

// BenchmarkExtractSeeds runs the whole pipeline over the five seed
// articles; b.SetBytes makes go test report MB/s.
func BenchmarkExtractSeeds(b *testing.B) {
	docs, _ := loadSeeds(b)
	n := 0
	for _, d := range docs {
		n += len(d.Text)
	}
	x := extract.New(nil)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Extract(docs)
	}
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
