package schema

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

//go:embed vocab.yaml
var defaultVocab []byte

//go:embed vocab_givennames.txt
var defaultGivenNames string

// ErrVocabulary is wrapped by every error about a vocabulary file: an unknown
// key, a bad label, a role that names no body.
var ErrVocabulary = errors.New("schema: bad vocabulary")

// Body is a well-known organisation, programme or publication of the domain,
// with its usual other names.
type Body struct {
	Name    string   `yaml:"name"`
	Label   Label    `yaml:"label"`
	Aliases []string `yaml:"aliases"`
	// Party marks a political party: "Jane Doe (Green)" in a list of
	// members makes Jane Doe a person of that party.
	Party bool `yaml:"party"`
}

// Role is a role phrase that implies the body its holder belongs to ("the
// prison and probation minister" is of the Ministry of Justice).
type Role struct {
	Role string `yaml:"role"`
	Body string `yaml:"body"`
}

// Triggers are the words that signal a relation.
type Triggers struct {
	Speech         []string `yaml:"speech"`
	CriticismVerbs []string `yaml:"criticism_verbs"`
	CriticismWords []string `yaml:"criticism_words"`
	Authored       []string `yaml:"authored"`
	AwardBuyer     []string `yaml:"award_buyer"`
	AwardSupplier  []string `yaml:"award_supplier"`
}

// Vocabulary is the domain vocabulary the extractor reads: titles, given
// names, organisation head words, well-known bodies, role words and trigger
// words. It holds words, never the facts of a corpus. Load it with
// LoadVocabulary; its phrases are matched in one pass over a text's words
// through a trie built at load time (see Matches).
type Vocabulary struct {
	Honorifics  []string            `yaml:"honorifics"`
	Nicknames   map[string][]string `yaml:"nicknames"`
	GivenNames  []string            `yaml:"given_names"`
	OrgHeads    []string            `yaml:"org_heads"`
	OrgPrefixes []string            `yaml:"org_prefixes"`
	OrgNouns    []string            `yaml:"org_nouns"`
	PolicyHeads []string            `yaml:"policy_heads"`
	ReportNouns []string            `yaml:"report_nouns"`
	// ReportHeads end the name of a publication or inquiry ("the Ferry
	// Review", "the Leveson Inquiry").
	ReportHeads   []string `yaml:"report_heads"`
	Bodies        []Body   `yaml:"bodies"`
	Roles         []Role   `yaml:"roles"`
	RoleWords     []string `yaml:"role_words"`
	Triggers      Triggers `yaml:"triggers"`
	Places        []string `yaml:"places"`
	FunctionWords []string `yaml:"function_words"`
	NotNames      []string `yaml:"not_names"`
	AcronymStop   []string `yaml:"acronym_stop"`
	// NotEntities are capitalised phrases that name no entity ("Judicial
	// Review", "Prime Minister").
	NotEntities []string `yaml:"not_entities"`
	// Merge lists groups of surface forms that name one entity whatever the
	// rules say; Separate lists groups that must never be merged.
	Merge    [][]string `yaml:"merge"`
	Separate [][]string `yaml:"separate"`

	words map[WordKind]map[string]bool
	trie  *trieNode
}

// WordKind names a single-word list of the vocabulary.
type WordKind int

// The single-word lists, for Vocabulary.Is.
const (
	Honorific WordKind = iota
	GivenName
	OrgHead
	OrgPrefix
	OrgNoun
	PolicyHead
	ReportNoun
	ReportHead
	FunctionWord
	NotName
	AcronymStop
	Nickname
	numWordKinds
)

// PhraseKind names a phrase list of the vocabulary, for Vocabulary.Matches.
type PhraseKind int

// The phrase lists. Index in a Match points into the list the kind names.
const (
	PhraseBody          PhraseKind = iota // Bodies (name or alias)
	PhraseRole                            // Roles
	PhraseRoleWord                        // RoleWords
	PhraseHonorific                       // Honorifics
	PhraseSpeech                          // Triggers.Speech
	PhraseCriticismVerb                   // Triggers.CriticismVerbs
	PhraseCriticismWord                   // Triggers.CriticismWords
	PhraseAuthored                        // Triggers.Authored
	PhraseAwardBuyer                      // Triggers.AwardBuyer
	PhraseAwardSupplier                   // Triggers.AwardSupplier
	PhrasePlace                           // Places
	PhraseOrgNoun                         // OrgNouns
	PhraseReportNoun                      // ReportNouns
	PhraseNotEntity                       // NotEntities
	numPhraseKinds
)

