package analysis

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkAnalyse runs the whole layer (sentences, tokens, tags, lemmas,
// parse, entities) over the seed posts on one goroutine and reports tokens
// per second and allocations per token. Run with -cpu 1 for the one-core
// figure.
func BenchmarkAnalyse(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/corpus/seeds/*.txt")
	if len(files) == 0 {
		b.Skip("no seeds")
	}
	var texts []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	a := analyzer(b)
	tokens, size := 0, 0
	for _, t := range texts {
		size += len(t)
		for _, s := range a.Analyse(t) {
			tokens += len(s.Tokens)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			a.Analyse(t)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(testing.AllocsPerRun(1, func() {
		for _, t := range texts {
			a.Analyse(t)
		}
	}))/float64(tokens), "allocs/token")
}

// BenchmarkLoad decodes the embedded model: what a kg run pays once.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}
