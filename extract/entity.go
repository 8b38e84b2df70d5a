package extract

import (
	"sort"
	"strings"
	"unicode"

	"github.com/kgtool/kg/schema"
)

// resolver groups the mentions of a corpus into entities.
type resolver struct {
	v     *schema.Vocabulary
	docs  []*docState
	cands []*cand
	// parent is a union-find forest over cands, by index
	parent []int
	why    map[int]string // merge reason of a cand into its root
	label  []schema.Label
}

func (r *resolver) find(i int) int {
	for r.parent[i] != i {
		r.parent[i] = r.parent[r.parent[i]]
		i = r.parent[i]
	}
	return i
}

func (r *resolver) union(a, b int, reason string) {
	ra, rb := r.find(a), r.find(b)
	if ra == rb || r.separated(r.cands[a], r.cands[b]) {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
		a, b = b, a
	}
	r.parent[rb] = ra
	if _, ok := r.why[b]; !ok {
		r.why[b] = reason
	}
}

// separated reports whether the configuration says the forms of a and b
// are different things ("separate: [[Form A, Form B]]").
func (r *resolver) separated(a, b *cand) bool {
	if len(r.v.Separate) == 0 {
		return false
	}
	in := func(c *cand, g []string) bool {
		for _, f := range g {
			nf := Normalize(f)
			if nf == Normalize(c.name) || nf == Normalize(c.Text) {
				return true
			}
		}
		return false
	}
	for _, g := range r.v.Separate {
		if in(a, g) && in(b, g) && Normalize(a.Text) != Normalize(b.Text) {
			return true
		}
	}
	return false
}

// docState is one document with its sentences ready for the stages.
type docState struct {
	doc   *Document
	sents []*sent
}

// resolve decides the label of every mention and groups them into
// entities. It returns the entities and sets cand.ent.
func (r *resolver) resolve() []Entity {
	for _, d := range r.docs {
		for _, s := range d.sents {
			r.cands = append(r.cands, s.cands...)
		}
	}
	n := len(r.cands)
	r.parent = make([]int, n)
	r.why = map[int]string{}
	for i := range r.parent {
		r.parent[i] = i
	}
	idx := make(map[*cand]int, n)
	for i, c := range r.cands {
		idx[c] = i
	}

	r.labelUnknowns(idx)
	r.groupPersons(idx)
	r.groupNamed(idx)
	r.groupShortForms()
	r.groupAnaphors(idx)
	r.groupReports(idx)
	r.groupContracts(idx)
	r.applyMerges(idx)
	return r.build(idx)
}

// normKey is the key names are grouped by: Normalize without a final
// plural "s" on an acronym ("CRCs" and "CRC").
func normKey(s string) string {
	k := Normalize(s)
	return k
}

// labelUnknowns gives a label to capitalised words the mention rules could
// not place, from what the corpus says about the same word elsewhere.
func (r *resolver) labelUnknowns(idx map[*cand]int) {
	v := r.v
	r.labelShaped()
	// surnames of full names, per doc and in the corpus
	surDoc := map[DocID]map[string]bool{}
	surAll := map[string]int{}
	orgCue := map[string]bool{}
	definedAs := map[string]schema.Label{}
	orgNames := map[DocID][]*cand{}
	for _, c := range r.cands {
		if c.Label == schema.Person && c.surname != "" && !c.surnameOnly {
			if surDoc[c.Doc] == nil {
				surDoc[c.Doc] = map[string]bool{}
			}
			surDoc[c.Doc][c.surname] = true
			surAll[c.surname]++
		}
		if c.unknown && c.orgCue {
			orgCue[normKey(c.name)] = true
		}
		if c.expands != "" && !c.acronym {
			definedAs[c.expands] = c.Label
		}
		if c.Label == schema.Organisation {
			orgNames[c.Doc] = append(orgNames[c.Doc], c)
		}
	}
	known := map[string]schema.Label{}
	for _, c := range r.cands {
		if !c.unknown && c.Label != "" && c.Label != schema.Person && c.Label != schema.Report && c.Label != schema.Contract {
			known[normKey(c.name)] = c.Label
		}
	}
	decided := func(c *cand, l schema.Label, rule string) {
		c.Label, c.unknown = l, false
		c.Rule = rule
	}
	// multiword organisations per document, for "Harwick Metropolitan"
	// standing for "Harwick Metropolitan University". longOrgs maps each
	// word prefix of such a name (up to maxPrefixWords words) to the name,
	// the last in text order winning, so that each candidate costs one
	// look-up, not a scan of every name of the document.
	longOrgs := map[DocID]map[string]string{}
	for _, c := range r.cands {
		if c.Label == schema.Organisation && !c.unknown && c.t1-c.t0 >= 3 {
			m := longOrgs[c.Doc]
			if m == nil {
				m = map[string]string{}
				longOrgs[c.Doc] = m
			}
			for i, w := 0, 0; i < len(c.name) && w < maxPrefixWords; i++ {
				if c.name[i] == ' ' {
					m[c.name[:i]] = c.name
					w++
				}
			}
		}
	}
	// "X said" made a person of X; the corpus calling X a company elsewhere
	// ("the facilities firm X") wins
	for _, c := range r.cands {
		if c.Rule == "name-context-person" && (orgCue[normKey(c.name)] || known[normKey(c.name)] == schema.Organisation) {
			c.Label, c.Rule, c.given, c.surname = schema.Organisation, "org-context", "", ""
		}
	}
	initials := map[DocID]map[string]string{}
	for _, c := range r.cands {
		if !c.unknown {
			continue
		}
		k := normKey(c.name)
		if c.t1-c.t0 == 1 && isAllCaps(c.name) && len(c.name) > 3 {
			// "BLACKMORE" is the surname "Blackmore"
			if t := strings.ToUpper(c.name[:1]) + strings.ToLower(c.name[1:]); surDoc[c.Doc][t] || surAll[t] > 0 {
				c.name = t
			}
		}
		prefixOf := ""
		// "Harwick Metropolitan" for "Harwick Metropolitan
		// University"; one word only for a made-up name ("Brightwater" for
		// "Brightwater Language Services"), never a given name
		if c.t1-c.t0 >= 2 || !c.acronym && !v.Is(schema.GivenName, c.name) && !surDoc[c.Doc][c.name] {
			prefixOf = longOrgs[c.Doc][c.name]
		}
		switch {
		case prefixOf != "":
			decided(c, schema.Organisation, "prefix-of-name")
			c.expands = prefixOf
		case oneWord(c) && surDoc[c.Doc][c.name]:
			decided(c, schema.Person, "surname")
			c.surname, c.surnameOnly = c.name, true
		case oneWord(c) && !c.acronym && surAll[c.name] > 0 && !orgCue[k]:
			decided(c, schema.Person, "surname")
			c.surname, c.surnameOnly = c.name, true
		case c.acronym && definedAs[c.name] != "":
			decided(c, definedAs[c.name], "acronym")
		case known[k] != "":
			decided(c, known[k], "same-name")
		case orgCue[k]:
			decided(c, schema.Organisation, "org-context")
		case c.acronym:
			// an acronym spelled by the initials of a name in the document
			// (the first such name; the initials are computed once per
			// document, not once per acronym)
			byInitials, ok := initials[c.Doc]
			if !ok {
				byInitials = map[string]string{}
				for _, o := range orgNames[c.Doc] {
					if o.t1-o.t0 >= 2 && !o.acronym {
						if in := initialsOf(o.name); byInitials[in] == "" {
							byInitials[in] = o.name
						}
					}
				}
				initials[c.Doc] = byInitials
			}
			if name, ok := byInitials[acronymLetters(c.name)]; ok {
				decided(c, schema.Organisation, "acronym-initials")
				c.expands = name
			}
		}
	}
	// coordination: "Unison & GMB", "Veltrax, Corvanta and Halden Secure Systems"
	for pass := 0; pass < 3; pass++ {
		for _, d := range r.docs {
			for _, s := range d.sents {
				for ci, c := range s.cands {
					if !c.unknown {
						continue
					}
					for _, o := range s.cands[max(0, ci-3):min(len(s.cands), ci+4)] {
						if o == c || o.Label != schema.Organisation || o.unknown {
							continue
						}
						if coordinated(s, o, c) || coordinated(s, c, o) {
							decided(c, schema.Organisation, "coordination")
							break
						}
					}
				}
			}
		}
	}
	// what is still unknown is dropped
	for _, c := range r.cands {
		if c.unknown {
			c.Label = ""
		}
	}
}