// Match is one vocabulary phrase found at a position in a list of words.
type Match struct {
	Kind PhraseKind
	// Index is the entry's index in the list Kind names.
	Index int
	// Len is the number of words matched.
	Len int
}

// LoadVocabulary returns the default vocabulary extended by the override
// files, in order. An override file uses the keys of vocab.yaml; lists are
// appended to, and three more keys are allowed: remove (a map from a list
// key, or "triggers.<name>", to the entries to drop; bodies and roles are
// dropped by name), merge and separate (lists of groups of surface forms).
// An unknown key is an error that gives file:line.
func LoadVocabulary(overrides ...string) (*Vocabulary, error) {
	v := &Vocabulary{}
	if err := v.apply("vocab.yaml", defaultVocab, false); err != nil {
		return nil, err
	}
	for _, line := range strings.Split(defaultGivenNames, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			v.GivenNames = append(v.GivenNames, line)
		}
	}
	for _, path := range overrides {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("load vocabulary: %w", err)
		}
		if err := v.apply(path, data, true); err != nil {
			return nil, err
		}
	}
	if err := v.build(); err != nil {
		return nil, err
	}
	return v, nil
}

// MustLoadDefault returns the default vocabulary. It panics if the embedded
// file is broken, which is a programmer error caught by the tests.
func MustLoadDefault() *Vocabulary {
	v, err := LoadVocabulary()
	if err != nil {
		panic(err)
	}
	return v
}

var (
	listKeys = map[string]bool{
		"honorifics": true, "given_names": true, "org_heads": true, "org_prefixes": true,
		"org_nouns": true, "policy_heads": true, "report_nouns": true, "role_words": true,
		"places": true, "function_words": true, "not_names": true, "acronym_stop": true,
		"not_entities": true, "report_heads": true,
	}
	triggerKeys = map[string]bool{
		"speech": true, "criticism_verbs": true, "criticism_words": true,
		"authored": true, "award_buyer": true, "award_supplier": true,
	}
	bodyKeys = map[string]bool{"name": true, "label": true, "aliases": true, "party": true}
	roleKeys = map[string]bool{"role": true, "body": true}
)

func vocabErr(file string, n *yaml.Node, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %w: %s", file, n.Line, ErrVocabulary, fmt.Sprintf(format, args...))
}

// apply checks the keys of one file and merges it into v.
func (v *Vocabulary) apply(file string, data []byte, override bool) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %w: %v", file, ErrVocabulary, err)
	}
	if len(doc.Content) == 0 {
		return nil // an empty file changes nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return vocabErr(file, root, "want a mapping at the top")
	}
	var remove *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, val := root.Content[i], root.Content[i+1]
		switch key := k.Value; {
		case listKeys[key] || key == "merge" || key == "separate" || key == "nicknames":
		case key == "triggers":
			if err := checkMap(file, val, triggerKeys); err != nil {
				return err
			}
		case key == "bodies" || key == "roles":
			allowed := bodyKeys
			if key == "roles" {
				allowed = roleKeys
			}
			if val.Kind != yaml.SequenceNode {
				return vocabErr(file, val, "%s: want a list", key)
			}
			for _, item := range val.Content {
				if err := checkMap(file, item, allowed); err != nil {
					return err
				}
			}
		case key == "remove" && override:
			remove = val
			for j := 0; j+1 < len(val.Content); j += 2 {
				rk := val.Content[j].Value
				t, isTrigger := strings.CutPrefix(rk, "triggers.")
				if !listKeys[rk] && rk != "bodies" && rk != "roles" && rk != "nicknames" && !(isTrigger && triggerKeys[t]) {
					return vocabErr(file, val.Content[j], "remove: unknown key %q", rk)
				}
			}
		default:
			return vocabErr(file, k, "unknown key %q", key)
		}
	}
	var add Vocabulary
	if err := root.Decode(&add); err != nil {
		return fmt.Errorf("%s: %w: %v", file, ErrVocabulary, err)
	}
	for i, b := range add.Bodies {
		if _, err := ParseLabel(string(b.Label)); err != nil || b.Name == "" {
			return vocabErr(file, bodyNode(root, "bodies", i), "body %q: bad name or label %q", b.Name, b.Label)
		}
	}
	v.merge(&add)
	if remove != nil {
		var rm map[string][]string
		if err := remove.Decode(&rm); err != nil {
			return fmt.Errorf("%s: %w: remove: %v", file, ErrVocabulary, err)
		}
		v.remove(rm)
	}
	return nil
}

