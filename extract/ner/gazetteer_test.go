package ner

import (
	"reflect"
	"strings"
	"testing"

	"github.com/kgtool/kg/schema"
)

func TestGazetteerFeatures(t *testing.T) {
	g := NewGazetteer(schema.MustLoadDefault())
	tests := []struct {
		sentence string
		word     int
		want     []string // list names, compared as sets
	}{
		{"Dr Jane Smith spoke", 0, []string{"honorific", "B-honorific-phrase", "not-name"}},
		{"Dr Jane Smith spoke", 1, []string{"given-name"}},
		{"Dr Jane Smith spoke", 3, nil},
		{"the Ministry of Justice said", 1, []string{"org-head", "not-name", "B-body", "B-body-Organisation"}},
		{"the Ministry of Justice said", 2, []string{"I-body", "I-body-Organisation"}},
		{"the Ministry of Justice said", 3, []string{"not-name", "I-body", "I-body-Organisation"}},
		{"a prison in Northern Ireland", 3, []string{"B-place"}},
		{"a prison in Northern Ireland", 4, []string{"I-place", "B-place"}},
		{"the chief executive resigned", 1, []string{"B-role-word"}},
		{"the chief executive resigned", 2, []string{"I-role-word"}},
		{"the chief executive resigned", 3, nil},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.sentence)
		got := g.Features(words)
		if len(got) != len(words) {
			t.Fatalf("Features(%q) gave %d words, want %d", tt.sentence, len(got), len(words))
		}
		if n := names(got[tt.word]); !sameSet(n, tt.want) {
			t.Errorf("Features(%q)[%d] (%s) = %v, want %v", tt.sentence, tt.word, words[tt.word], n, tt.want)
		}
	}
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, v := range a {
		m[v]++
	}
	n := map[string]int{}
	for _, v := range b {
		n[v]++
	}
	return reflect.DeepEqual(m, n)
}

// names turns gazetteer values back into list names, for messages.
func names(vals []uint64) []string {
	all := map[uint64]string{}
	for _, l := range wordLists {
		all[gazValue(l.name)] = l.name
	}
	for _, n := range phraseLists {
		for _, p := range []string{"B-", "I-"} {
			all[gazValue(p+n)] = p + n
			for _, l := range schema.EntityLabels {
				all[gazValue(p+"body-"+string(l))] = p + "body-" + string(l)
			}
		}
	}
	var out []string
	for _, v := range vals {
		out = append(out, all[v])
	}
	return out
}