// maxPrefixWords bounds the words of a name that can stand for a longer
// organisation name ("Harwick Metropolitan" for "Harwick Metropolitan
// University"): no real short form is longer, and a bound keeps a run of
// capitalised words from costing its length squared.
const maxPrefixWords = 8

// oneWord reports whether c is one word, a hyphenated one counting once.
func oneWord(c *cand) bool {
	return c.t1-c.t0 == 1 || !strings.ContainsAny(c.name, " \u00a0\t")
}

// labelShaped makes a person of an unknown run written like a name ("Iolo
// Treharne") when the document names it again by its surname after an
// honorific ("Mr Treharne"), or when it is coordinated with a person ("Ann
// Reid and Iolo Treharne of the union").
func (r *resolver) labelShaped() {
	honored := map[DocID]map[string]bool{}
	for _, c := range r.cands {
		if c.Label == schema.Person && c.surnameOnly && c.honor != "" {
			if honored[c.Doc] == nil {
				honored[c.Doc] = map[string]bool{}
			}
			honored[c.Doc][c.surname] = true
		}
	}
	person := func(c *cand, rule string) {
		c.Label, c.unknown, c.Rule = schema.Person, false, rule
	}
	for _, c := range r.cands {
		if c.unknown && c.shaped && !c.orgCue && honored[c.Doc][c.surname] {
			person(c, "name-surname-honorific")
		}
	}
	for pass := 0; pass < 3; pass++ {
		for _, d := range r.docs {
			for _, s := range d.sents {
				for ci, c := range s.cands {
					if !c.unknown || !c.shaped || c.orgCue {
						continue
					}
					for _, o := range s.cands[max(0, ci-3):min(len(s.cands), ci+4)] {
						if o != c && o.Label == schema.Person && !o.unknown && (coordinated(s, o, c) || coordinated(s, c, o)) {
							person(c, "name-coordinated")
							break
						}
					}
				}
			}
		}
	}
}

// coordinated reports whether a and b (a first) are joined by "and", "&",
// "or" or a comma in a list.
func coordinated(s *sent, a, b *cand) bool {
	if a.t1 > b.t0 {
		return false
	}
	between := s.doc.Text[a.End:b.Start]
	switch strings.TrimSpace(between) {
	case ",", "and", "&", "or", ", and", "/":
		return true
	}
	return false
}

func isAllCaps(s string) bool {
	return strings.ToUpper(s) == s && strings.ToLower(s) != s
}

func initialsOf(name string) string {
	var b strings.Builder
	for _, w := range schema.ScanWords(name) {
		word := name[w[0]:w[1]]
		if nameConnectors[strings.ToLower(word)] {
			continue
		}
		b.WriteString(strings.ToLower(word[:1]))
	}
	return b.String()
}

// sameGiven reports whether two given names can be one person's: equal, a
// known short form, or one the start of the other ("Chris", "Christopher").
func (r *resolver) sameGiven(a, b string) bool {
	if a == b {
		return true
	}
	for _, f := range r.v.Nicknames[a] {
		if f == b {
			return true
		}
	}
	for _, f := range r.v.Nicknames[b] {
		if f == a {
			return true
		}
	}
	if len(a) >= 3 && len(b) >= 3 && (strings.HasPrefix(b, a) || strings.HasPrefix(a, b)) {
		return true
	}
	return false
}

// maxSameSurname bounds the full names of one surname that a new full
// name is compared with, beyond the one with its very given name.
const maxSameSurname = 32