func bodyNode(root *yaml.Node, key string, i int) *yaml.Node {
	for j := 0; j+1 < len(root.Content); j += 2 {
		if root.Content[j].Value == key && i < len(root.Content[j+1].Content) {
			return root.Content[j+1].Content[i]
		}
	}
	return root
}

func checkMap(file string, n *yaml.Node, allowed map[string]bool) error {
	if n.Kind != yaml.MappingNode {
		return vocabErr(file, n, "want a mapping")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if !allowed[n.Content[i].Value] {
			return vocabErr(file, n.Content[i], "unknown key %q", n.Content[i].Value)
		}
	}
	return nil
}

func (v *Vocabulary) merge(a *Vocabulary) {
	v.Honorifics = append(v.Honorifics, a.Honorifics...)
	v.GivenNames = append(v.GivenNames, a.GivenNames...)
	v.OrgHeads = append(v.OrgHeads, a.OrgHeads...)
	v.OrgPrefixes = append(v.OrgPrefixes, a.OrgPrefixes...)
	v.OrgNouns = append(v.OrgNouns, a.OrgNouns...)
	v.PolicyHeads = append(v.PolicyHeads, a.PolicyHeads...)
	v.ReportNouns = append(v.ReportNouns, a.ReportNouns...)
	v.ReportHeads = append(v.ReportHeads, a.ReportHeads...)
	v.Bodies = append(v.Bodies, a.Bodies...)
	v.Roles = append(v.Roles, a.Roles...)
	v.RoleWords = append(v.RoleWords, a.RoleWords...)
	v.Places = append(v.Places, a.Places...)
	v.FunctionWords = append(v.FunctionWords, a.FunctionWords...)
	v.NotNames = append(v.NotNames, a.NotNames...)
	v.AcronymStop = append(v.AcronymStop, a.AcronymStop...)
	v.NotEntities = append(v.NotEntities, a.NotEntities...)
	v.Merge = append(v.Merge, a.Merge...)
	v.Separate = append(v.Separate, a.Separate...)
	t, u := &v.Triggers, &a.Triggers
	t.Speech = append(t.Speech, u.Speech...)
	t.CriticismVerbs = append(t.CriticismVerbs, u.CriticismVerbs...)
	t.CriticismWords = append(t.CriticismWords, u.CriticismWords...)
	t.Authored = append(t.Authored, u.Authored...)
	t.AwardBuyer = append(t.AwardBuyer, u.AwardBuyer...)
	t.AwardSupplier = append(t.AwardSupplier, u.AwardSupplier...)
	if len(a.Nicknames) > 0 && v.Nicknames == nil {
		v.Nicknames = map[string][]string{}
	}
	for k, fs := range a.Nicknames {
		v.Nicknames[k] = append(v.Nicknames[k], fs...)
	}
}

func dropAll(list []string, drop map[string]bool) []string {
	out := list[:0]
	for _, s := range list {
		if !drop[s] {
			out = append(out, s)
		}
	}
	return out
}

func (v *Vocabulary) remove(rm map[string][]string) {
	for key, entries := range rm {
		drop := map[string]bool{}
		for _, e := range entries {
			drop[e] = true
		}
		switch key {
		case "bodies":
			out := v.Bodies[:0]
			for _, b := range v.Bodies {
				if !drop[b.Name] {
					out = append(out, b)
				}
			}
			v.Bodies = out
		case "roles":
			out := v.Roles[:0]
			for _, r := range v.Roles {
				if !drop[r.Role] {
					out = append(out, r)
				}
			}
			v.Roles = out
		case "nicknames":
			for e := range drop {
				delete(v.Nicknames, e)
			}
		default:
			if l := v.list(key); l != nil {
				*l = dropAll(*l, drop)
			}
		}
	}
}

