package extract_test

import (
	"runtime"
	"strings"
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

// BenchmarkExtractHostile runs the whole pipeline over one document of
// 1 MB of each hostile shape (see hostileShapes) and of the seed articles
// joined, and reports ms/MB and allocs/MB, so that a shape that makes
// extraction superlinear shows as a multiple of the article's cost:
//
//	go test ./extract -run '^$' -bench ExtractHostile -benchmem -cpu 1
func BenchmarkExtractHostile(b *testing.B) {
	article := seedArticle(b)
	x := extract.New(nil)
	const size = 1 << 20
	for _, s := range extract.HostileShapes {
		text := extract.HostileText(s.Unit, article, size)
		b.Run(s.Name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				x.Extract([]extract.Document{{ID: "hostile", Format: "text", Text: text}})
			}
			b.StopTimer()
			runtime.ReadMemStats(&after)
			mb := float64(b.N) * float64(len(text)) / (1 << 20)
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/mb, "ms/MB")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/mb, "allocs/MB")
		})
	}
}

// seedArticle is the seed articles joined: normal text of a realistic mix.
func seedArticle(tb testing.TB) string {
	tb.Helper()
	docs, _ := loadSeeds(tb)
	var sb strings.Builder
	for _, d := range docs {
		sb.WriteString(d.Text)
		sb.WriteString("\n\n")
	}
	return sb.String()
}