// groupPersons joins full names across the corpus, then surnames, honorific
// forms and given names to the full name they stand for.
func (r *resolver) groupPersons(idx map[*cand]int) {
	type full struct {
		i    int
		c    *cand
		docs map[DocID]int
	}
	var fulls []*full
	bySurname := map[string][]*full{}
	type surnameGiven struct{ surname, given string }
	sameGivenFirst := map[surnameGiven]*full{}
	for i, c := range r.cands {
		if c.Label != schema.Person || c.surnameOnly || c.givenOnly {
			continue
		}
		// the same given name is looked up; only the first
		// maxSameSurname full names of a surname are compared otherwise
		// (nicknames, prefixes): a list of made-up given names with one
		// surname must not cost its length squared
		hit := sameGivenFirst[surnameGiven{c.surname, c.given}]
		if hit == nil {
			for n, f := range bySurname[c.surname] {
				if n == maxSameSurname {
					break
				}
				if r.sameGiven(f.c.given, c.given) {
					hit = f
					break
				}
			}
		}
		if hit != nil {
			r.union(hit.i, i, "same person: full names agree")
			hit.docs[c.Doc]++
			if len(c.name) > len(hit.c.name) {
				hit.c = c
			}
			continue
		}
		f := &full{i: i, c: c, docs: map[DocID]int{c.Doc: 1}}
		fulls = append(fulls, f)
		bySurname[c.surname] = append(bySurname[c.surname], f)
		sameGivenFirst[surnameGiven{c.surname, c.given}] = f
	}
	pick := func(cs []*full, doc DocID) *full {
		var inDoc []*full
		for _, f := range cs {
			if f.docs[doc] > 0 {
				inDoc = append(inDoc, f)
			}
		}
		if len(inDoc) == 1 {
			return inDoc[0]
		}
		if len(inDoc) > 1 {
			// the one the document names most
			sort.SliceStable(inDoc, func(a, b int) bool { return inDoc[a].docs[doc] > inDoc[b].docs[doc] })
			if inDoc[0].docs[doc] > inDoc[1].docs[doc] {
				return inDoc[0]
			}
			return nil
		}
		if len(cs) == 1 {
			return cs[0]
		}
		return nil
	}
	// the full names by given name, and by each prefix of three letters or
	// more of it, in order; and the vocabulary's nicknames both ways: a
	// given name alone looks up the full names it may stand for instead of
	// comparing itself with every one
	order := map[*full]int{}
	fullsByGiven := map[string][]*full{}
	byPrefix := map[string][]*full{}
	for n, f := range fulls {
		order[f] = n
		g := f.c.given
		fullsByGiven[g] = append(fullsByGiven[g], f)
		for k := 3; k <= len(g); k++ {
			byPrefix[g[:k]] = append(byPrefix[g[:k]], f)
		}
	}
	nicknamedBy := map[string][]string{}
	for a, fs := range r.v.Nicknames {
		for _, b := range fs {
			nicknamedBy[b] = append(nicknamedBy[b], a)
		}
	}
	// sameGivenFulls returns, in order, the full names whose given name
	// sameGiven accepts for g.
	sameGivenFulls := func(g string) []*full {
		lists := [][]*full{fullsByGiven[g]}
		for _, n := range r.v.Nicknames[g] {
			lists = append(lists, fullsByGiven[n])
		}
		for _, n := range nicknamedBy[g] {
			lists = append(lists, fullsByGiven[n])
		}
		if len(g) >= 3 {
			for k := 3; k < len(g); k++ {
				lists = append(lists, fullsByGiven[g[:k]])
			}
			lists = append(lists, byPrefix[g])
		}
		seen := map[*full]bool{}
		var out []*full
		for _, l := range lists {
			for _, f := range l {
				if !seen[f] {
					seen[f] = true
					out = append(out, f)
				}
			}
		}
		sort.Slice(out, func(a, b int) bool { return order[out[a]] < order[out[b]] })
		return out
	}
	type givenDoc struct {
		given string
		doc   DocID
	}
	givenPick := map[givenDoc]*full{}
	// what a surname alone picks, per document (and whether after Sir or
	// Dame): the same for every mention, so computed once
	type surnameDoc struct {
		surname string
		doc     DocID
		sir     bool
	}
	surnamePick := map[surnameDoc][2]*full{}
	for i, c := range r.cands {
		if c.Label != schema.Person {
			continue
		}
		switch {
		case c.surnameOnly:
			sir := isFirstNameHonorific(c.honor)
			k := surnameDoc{c.surname, c.Doc, sir}
			picked, ok := surnamePick[k]
			if !ok {
				var byGiven []*full
				if sir {
					// "Sir Amos" after "Sir Amos Hartley": a given name the
					// list does not know
					for _, f := range fullsByGiven[c.surname] {
						if f.docs[c.Doc] > 0 {
							byGiven = append(byGiven, f)
						}
					}
				}
				picked = [2]*full{pick(bySurname[c.surname], c.Doc), pick(byGiven, c.Doc)}
				surnamePick[k] = picked
			}
			if f := picked[0]; f != nil {
				r.union(f.i, i, "surname of a full name")
			} else if f := picked[1]; f != nil {
				r.union(f.i, i, "given name of a full name after Sir or Dame")
			} else if c.honor == "" {
				c.Label = "" // a bare surname with no full name is not enough
			}
		case c.givenOnly:
			k := givenDoc{c.given, c.Doc}
			f, ok := givenPick[k]
			if !ok {
				var cs []*full
				for _, f := range sameGivenFulls(c.given) {
					if f.c.given == c.given || r.sameGiven(f.c.given, c.given) && f.docs[c.Doc] > 0 {
						cs = append(cs, f)
					}
				}
				f = pick(cs, c.Doc)
				givenPick[k] = f
			}
			if f != nil && f.docs[c.Doc] > 0 {
				r.union(f.i, i, "given name of a full name in the document")
			} else if c.honor == "" {
				c.Label = ""
			}
		}
	}
}

