package ner

import (
	"testing"

	"github.com/kgtool/kg/schema"
)

// BenchmarkEntities measures tagging speed on UNER test with the full
// model; it reports words per second.
func BenchmarkEntities(b *testing.B) {
	d := loadData(b)
	g := NewGazetteer(schema.MustLoadDefault())
	m := TrainWith(append(append([]Sentence{}, d.gumTrain...), d.unerDev...), trainOptions, g)
	r := m.NewRecognizer(g)
	words := 0
	for _, s := range d.unerTest {
		words += len(s.Words)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range d.unerTest {
			r.Entities(s.Words, s.UPOS)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