func (v *Vocabulary) list(key string) *[]string {
	switch key {
	case "honorifics":
		return &v.Honorifics
	case "given_names":
		return &v.GivenNames
	case "org_heads":
		return &v.OrgHeads
	case "org_prefixes":
		return &v.OrgPrefixes
	case "org_nouns":
		return &v.OrgNouns
	case "policy_heads":
		return &v.PolicyHeads
	case "report_nouns":
		return &v.ReportNouns
	case "report_heads":
		return &v.ReportHeads
	case "role_words":
		return &v.RoleWords
	case "places":
		return &v.Places
	case "function_words":
		return &v.FunctionWords
	case "not_names":
		return &v.NotNames
	case "acronym_stop":
		return &v.AcronymStop
	case "not_entities":
		return &v.NotEntities
	case "triggers.speech":
		return &v.Triggers.Speech
	case "triggers.criticism_verbs":
		return &v.Triggers.CriticismVerbs
	case "triggers.criticism_words":
		return &v.Triggers.CriticismWords
	case "triggers.authored":
		return &v.Triggers.Authored
	case "triggers.award_buyer":
		return &v.Triggers.AwardBuyer
	case "triggers.award_supplier":
		return &v.Triggers.AwardSupplier
	}
	return nil
}

// build checks cross-references and builds the word sets and the trie.
func (v *Vocabulary) build() error {
	names := map[string]bool{}
	for _, b := range v.Bodies {
		names[b.Name] = true
	}
	for _, r := range v.Roles {
		if !names[r.Body] {
			return fmt.Errorf("%w: role %q names no body %q", ErrVocabulary, r.Role, r.Body)
		}
	}
	v.words = make(map[WordKind]map[string]bool, numWordKinds)
	set := func(k WordKind, l []string) {
		m := make(map[string]bool, len(l))
		for _, s := range l {
			m[s] = true
		}
		v.words[k] = m
	}
	set(Honorific, v.Honorifics)
	set(GivenName, v.GivenNames)
	set(OrgHead, v.OrgHeads)
	set(OrgPrefix, v.OrgPrefixes)
	set(OrgNoun, v.OrgNouns)
	set(PolicyHead, v.PolicyHeads)
	set(ReportNoun, v.ReportNouns)
	set(ReportHead, v.ReportHeads)
	set(FunctionWord, v.FunctionWords)
	set(NotName, v.NotNames)
	set(AcronymStop, v.AcronymStop)
	nick := make([]string, 0, len(v.Nicknames))
	for k := range v.Nicknames {
		nick = append(nick, k)
	}
	set(Nickname, nick)

	v.trie = &trieNode{}
	for i, b := range v.Bodies {
		v.trie.add(b.Name, Match{Kind: PhraseBody, Index: i})
		for _, a := range b.Aliases {
			v.trie.add(a, Match{Kind: PhraseBody, Index: i})
		}
	}
	for i, r := range v.Roles {
		v.trie.add(r.Role, Match{Kind: PhraseRole, Index: i})
	}
	lists := []struct {
		k PhraseKind
		l []string
	}{
		{PhraseRoleWord, v.RoleWords}, {PhraseHonorific, v.Honorifics},
		{PhraseSpeech, v.Triggers.Speech}, {PhraseCriticismVerb, v.Triggers.CriticismVerbs},
		{PhraseCriticismWord, v.Triggers.CriticismWords}, {PhraseAuthored, v.Triggers.Authored},
		{PhraseAwardBuyer, v.Triggers.AwardBuyer}, {PhraseAwardSupplier, v.Triggers.AwardSupplier},
		{PhrasePlace, v.Places}, {PhraseOrgNoun, v.OrgNouns}, {PhraseReportNoun, v.ReportNouns},
		{PhraseNotEntity, v.NotEntities},
	}
	for _, l := range lists {
		for i, p := range l.l {
			v.trie.add(p, Match{Kind: l.k, Index: i})
		}
	}
	return nil
}

// Is reports whether word is in the single-word list k. Function words,
// given names, honorifics and head words compare exactly; report and
// organisation nouns compare case-folded.
func (v *Vocabulary) Is(k WordKind, word string) bool {
	m := v.words[k]
	if m[word] {
		return true
	}
	switch k {
	case ReportNoun, OrgNoun:
		return m[strings.ToLower(word)]
	case OrgHead, PolicyHead, GivenName, Honorific, NotName, FunctionWord:
		// "MANCHESTER", "TRUST": an all-capital word stands for its title case.
		if len(word) > 1 && isUpperWord(word) {
			return m[titleCase(word)]
		}
	}
	return false
}

// BodyIndex returns the index in Bodies of the body named name, or -1.
func (v *Vocabulary) BodyIndex(name string) int {
	for i, b := range v.Bodies {
		if b.Name == name {
			return i
		}
	}
	return -1
}