// groupNamed joins organisations and policies that share a key: the
// vocabulary body, the normalised name, or an acronym's expansion.
func (r *resolver) groupNamed(idx map[*cand]int) {
	byKey := map[string]int{}
	bodyKey := map[string]string{}
	for bi, b := range r.v.Bodies {
		k := "body:" + b.Name
		bodyKey[string(b.Label)+":"+normKey(b.Name)] = k
		for _, a := range b.Aliases {
			bodyKey[string(b.Label)+":"+normKey(a)] = k
		}
		_ = bi
	}
	keyOf := func(c *cand) string {
		if c.body >= 0 {
			return "body:" + r.v.Bodies[c.body].Name
		}
		name := c.name
		if (c.acronym || c.Rule == "prefix-of-name") && c.expands != "" {
			name = c.expands
		}
		nk := string(c.Label) + ":" + normKey(name)
		if k, ok := bodyKey[nk]; ok {
			return k
		}
		// "Committee of Public Accounts" is the "Public Accounts Committee"
		if c.Label == schema.Organisation {
			if alt := r.headLast(name); alt != "" {
				nk = string(c.Label) + ":" + normKey(alt)
				if k, ok := bodyKey[nk]; ok {
					return k
				}
			}
		}
		// "CRCs" and "CRC"
		if strings.HasSuffix(nk, "s") {
			if k, ok := bodyKey[strings.TrimSuffix(nk, "s")]; ok {
				return k
			}
		}
		return nk
	}
	// definitions: an acronym and its expansion are one, in the corpus
	acr := map[string]string{}
	for _, c := range r.cands {
		if c.expands != "" && !c.acronym && (c.Label == schema.Organisation || c.Label == schema.Policy) {
			acr[string(c.Label)+":"+normKey(c.expands)] = keyOf(c)
		}
	}
	for i, c := range r.cands {
		if c.Label != schema.Organisation && c.Label != schema.Policy || c.anaphor != "" {
			continue
		}
		k := keyOf(c)
		if ak, ok := acr[string(c.Label)+":"+normKey(c.name)]; ok && c.body < 0 {
			k = ak
		}
		if j, ok := byKey[k]; ok {
			r.union(j, i, "same name")
		} else {
			byKey[k] = i
		}
	}
	// "HMP Lewis" and "HMP Lewes": one word one letter apart. Keys are
	// bucketed by their other words and the word with one letter masked,
	// so that only names one letter apart meet (bucketing by the word's
	// length alone put every "Xxxxxxx Holdings" of a text in one bucket).
	// The partners of a key are joined in key order, as when they were
	// found by scanning a bucket. Names over maxTypoKey bytes are left
	// out: a typo rule means nothing for them, and they would cost their
	// length squared.
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		if strings.HasPrefix(k, string(schema.Organisation)+":") && len(k) <= maxTypoKey {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	order := make(map[string]int, len(keys))
	for i, k := range keys {
		order[k] = i
	}
	// a signature: the other words, and the word around the masked letter
	// (substrings of the key: no copy)
	type typoSig struct{ others, before, after string }
	buckets := map[typoSig][]string{}
	for _, k := range keys {
		ws := strings.Fields(k)
		for w := range ws {
			others := strings.Join(ws[:w], " ") + " * " + strings.Join(ws[w+1:], " ")
			var partners []string
			for p := 0; p < len(ws[w]); p++ {
				sig := typoSig{others, ws[w][:p], ws[w][p+1:]}
				partners = append(partners, buckets[sig]...)
				buckets[sig] = append(buckets[sig], k)
			}
			sort.Slice(partners, func(a, b int) bool { return order[partners[a]] < order[partners[b]] })
			for n, o := range partners {
				if n > 0 && partners[n-1] == o {
					continue
				}
				if typoPair(o, k) {
					r.union(byKey[o], byKey[k], "one letter apart")
				}
			}
		}
	}
}

// maxTypoKey bounds the names the one-letter-apart rule compares.
const maxTypoKey = 200

// typoPair reports whether two keys of one label differ in one word of five
// letters or more, by one substituted letter.
func typoPair(a, b string) bool {
	// compared word by word in place: it is called for every pair of
	// names a letter apart, thousands of times on a list of names
	la, ra, oka := strings.Cut(a, ":")
	lb, rb, okb := strings.Cut(b, ":")
	if !oka || !okb || la != lb || la != string(schema.Organisation) {
		return false
	}
	words, diff := 0, 0
	for {
		wa, resta := nextWord(ra)
		wb, restb := nextWord(rb)
		if wa == "" || wb == "" {
			if wa != wb {
				return false // not as many words
			}
			break
		}
		words++
		ra, rb = resta, restb
		if wa == wb {
			continue
		}
		diff++
		if len(wa) < 5 || len(wa) != len(wb) {
			return false
		}
		d := 0
		for k := range len(wa) {
			if wa[k] != wb[k] {
				d++
			}
		}
		if d != 1 {
			return false
		}
	}
	return words >= 2 && diff == 1
}

// nextWord returns the first word of s as strings.Fields splits it, and
// the rest after it.
func nextWord(s string) (word, rest string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

var watchdogHeads = []string{"inspectorate", "audit", "ombudsman", "regulator", "commission", "inspector"}

// groupAnaphors joins "the Centre" to the one organisation of the document
// whose name has that head word, and "the watchdog" to the one inspectorate
// or audit body; with none or several it drops them.
func (r *resolver) groupAnaphors(idx map[*cand]int) {
	for _, d := range r.docs {
		// the organisations an anaphor may stand for, once per document,
		// and the ones each anaphor matches, once per anaphor: a document
		// with many anaphors and names costs their sum, not their product
		type org struct {
			c    *cand
			s    *sent
			name string
		}
		var orgs []org
		for _, s2 := range d.sents {
			for _, o := range s2.cands {
				if o.anaphor == "" && o.Label == schema.Organisation {
					orgs = append(orgs, org{o, s2, strings.ToLower(o.name)})
				}
			}
		}
		matches := map[string][]*cand{}
		for _, s := range d.sents {
			for _, c := range s.cands {
				if c.anaphor == "" || c.Label != schema.Organisation {
					continue
				}
				ms, ok := matches[c.anaphor]
				if !ok {
					heads, nouns := anaphorHeads(c.anaphor)
					for _, o := range orgs {
						name := o.name
						if introducedAs(r.v, o.s, o.c, nouns) {
							name += " " + strings.ToLower(c.anaphor)
						}
						for _, h := range heads {
							if containsWord(name, h) {
								ms = append(ms, o.c)
								break
							}
						}
					}
					matches[c.anaphor] = ms
				}
				// the nearest such name before it, else the only one after
				before := -1
				if k := sort.Search(len(ms), func(k int) bool { return ms[k].Start >= c.Start }); k > 0 {
					before = r.find(idx[ms[k-1]])
				}
				var order []int
				for _, o := range ms {
					if rt := r.find(idx[o]); len(order) == 0 || rt != order[0] {
						order = append(order, rt)
						if len(order) == 2 {
							break
						}
					}
				}
				switch {
				case before >= 0:
					r.union(before, idx[c], "a head word standing for the nearest name before it")
				case len(order) == 1:
					r.union(order[0], idx[c], "a head word standing for the name")
				default:
					c.Label = ""
				}
			}
		}
	}
}

// anaphorHeads returns the words an organisation's name may contain for a
// head noun to stand for it, and the common nouns that may have introduced
// it ("the charity Shelterwise", "Pellucid, a consultancy firm").
func anaphorHeads(anaphor string) (heads, nouns []string) {
	a := strings.ToLower(anaphor)
	switch a {
	case "watchdog":
		return watchdogHeads, []string{"watchdog", "regulator"}
	case "ministry", "department":
		return []string{"ministry", "department"}, nil
	case "company", "firm", "contractor", "operator", "provider", "supplier":
		return []string{"ltd", "limited", "plc", "group", "holdings", "company"},
			[]string{"company", "firm", "contractor", "operator", "provider", "supplier", "outsourcer", "business", "giant", "group", "subcontractor"}
	case "charity":
		return []string{"charity", "trust", "foundation"}, []string{"charity"}
	case "union":
		return []string{"union"}, []string{"union"}
	case "newspaper", "paper":
		return []string{"times", "post", "news", "telegraph", "herald", "gazette", "chronicle", "mirror", "express", "observer", "guardian", "examiner", "ledger", "courier", "echo", "newspaper"},
			[]string{"newspaper", "paper"}
	case "partnership", "consortium":
		return []string{a}, []string{"partnership", "consortium", "joint venture", "venture"}
	}
	return []string{a}, nil
}

// introducedAs reports whether one of the nouns stands beside the
// organisation o in its sentence.
func introducedAs(v *schema.Vocabulary, s *sent, o *cand, nouns []string) bool {
	if len(nouns) == 0 {
		return false
	}
	for k := max(0, o.t0-3); k < len(s.toks) && k < o.t1+4; k++ {
		if k >= o.t0 && k < o.t1 || !s.toks[k].lower {
			continue
		}
		// after the name only in apposition: "Blue Harbour, the partnership"
		if k >= o.t1 && (o.t1 >= len(s.toks) || !strings.Contains(s.toks[o.t1].gap, ",")) {
			break
		}
		for _, n := range nouns {
			if s.toks[k].text == n || s.toks[k].text == n+"s" {
				return true
			}
		}
	}
	return false
}

func containsWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if f == w || strings.TrimSuffix(f, "s") == w {
			return true
		}
	}
	return false
}

