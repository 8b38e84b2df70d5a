package extract

import (
	"fmt"
	"strings"
)

// hostileShapes are texts that made extraction quadratic or worse (a
// sentence, quote or name window scanned again for every word): each is a
// unit repeated to the size wanted (each %s a new made-up name), so that BenchmarkExtractHostile can
// compare their cost per MB with a normal article's ("article", the seed
// articles joined), and the fuzz targets start from them.
var hostileShapes = []struct {
	Name string
	Unit string
}{
	{"article", ""}, // filled from the seed articles
	{"quotes", `"`},
	{"curly-quotes", "“"},
	{"open-quotes", "He said “the plan and "},
	{"quoted-speech", `"We will not," said the minister. "It is `},
	{"said", "Alice Brown said the plan failed. "},
	{"said-no-stop", "Alice Brown said "},
	{"mr", "Mr. "},
	{"capitals", "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta "},
	{"one-line", "the council and the ministry of justice and the board "},
	{"brackets", "( [ the Ministry of Justice "},
	{"abbreviations", "Dr. J. K. Smith of Acme Ltd. and Co. Inc. v. e.g. "},
	{"newlines", "Alice Brown\nsaid\n"},
	{"contracts", "Acme Ltd won the prison escort contract worth £2m. The contract was cut. "},
	{"lists", "Acme, Beta, Gamma, Delta and Epsilon Ltd were awarded contracts. "},
	{"unique-orgs", "%s Holdings won the escort contract worth £2m. "},
	{"unique-people", "%s Smith, chief executive of %s Trust, said it failed. "},
	{"acronyms", "The Ministry of Justice (MoJ) said the MoJ and the NAO agreed. "},
}

// hostileText returns about n bytes of shape unit (the article shape uses
// article, the seed texts joined). Each %s in unit is a name made up anew
// for each repetition ("Bakel", "Cekil", ...), so that a rule that compares
// every name with every other meets thousands of them.
func hostileText(unit, article string, n int) string {
	if unit == "" {
		unit = article
	}
	if !strings.Contains(unit, "%s") {
		return strings.Repeat(unit, n/len(unit)+1)[:n]
	}
	var b strings.Builder
	k := strings.Count(unit, "%s")
	for i := 0; b.Len() < n; i++ {
		args := make([]any, k)
		for j := range args {
			args[j] = madeUpName(i*k + j)
		}
		fmt.Fprintf(&b, unit, args...)
	}
	return b.String()[:n]
}

// madeUpName returns the i-th of a series of distinct capitalised words.
func madeUpName(i int) string {
	const c, v = "bcdfghjklmnprstvz", "aeiou"
	b := []byte{c[i%len(c)] - 'a' + 'A'}
	i /= len(c)
	for range 3 {
		b = append(b, v[i%len(v)], c[(i/len(v))%len(c)])
		i /= len(v) * len(c)
	}
	return string(b)
}

// hostileSeeds are the hostile shapes at a size a fuzz target accepts.
func hostileSeeds(n int) []string {
	var out []string
	for _, s := range hostileShapes {
		if s.Unit != "" {
			out = append(out, hostileText(s.Unit, "", n))
		}
	}
	return out
}
