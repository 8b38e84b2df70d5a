package lemma

import (
	"sort"
	"strings"

	"github.com/kgtool/kg/extract/conllu"
)

// The rule learner's settings, chosen on en_ewt-ud-dev and en_gum-ud-dev.
const (
	// maxSuffix is the longest suffix, in bytes, a rule looks at.
	maxSuffix = 6
	// minTypes is how many distinct training words must share a suffix
	// rule before it is trusted for unseen words.
	minTypes = 2
	// minShare is the share of the words with the suffix and tag that the
	// rule must get right.
	minShare = 0.7
)

// counts tallies the edits seen for one key.
type counts map[edit]int

// best returns the most frequent edit, ties broken by edit order, with its
// count and the total.
func (c counts) best() (edit, int, int) {
	var top edit
	n, total := -1, 0
	for e, k := range c {
		total += k
		if k > n || (k == n && e.less(top)) {
			top, n = e, k
		}
	}
	return top, n, total
}

func tally(m map[string]counts, key string, e edit) {
	c := m[key]
	if c == nil {
		c = counts{}
		m[key] = c
	}
	c[e]++
}

// Train learns a model from treebank sentences. The same sentences give the
// same model, and the same MarshalBinary bytes.
func Train(sents []*conllu.Sentence) *Model {
	exact := map[string]counts{}
	lower := map[string]counts{}
	for _, s := range sents {
		for _, t := range s.Tokens {
			if t.Lemma == "" || (t.Lemma == "_" && t.Form != "_") {
				continue
			}
			tag := tagOf(t.UPOS, t.XPOS)
			e := editFor(t.Form, t.Lemma)
			tally(exact, t.Form+sep+tag, e)
			tally(lower, strings.ToLower(t.Form)+sep+tag, e)
		}
	}
	m := &Model{maxSuffix: maxSuffix, rules: learnRules(lower)}

	// Keep a word only where the rules get it wrong.
	m.lower = map[string]edit{}
	for _, k := range sortedKeys(lower) {
		lf, tag, _ := strings.Cut(k, sep)
		e, _, _ := lower[k].best()
		if r, ok := m.rule(lf, tag); !ok || r != e {
			m.lower[k] = e
		}
	}
	// Keep an exact-case word only where the general tables get it wrong.
	m.exact = map[string]edit{}
	for _, k := range sortedKeys(exact) {
		form, tag, _ := strings.Cut(k, sep)
		e, _, _ := exact[k].best()
		want, ok := e.apply(form)
		if ok && want != m.general(form, strings.ToLower(form), "", tag) {
			m.exact[k] = e
		}
	}
	return m
}

// learnRules counts, for every tag and suffix, the edits of the distinct
// words that end in it, and keeps the suffixes whose edit is trusted and
// differs from what a shorter suffix would give.
func learnRules(lower map[string]counts) map[string]edit {
	byRule := map[string]counts{}
	for k, c := range lower {
		lf, tag, _ := strings.Cut(k, sep)
		e, _, _ := c.best()
		for n := 0; n <= min(len(lf), maxSuffix); n++ {
			if e.strip <= n {
				tally(byRule, tag+sep+lf[len(lf)-n:], e)
			}
		}
	}
	keys := sortedKeys(byRule)
	// Shorter suffixes first, so a rule is compared with the final rules
	// it would fall back to.
	sort.SliceStable(keys, func(i, j int) bool { return len(keys[i]) < len(keys[j]) })
	rules := map[string]edit{}
	for _, k := range keys {
		tag, suf, _ := strings.Cut(k, sep)
		e, n, total := byRule[k].best()
		if suf != "" {
			if n < minTypes || float64(n) < minShare*float64(total) {
				continue
			}
			if fb, ok := fallback(rules, tag, suf); ok && fb == e {
				continue
			}
		}
		rules[k] = e
	}
	return rules
}

// fallback returns the rule a word ending in suf would get if suf had none.
func fallback(rules map[string]edit, tag, suf string) (edit, bool) {
	for n := len(suf) - 1; n >= 0; n-- {
		if e, ok := rules[tag+sep+suf[len(suf)-n:]]; ok {
			return e, true
		}
	}
	return edit{}, false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