// groupReports joins descriptions of one publication: the same name, a
// weak description ("the report", "this bulletin") to the publication the
// document last named, and a title to the description just before it.
func (r *resolver) groupReports(idx map[*cand]int) {
	byName := map[string]int{}
	for _, d := range r.docs {
		lastStrong, lastSent := -1, -1
		byNoun := map[string]int{}
		byAuthor := map[int]int{}
		var prevTitle, prevTitleSent = -1, -1
		for _, s := range d.sents {
			for _, c := range s.cands {
				if c.Label != schema.Report {
					continue
				}
				i := idx[c]
				if c.weak {
					joined := false
					if c.det == "this" || c.det == "the" {
						if j, ok := byNoun[c.noun]; ok {
							r.union(j, i, "a description refers back")
							joined = true
						}
						if prevTitle >= 0 && s.Index-prevTitleSent == 1 {
							r.union(prevTitle, i, "a description refers to the title above")
							joined = true
						}
						if !joined && lastStrong >= 0 && s.Index-lastSent <= 6 {
							r.union(lastStrong, i, "a description refers back")
							joined = true
						}
					}
					if !joined {
						c.Label = ""
					}
					continue
				}
				if c.title && lastStrong >= 0 && (s.Index == lastSent || s.Index-lastSent <= 2 && r.cands[lastStrong].det != "the") && !r.cands[lastStrong].title {
					r.union(lastStrong, i, "a title names the publication just described")
				}
				// "the previous special issue of this journal, ‘Title’"
				if !c.title && lastStrong >= 0 && s.Index == lastSent && r.cands[lastStrong].title {
					r.union(lastStrong, i, "a description beside the title")
				}
				// "the Committee's report" after "the Committee, in a report"
				if c.authorTok >= 0 && !c.title {
					for _, a := range s.cands {
						if a.t0 <= c.authorTok && c.authorTok < a.t1 && a != c && a.Label != schema.Report {
							root := r.find(idx[a])
							if j, ok := byAuthor[root]; ok && (r.cands[j].det == "a" || c.det == "the" || c.det == "") && (undated(r.cands[j]) || undated(c)) {
								r.union(j, i, "the same author's report again")
							} else if !ok {
								byAuthor[root] = i
							}
						}
					}
				}
				k := normKey(c.name)
				if j, ok := byName[k]; ok {
					r.union(j, i, "same name")
				} else {
					byName[k] = i
				}
				if c.noun != "" {
					byNoun[c.noun] = i
					byNoun[strings.TrimSuffix(c.noun, "s")] = i
				}
				if c.title && s.heading {
					prevTitle, prevTitleSent = i, s.Index
				}
				lastStrong, lastSent = i, s.Index
			}
		}
	}
}

func undated(c *cand) bool {
	for _, f := range strings.Fields(c.Text) {
		if months[f] || len(f) == 4 && f[0] >= '1' && f[0] <= '2' {
			return false
		}
	}
	return true
}