// Matches appends to dst every vocabulary phrase that starts at words[i],
// longest first. words are the words of a text as ScanWords cuts them. A
// phrase word written in lower case matches any case; a word with a capital
// must match exactly, or as all capitals ("UNISON" for "Unison").
func (v *Vocabulary) Matches(words []string, i int, dst []Match) []Match {
	start := len(dst)
	n := v.trie
	for j := i; j < len(words) && n != nil; j++ {
		n = n.kids[foldWord(words[j])]
		if n == nil {
			break
		}
		for _, e := range n.ends {
			if e.fits(words[i : j+1]) {
				m := e.m
				m.Len = j + 1 - i
				dst = append(dst, m)
			}
		}
	}
	// longest first
	for a, b := start, len(dst)-1; a < b; a, b = a+1, b-1 {
		dst[a], dst[b] = dst[b], dst[a]
	}
	return dst
}

type trieEnd struct {
	m     Match
	words []string
}

func (e trieEnd) fits(words []string) bool {
	for k, w := range e.words {
		if !wordFits(w, words[k]) {
			return false
		}
	}
	return true
}

func wordFits(pattern, w string) bool {
	if pattern == w || isLowerWord(pattern) {
		return true
	}
	return len(w) > 1 && isUpperWord(w) && strings.EqualFold(pattern, w)
}

type trieNode struct {
	kids map[string]*trieNode
	ends []trieEnd
}

func (t *trieNode) add(phrase string, m Match) {
	var words []string
	for _, s := range ScanWords(phrase) {
		words = append(words, phrase[s[0]:s[1]])
	}
	if len(words) == 0 {
		return
	}
	n := t
	for _, w := range words {
		if n.kids == nil {
			n.kids = map[string]*trieNode{}
		}
		k := foldWord(w)
		c := n.kids[k]
		if c == nil {
			c = &trieNode{}
			n.kids[k] = c
		}
		n = c
	}
	for _, e := range n.ends {
		if e.m.Kind == m.Kind && e.m.Index == m.Index && strings.Join(e.words, " ") == strings.Join(words, " ") {
			return
		}
	}
	n.ends = append(n.ends, trieEnd{m: m, words: words})
	sort.SliceStable(n.ends, func(a, b int) bool { return n.ends[a].m.Kind < n.ends[b].m.Kind })
}

func foldWord(w string) string {
	w = strings.ReplaceAll(w, "’", "'")
	return strings.ToLower(w)
}

func isLowerWord(w string) bool {
	for _, r := range w {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func isUpperWord(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

func titleCase(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + strings.ToLower(w[n:])
}

// ScanWords cuts s into words and returns their byte ranges [start, end).
// A word is a run of letters and digits, joined across ' ’ . & when a letter
// or digit follows ("O'Brien", "Civicnews.org", "A&E", "2.4bn"), with a
// leading @ kept ("@NicolaCarr"). A possessive "'s" is not part of the word
// ("Blackmore's" gives "Blackmore"); hyphens and dashes separate words. Both the
// vocabulary and the extractor cut text with it, so their words agree.
func ScanWords(s string) [][2]int {
	var out [][2]int
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		start, j := i, i
		switch {
		case r == '@' && i+n < len(s) && isWordRune(firstRune(s[i+n:])):
			j = i + n
		case !isWordRune(r):
			i += n
			continue
		}
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if isWordRune(r) {
				j += n
				continue
			}
			if r == '\'' || r == '’' || r == '.' || r == '&' {
				k := j + n
				if k < len(s) {
					r2, n2 := utf8.DecodeRuneInString(s[k:])
					if isWordRune(r2) {
						if (r == '\'' || r == '’') && (r2 == 's' || r2 == 'S') {
							// possessive: stop unless more letters follow ("O'Shea")
							if k+n2 >= len(s) || !isWordRune(firstRune(s[k+n2:])) {
								break
							}
						}
						j = k
						continue
					}
				}
			}
			break
		}
		out = append(out, [2]int{start, j})
		i = j
		if r, n := utf8.DecodeRuneInString(s[j:]); (r == '\'' || r == '’') && j+n < len(s) && (s[j+n] == 's' || s[j+n] == 'S') {
			if j+n+1 >= len(s) || !isWordRune(firstRune(s[j+n+1:])) {
				i = j + n + 1 // skip the possessive 's
			}
		}
	}
	return out
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