// groupContracts joins contracts by value, by the organisation they are
// for, and weak descriptions ("the new contracts") to the contract the
// document names.
func (r *resolver) groupContracts(idx map[*cand]int) {
	// a contract keyed on a word that turned out to name nothing is a
	// description only ("Tagging contracts")
	for _, c := range r.cands {
		if c.Label == schema.Contract && c.keyCand != nil && c.keyCand.Label == "" && c.value == 0 && c.ordinal == "" {
			c.weak, c.descr, c.keyOrg = true, true, ""
		}
	}
	// "contracts worth £3.7bn … 21 Community Rehabilitation Companies":
	// a sum with no holder named takes the counted bodies of the next
	// sentences as what the contracts are for
	for _, d := range r.docs {
		for si, s := range d.sents {
			for _, c := range s.cands {
				if c.Label != schema.Contract || c.weak || c.value == 0 || c.keyOrg != "" {
					continue
				}
				for n := si; n < len(d.sents) && n <= si+2 && c.keyOrg == ""; n++ {
					for _, o := range d.sents[n].cands {
						if o.Label == schema.Organisation && o.body >= 0 && o.t0 > 0 && d.sents[n].toks[o.t0-1].num && (n > si || o.t0 > c.t1) {
							c.keyOrg = o.name
							break
						}
					}
				}
			}
		}
	}
	byValue := map[float64]int{}
	byOrg := map[string]int{}
	for _, d := range r.docs {
		mods := newModifierIndex()
		for _, s := range d.sents {
			for _, c := range s.cands {
				if c.Label != schema.Contract || c.weak {
					continue
				}
				i := idx[c]
				if c.value > 0 {
					if j, ok := byValue[c.value]; ok {
						r.union(j, i, "same value")
					} else {
						byValue[c.value] = i
					}
				}
				if c.keyOrg != "" {
					k := r.orgKey(c.keyOrg)
					// "Secure Track contracts" and "to run the Secure Track Programme"
					var near []string
					for ok := range byOrg {
						if ok != k && (strings.HasPrefix(ok, k+" ") || strings.HasPrefix(k, ok+" ")) {
							near = append(near, ok)
						}
					}
					if len(near) > 0 {
						sort.Strings(near)
						k = near[0]
					}
					if j, ok := byOrg[k]; ok {
						r.union(j, i, "contracts for the same organisation")
					} else {
						byOrg[k] = i
					}
				}
				for _, j := range r.sharingModifier(mods, c, anyScope) {
					r.union(j, i, "same contracts described again")
				}
				mods.add(i, c)
			}
		}
		for _, s := range d.sents {
			for _, c := range s.cands {
				if c.Label != schema.Contract || !c.weak {
					continue
				}
				i := idx[c]
				// "the contracts" is not "the contract": only the strong
				// ones of its noun, or with an ordinal, count
				match := -1
				for _, scope := range []string{c.noun, ordinalScope} {
					if js := r.sharingModifier(mods, c, scope); len(js) > 0 && (match < 0 || js[0] < match) {
						match = js[0]
					}
				}
				root, single := -1, false
				if match < 0 {
					root, single = r.oneRoot(mods, c.noun)
				}
				switch {
				case match >= 0:
					r.union(match, i, "same contracts described again")
				case single && (c.det == "the" || c.det == "their" || c.det == "its"):
					r.union(root, i, "the contracts the document names")
				default:
					c.Label = ""
				}
			}
		}
	}
}

// headLast rewrites "Committee of Public Accounts" as "Public Accounts
// Committee": a name that opens with a head word and "of", "for" or "on"
// and has no other connector. It returns "" for any other name.
func (r *resolver) headLast(name string) string {
	ws := strings.Fields(name)
	if len(ws) < 3 || len(ws) > 5 || !r.v.Is(schema.OrgHead, ws[0]) {
		return ""
	}
	switch ws[1] {
	case "of", "for", "on":
	default:
		return ""
	}
	for _, w := range ws[2:] {
		if nameConnectors[strings.ToLower(w)] || strings.ToLower(w[:1]) == w[:1] {
			return ""
		}
	}
	return strings.Join(ws[2:], " ") + " " + ws[0]
}

// groupShortForms joins a one-word organisation to the longer name it
// opens in the same document ("Arden" for "Arden Secure Services"), when
// only one such name exists there and the word is no vocabulary body.
func (r *resolver) groupShortForms() {
	// the longer names by document and first word, in order, so that a
	// one-word name looks only at the names it may be the start of
	type docWord struct {
		doc  DocID
		word string
	}
	long := map[docWord][]int{}
	for i, c := range r.cands {
		if c.Label == schema.Organisation && c.body < 0 && !c.acronym && c.anaphor == "" && len(strings.Fields(c.name)) >= 2 {
			if w, _, ok := strings.Cut(c.name, " "); ok {
				k := docWord{c.Doc, w}
				long[k] = append(long[k], i)
			}
		}
	}
	// found keeps each name's answer: hit >= 0 (every longer name is one
	// entity, hit the last of them) stays true as entities only join; two
	// of different entities (a, b) are checked again before a new scan
	type answer struct{ hit, a, b int }
	found := map[docWord]answer{}
	for i, c := range r.cands {
		if c.Label != schema.Organisation || c.body >= 0 || c.acronym || c.anaphor != "" || strings.ContainsAny(c.name, " -") || isAllCaps(c.name) {
			continue
		}
		k := docWord{c.Doc, c.name}
		ans, ok := found[k]
		if !ok || ans.hit == -2 && r.find(ans.a) == r.find(ans.b) {
			ans = answer{hit: -1}
			for _, o := range long[k] {
				if ans.hit >= 0 && r.find(ans.hit) != r.find(o) {
					ans = answer{hit: -2, a: ans.hit, b: o}
					break
				}
				ans.hit = o
			}
			found[k] = ans
		}
		if ans.hit >= 0 {
			r.union(ans.hit, i, "short form of a name in the document")
		}
	}
}

func (r *resolver) orgKey(name string) string {
	for _, b := range r.v.Bodies {
		if normKey(b.Name) == normKey(name) {
			return b.Name
		}
		for _, a := range b.Aliases {
			if normKey(a) == normKey(name) {
				return b.Name
			}
		}
	}
	return normKey(name)
}

var genericContractWords = map[string]bool{"the": true, "contract": true, "contracts": true, "of": true, "a": true}

// modifierIndex indexes a document's strong contract mentions by what
// sharesModifier compares, so that finding the earlier mentions a new one
// shares a modifier with costs its words, not the number of mentions
// before it (a text that names contracts in every sentence was quadratic).
type modifierIndex struct {
	// first maps a scope and a key ("full " and the lower-case words, "mod "
	// and a qualifying modifier) to the mentions (indexes) that have it, in
	// order.
	first map[string][]int
	// nouns maps a scope (a contract noun, ordinalScope) to its mentions.
	nouns map[string][]int
	// witness caches oneRoot per noun: one mention of the single entity
	// and -1, or two mentions of different entities.
	witness map[string][2]int
}

func newModifierIndex() *modifierIndex {
	return &modifierIndex{first: map[string][]int{}, nouns: map[string][]int{}, witness: map[string][2]int{}}
}

// words are a mention's words as sharesModifier sees them.
func modifierWords(c *cand) []string { return strings.Fields(strings.ToLower(c.Text)) }

// Scopes of the modifier index: every mention, or those of one noun, or
// those with an ordinal.
const (
	anyScope     = "\x00any"
	ordinalScope = "\x00ordinal"
)

func (m *modifierIndex) add(i int, c *cand) {
	ws := modifierWords(c)
	var keys []string
	if len(ws) >= 2 {
		keys = append(keys, "full "+strings.Join(ws, " "))
	}
	seen := map[string]bool{}
	for _, x := range ws {
		if genericContractWords[x] || !contractModifiers[x] && !trancheWords[x] || seen[x] {
			continue
		}
		seen[x] = true
		keys = append(keys, "mod "+x)
	}
	scopes := []string{anyScope, c.noun}
	if c.ordinal != "" {
		scopes = append(scopes, ordinalScope)
	}
	for _, sc := range scopes {
		for _, k := range keys {
			m.first[sc+" "+k] = append(m.first[sc+" "+k], i)
		}
		m.nouns[sc] = append(m.nouns[sc], i)
	}
}

// oneRoot reports whether the indexed mentions with noun or an ordinal
// all belong to one entity, and which. The answer is kept per noun with a
// witness: unions only ever join entities, so one entity stays one, and
// two mentions found apart are checked again before scanning anew.
func (r *resolver) oneRoot(m *modifierIndex, noun string) (int, bool) {
	w, ok := m.witness[noun]
	switch {
	case ok && w[1] < 0:
		return r.find(w[0]), true
	case ok && r.find(w[0]) != r.find(w[1]):
		return -1, false
	}
	first := -1
	for _, j := range mergeSorted(m.nouns[noun], m.nouns[ordinalScope]) {
		if first < 0 {
			first = j
		} else if r.find(j) != r.find(first) {
			m.witness[noun] = [2]int{first, j}
			return -1, false
		}
	}
	if first < 0 {
		return -1, false
	}
	m.witness[noun] = [2]int{first, -1}
	return r.find(first), true
}

// sharingModifier returns, in order, the mentions j of scope with which c
// shares a modifier (sharesModifier(j, c)). When the vocabulary has no
// "separate" groups, only the first mention of each key is returned: the
// mentions of one key were joined when indexed, so a union with the first
// is a union with all, and the first is the earliest.
func (r *resolver) sharingModifier(m *modifierIndex, c *cand, scope string) []int {
	ws := modifierWords(c)
	keys := make([]string, 0, len(ws)+1)
	if len(ws) >= 2 {
		keys = append(keys, "full "+strings.Join(ws, " "))
	}
	for _, y := range ws {
		keys = append(keys, "mod "+y)
	}
	var out []int
	for _, k := range keys {
		js := m.first[scope+" "+k]
		if len(js) == 0 {
			continue
		}
		if len(r.v.Separate) == 0 {
			js = js[:1]
		}
		out = mergeSorted(out, js)
	}
	return out
}

// mergeSorted merges two ascending lists of indexes, without duplicates.
func mergeSorted(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || len(a) > 0 && a[0] < b[0]:
			out = append(out, a[0])
			a = a[1:]
		case len(a) == 0 || b[0] < a[0]:
			out = append(out, b[0])
			b = b[1:]
		default:
			out = append(out, a[0])
			a, b = a[1:], b[1:]
		}
	}
	return out
}

func sharesModifier(a, b *cand) bool {
	wa := strings.Fields(strings.ToLower(a.Text))
	wb := strings.Fields(strings.ToLower(b.Text))
	// "the prison escort contract" twice: the same words, whatever they are
	if len(wa) >= 2 && strings.Join(wa, " ") == strings.Join(wb, " ") {
		return true
	}
	for _, x := range wa {
		if genericContractWords[x] || !contractModifiers[x] && !trancheWords[x] {
			continue
		}
		for _, y := range wb {
			if x == y {
				return true
			}
		}
	}
	return false
}

// applyMerges joins the groups the vocabulary's merge key names.
func (r *resolver) applyMerges(idx map[*cand]int) {
	for _, g := range r.v.Merge {
		first := -1
		for i, c := range r.cands {
			if c.Label == "" {
				continue
			}
			for _, f := range g {
				if Normalize(f) == Normalize(c.Text) || Normalize(f) == Normalize(c.name) {
					if first < 0 {
						first = i
					} else {
						r.union(first, i, "merged by configuration")
					}
				}
			}
		}
	}
}

// build turns the groups into entities with canonical names, aliases and
// merges, and checks that no two entities of a label share a name.
func (r *resolver) build(idx map[*cand]int) []Entity {
	groups := map[int][]int{}
	var roots []int
	for i, c := range r.cands {
		if c.Label == "" {
			continue
		}
		root := r.find(i)
		if _, ok := groups[root]; !ok {
			roots = append(roots, root)
		}
		groups[root] = append(groups[root], i)
	}
	// labels within a group: the majority, persons first on a tie
	type ent struct {
		e     Entity
		cands []int
	}
	var ents []*ent
	for _, root := range roots {
		members := groups[root]
		count := map[schema.Label]int{}
		for _, i := range members {
			count[r.cands[i].Label]++
		}
		best := schema.Label("")
		for _, l := range schema.EntityLabels {
			if count[l] > count[best] {
				best = l
			}
		}
		var keep []int
		for _, i := range members {
			if r.cands[i].Label == best {
				keep = append(keep, i)
			} else {
				r.cands[i].Label = ""
			}
		}
		ents = append(ents, &ent{e: Entity{Label: best}, cands: keep})
	}
	// collision: two groups of one label sharing a normalised form are one
	for pass := 0; pass < 2; pass++ {
		seen := map[string]*ent{}
		var out []*ent
		for _, e := range ents {
			var target *ent
			for _, i := range e.cands {
				if r.cands[i].descr || r.cands[i].anaphor != "" {
					continue
				}
				k := string(e.e.Label) + ":" + Normalize(r.formOf(r.cands[i]))
				if t, ok := seen[k]; ok && t != e {
					target = t
					break
				}
			}
			if target != nil {
				for _, i := range e.cands {
					r.why[i] = "same name as another group"
				}
				target.cands = append(target.cands, e.cands...)
				continue
			}
			for _, i := range e.cands {
				if !r.cands[i].descr && r.cands[i].anaphor == "" {
					seen[string(e.e.Label)+":"+Normalize(r.formOf(r.cands[i]))] = e
				}
			}
			out = append(out, e)
		}
		ents = out
	}
	result := make([]Entity, 0, len(ents))
	for _, e := range ents {
		sort.Slice(e.cands, func(a, b int) bool { return candLess(r.cands[e.cands[a]], r.cands[e.cands[b]]) })
		name := r.canonical(e.e.Label, e.cands)
		if name == "" || Normalize(name) == "" {
			for _, i := range e.cands {
				r.cands[i].Label = ""
			}
			continue
		}
		e.e.Name = name
		e.e.ID = Key(e.e.Label, name)
		forms := map[string]bool{}
		docs := map[DocID]bool{}
		for _, i := range e.cands {
			c := r.cands[i]
			cf := []string{r.formOf(c), strings.TrimSpace(c.Text)}
			if c.Label == schema.Report || c.Label == schema.Contract || c.Rule == "org-coordinated-heads" {
				cf = cf[:1]
			}
			if c.descr || c.implied || c.anaphor != "" {
				cf = nil
			}
			for _, f := range cf {
				f = cleanForm(f)
				if f != "" && f != name && Normalize(f) != "" {
					forms[f] = true
				}
			}
			docs[c.Doc] = true
			m := c.Mention
			m.Label = e.e.Label
			e.e.Mentions = append(e.e.Mentions, m)
			if why, ok := r.why[i]; ok {
				e.e.Merges = append(e.e.Merges, Merge{Form: cleanForm(c.Text), Into: name, Reason: why, Doc: c.Doc})
			}
			if c.value > 0 && e.e.Value == 0 {
				e.e.Value, e.e.Currency, e.e.ValueText = c.value, "GBP", c.valueText
			}
		}
		for f := range forms {
			e.e.Aliases = append(e.e.Aliases, f)
		}
		sort.Strings(e.e.Aliases)
		for d := range docs {
			e.e.Docs = append(e.e.Docs, d)
		}
		sort.Slice(e.e.Docs, func(a, b int) bool { return e.e.Docs[a] < e.e.Docs[b] })
		sort.Slice(e.e.Merges, func(a, b int) bool {
			x, y := e.e.Merges[a], e.e.Merges[b]
			if x.Doc != y.Doc {
				return x.Doc < y.Doc
			}
			return x.Form < y.Form
		})
		result = append(result, e.e)
		for _, i := range e.cands {
			r.cands[i].ent = len(result) - 1
		}
	}
	// IDs are unique: two entities with one key are merged into the first
	seenID := map[EntityID]int{}
	var out []Entity
	remap := map[int]int{}
	for i, e := range result {
		if j, ok := seenID[e.ID]; ok {
			out[j].Mentions = append(out[j].Mentions, e.Mentions...)
			out[j].Aliases = mergeStrings(out[j].Aliases, e.Aliases)
			remap[i] = j
			continue
		}
		seenID[e.ID] = len(out)
		remap[i] = len(out)
		out = append(out, e)
	}
	for _, c := range r.cands {
		if c.ent >= 0 && c.Label != "" {
			c.ent = remap[c.ent]
		} else {
			c.ent = -1
		}
	}
	return out
}

func mergeStrings(a, b []string) []string {
	m := map[string]bool{}
	for _, s := range append(a, b...) {
		m[s] = true
	}
	out := make([]string, 0, len(m))
	for s := range m {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func candLess(a, b *cand) bool {
	if a.Doc != b.Doc {
		return a.Doc < b.Doc
	}
	return a.Start < b.Start
}

// formOf is the surface form a mention gives its entity: its name without
// honorific or possessive.
func (r *resolver) formOf(c *cand) string {
	return cleanForm(c.name)
}

func cleanForm(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"the ", "The ", "THE "} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.TrimRight(s, " ,.;:")
	return s
}

// canonical picks the entity's name: the vocabulary's name for a known body
// when the corpus uses it, else the fullest form used.
func (r *resolver) canonical(l schema.Label, members []int) string {
	var forms []string
	body := -1
	for _, i := range members {
		c := r.cands[i]
		forms = append(forms, r.formOf(c))
		if c.body >= 0 {
			body = c.body
		}
	}
	if body >= 0 {
		bn := r.v.Bodies[body].Name
		for _, f := range forms {
			if Normalize(f) == Normalize(bn) {
				return bn
			}
		}
	}
	switch l {
	case schema.Report:
		// a title wins over a description
		for _, i := range members {
			if r.cands[i].title {
				return r.formOf(r.cands[i])
			}
		}
	case schema.Contract:
		best, bestScore := "", -1
		for _, i := range members {
			c := r.cands[i]
			score := 0
			if c.keyOrg != "" && c.value == 0 {
				score += 3
			}
			if c.ordinal != "" {
				score += 2
			}
			if c.value > 0 {
				score++
			}
			if score > bestScore {
				best, bestScore = r.formOf(c), score
			}
		}
		return trimContractName(best)
	case schema.Person:
		best := ""
		for _, i := range members {
			c := r.cands[i]
			if c.surnameOnly || c.givenOnly {
				continue
			}
			f := r.formOf(c)
			if len(strings.Fields(f)) > len(strings.Fields(best)) || len(strings.Fields(f)) == len(strings.Fields(best)) && len(f) > len(best) {
				best = f
			}
		}
		if best != "" {
			return best
		}
		c := r.cands[members[0]]
		return strings.TrimSpace(c.honor + " " + c.name)
	}
	best := ""
	for _, f := range forms {
		if len(f) > len(best) {
			best = f
		}
	}
	return best
}

func trimContractName(s string) string {
	for _, p := range []string{"current ", "existing ", "their ", "its "} {
		if strings.HasPrefix(s, p) && len(strings.Fields(s)) > 2 {
			s = strings.TrimPrefix(s, p)
		}
	}
	return s
}
