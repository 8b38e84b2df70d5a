package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kgtool/kg/schema"
)

// token is one word of a sentence, with the facts about its shape that the
// rules ask for again and again.
type token struct {
	Span
	text  string
	low   string // text in lower case
	cap   bool   // begins with a capital letter
	upper bool   // all capitals, two letters or more ("NAPO", "CRCs" is not)
	acr   bool   // an acronym: two capitals or more ("MoJ", "CRCs", "TtG")
	num   bool   // begins with a digit
	lower bool   // all lower case
	poss  bool   // followed by a possessive 's or ’
	// gap is the text between the previous token and this one.
	gap string
}

// sent is a sentence with its tokens and the candidate mentions in it.
type sent struct {
	Sentence
	doc     *Document
	toks    []token
	words   []string
	matches [][]schema.Match
	cands   []*cand
	claimed []bool
	heading bool // a line of its own without final punctuation
	// line is the offset of the start of the line the sentence starts on:
	// computed once per document, as finding it from each sentence would
	// cost the whole text for a text without line breaks.
	line int
	// authorHints are tokens naming the author of a publication that is
	// not an entity itself ("the article from Jane Ashdown").
	authorHints []int
}

// cand is a mention with what the later stages need to know about it.
type cand struct {
	Mention
	// t0, t1 are the token range [t0, t1) in the sentence.
	t0, t1 int
	// name is the form used to resolve and name the entity: the surface
	// without honorific, possessive or leading "the".
	name string
	body int // index into Vocabulary.Bodies, or -1
	// person name parts
	honor, given, surname  string
	givenOnly, surnameOnly bool
	// acronym is set for a bare acronym; expands names its definition.
	acronym bool
	expands string
	// unknown is set for a capitalised word whose label is decided by
	// context in resolution.
	unknown bool
	orgCue  bool // the context says this is an organisation
	// weak marks a descriptive report or contract phrase ("the report",
	// "the new contracts") that stands only if it resolves to a strong one.
	weak bool
	// det is the determiner before a descriptive phrase ("the", "this", "her").
	det string
	// report and contract details
	title     bool
	authorTok int // token index of a "by X" author, or -1
	keyOrg    string
	ordinal   string
	value     float64
	valueText string
	rolePre   string // a role written before a person's name
	// shaped marks an unknown run written like a person's name (two to four
	// capitalised words, no head word, place or month): resolution makes it
	// a person when the corpus treats it as one.
	shaped bool
	// itsReport marks "its report, dated …": its author is the body the
	// text was last reporting on.
	itsReport bool
	// anaphor is a head word ("Centre", "watchdog") that names an
	// organisation the document names in full elsewhere.
	anaphor string
	// keyCand is the name a contract phrase is keyed on ("CRC contracts").
	keyCand *cand
	// descr marks a description that names nothing on its own ("the
	// report", "the new contracts"): it joins an entity but gives it no alias.
	descr bool
	noun  string
	// implied marks a body implied by a role ("chief inspector of probation").
	implied bool
	ent     int // index of the resolved entity, or -1
	si      int // index of the sentence in the document
}

func (c *cand) isPerson() bool { return c.Label == schema.Person }

// tokenize cuts a sentence into tokens with schema.ScanWords, so that the
// words agree with the vocabulary's.
func tokenize(text string, sp Span) []token {
	s := text[sp.Start:sp.End]
	ws := schema.ScanWords(s)
	toks := make([]token, 0, len(ws))
	prev := 0
	for _, w := range ws {
		t := token{Span: Span{sp.Start + w[0], sp.Start + w[1]}, text: s[w[0]:w[1]], gap: s[prev:w[0]]}
		prev = w[1]
		r, _ := utf8.DecodeRuneInString(t.text)
		if r == '@' {
			r, _ = utf8.DecodeRuneInString(t.text[1:])
		}
		t.cap = unicode.IsUpper(r)
		t.num = unicode.IsDigit(r)
		caps, lowers := 0, 0
		for _, r := range t.text {
			if unicode.IsUpper(r) {
				caps++
			} else if unicode.IsLower(r) {
				lowers++
			}
		}
		t.upper = caps >= 2 && lowers == 0
		t.acr = caps >= 2 && t.cap && (lowers == 0 || caps*2 >= len(t.text)-1 || strings.HasSuffix(t.text, "s") && caps >= len(t.text)-1)
		t.lower = caps == 0
		t.low = t.text
		if !t.lower {
			t.low = strings.ToLower(t.text)
		}
		rest := s[w[1]:]
		if strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") || strings.HasPrefix(rest, "’ ") || strings.HasPrefix(rest, "' ") && strings.HasSuffix(t.text, "s") {
			t.poss = true
		}
		toks = append(toks, t)
	}
	return toks
}

// tight reports whether tokens i-1 and i are joined by nothing but spaces
// (or a hyphen), so that they can belong to one name.
func (s *sent) tight(i int) bool {
	if i <= 0 || i >= len(s.toks) || s.toks[i-1].poss {
		return false
	}
	g := s.toks[i].gap
	if g == "" {
		return true
	}
	if strings.ContainsAny(g, "\n") {
		return false
	}
	for _, r := range g {
		if r != ' ' && r != '-' && r != '\u00a0' && r != '\t' {
			return false
		}
	}
	return true
}

func (s *sent) gapIs(i int, want string) bool {
	return i > 0 && i < len(s.toks) && strings.TrimSpace(s.toks[i].gap) == want
}

func (s *sent) has(i int, k schema.PhraseKind) (schema.Match, bool) {
	if i < 0 || i >= len(s.toks) {
		return schema.Match{}, false
	}
	for _, m := range s.matches[i] {
		if m.Kind == k {
			return m, true
		}
	}
	return schema.Match{}, false
}

func (s *sent) lowerAt(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].low
}

// postNominals are letters written after (or, for MP, before) a person's
// name that are no part of it.
var postNominals = map[string]bool{
	"MP": true, "MPs": true, "QC": true, "KC": true, "OBE": true, "MBE": true, "CBE": true,
	"MSP": true, "MEP": true, "AM": true, "MS": true, "JP": true, "PhD": true,
}

var nameConnectors = map[string]bool{"of": true, "for": true, "and": true, "on": true, "upon": true, "by": true, "the": true, "in": true, "de": true, "van": true, "von": true, "du": true}

// mentionFinder holds what FindMentions needs across a corpus.
type mentionFinder struct {
	v *schema.Vocabulary
	// lowerSeen holds words seen in lower case in the corpus: a capitalised
	// word that opens a sentence and is seen in lower case elsewhere is a
	// common word, not a name.
	lowerSeen map[string]bool
}

func (mf *mentionFinder) funcWord(t token) bool {
	return mf.v.Is(schema.FunctionWord, t.text)
}

// find fills s.cands with the mentions of one sentence.
func (mf *mentionFinder) find(s *sent) {
	v := mf.v
	n := len(s.toks)
	s.claimed = make([]bool, n)
	s.matches = make([][]schema.Match, n)
	for i := range s.toks {
		s.matches[i] = v.Matches(s.words, i, nil)
	}
	mf.findBodies(s)
	for i := range s.toks {
		if m, ok := s.has(i, schema.PhraseNotEntity); ok && !s.claimed[i] && !(s.tight(i) && s.toks[i-1].cap && !mf.funcWord(s.toks[i-1])) {
			for k := i; k < i+m.Len; k++ {
				s.claimed[k] = true
			}
		}
	}
	mf.findTitles(s)
	mf.findAcronymDefs(s)
	mf.findRuns(s)
	mf.findRoleBodies(s)
	mf.findReports(s)
	mf.findContracts(s)
}

func (s *sent) add(c *cand) {
	c.Doc = s.doc.ID
	c.Sentence = s.Index
	c.Span = Span{s.toks[c.t0].Start, s.toks[c.t1-1].End}
	c.Text = s.doc.Text[c.Start:c.End]
	if c.name == "" {
		c.name = c.Text
	}
	c.ent = -1
	c.si = s.Index
	for i := c.t0; i < c.t1; i++ {
		s.claimed[i] = true
	}
	s.cands = append(s.cands, c)
}

func newCand(label schema.Label, rule string, t0, t1 int) *cand {
	return &cand{Mention: Mention{Label: label, Rule: rule}, t0: t0, t1: t1, body: -1, authorTok: -1}
}

// findBodies marks the well-known bodies of the vocabulary.
func (mf *mentionFinder) findBodies(s *sent) {
	for i := 0; i < len(s.toks); i++ {
		m, ok := s.has(i, schema.PhraseBody)
		if !ok {
			continue
		}
		// Inside a longer name ("Harwick Probation Service"): leave it to
		// the name rules.
		if s.tight(i) && s.toks[i-1].cap && !mf.funcWord(s.toks[i-1]) && !s.toks[i].lower && !mf.v.Is(schema.Honorific, s.toks[i-1].text) {
			continue
		}
		end := i + m.Len
		if end < len(s.toks) && s.tight(end) && mf.v.Is(schema.OrgHead, s.toks[end].text) && !s.toks[end].lower {
			continue // "Probation Quarterly" is not "Probation"
		}
		b := mf.v.Bodies[m.Index]
		c := newCand(b.Label, "vocab-body", i, end)
		c.body = m.Index
		s.add(c)
		i = end - 1
	}
}

func isPlace(s *sent, i int) bool {
	_, ok := s.has(i, schema.PhrasePlace)
	return ok
}

// findAcronymDefs finds "Full Name (ACR)" and "ACR - Full Name".
func (mf *mentionFinder) findAcronymDefs(s *sent) {
	for i, t := range s.toks {
		if !t.acr || s.claimed[i] || mf.v.Is(schema.AcronymStop, t.text) {
			continue
		}
		// Full Name (ACR)
		if strings.HasSuffix(strings.TrimSpace(t.gap), "(") && i+1 <= len(s.toks) && (i+1 == len(s.toks) || strings.HasPrefix(strings.TrimSpace(s.toks[i+1].gap), ")")) {
			if k := acronymStart(s, i, i); k >= 0 {
				mf.addDef(s, k, i, i)
			}
			continue
		}
		// ACR - Full Name
		if i+1 < len(s.toks) && (strings.TrimSpace(s.toks[i+1].gap) == "-" || strings.TrimSpace(s.toks[i+1].gap) == "–" || strings.TrimSpace(s.toks[i+1].gap) == "=") {
			letters := acronymLetters(t.text)
			for end := i + 2; end <= len(s.toks) && end <= i+1+len(letters)+3; end++ {
				if initialsMatch(letters, s.toks[i+1:end]) && s.toks[end-1].cap {
					mf.addDef(s, i+1, end, i)
					break
				}
			}
		}
	}
}

func (mf *mentionFinder) addDef(s *sent, a, b, acr int) {
	for k := a; k < b; k++ {
		if s.claimed[k] {
			return
		}
	}
	label := schema.Organisation
	last := s.toks[b-1].text
	if mf.v.Is(schema.PolicyHead, last) {
		label = schema.Policy
	}
	// "Safety and Conduct (S&C) reviews": the expansion names a kind of thing
	nextNoun := ""
	if acr >= b && acr+1 < len(s.toks) && s.toks[acr+1].lower {
		nextNoun = s.toks[acr+1].text
	} else if acr < a && b < len(s.toks) && s.toks[b].lower {
		nextNoun = s.toks[b].text
	}
	switch strings.TrimSuffix(nextNoun, "s") {
	case "scheme", "programme", "inspection", "initiative", "regime", "requirement", "order", "strategy", "policy":
		label = schema.Policy
	}
	exp := s.doc.Text[s.toks[a].Start:s.toks[b-1].End]
	c := newCand(label, "acronym-definition", a, b)
	c.expands = s.toks[acr].text
	s.add(c)
	if label == schema.Policy && nextNoun != "" {
		// "Safety and Conduct (S&C) inspections" names the inspections
		c.name = exp + " " + nextNoun
	}
	ac := newCand(label, "acronym-definition", acr, acr+1)
	ac.acronym = true
	ac.expands = exp
	s.add(ac)
}

func acronymLetters(a string) string {
	var b strings.Builder
	for _, r := range a {
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	s := b.String()
	// a plural acronym: "CRCs"
	if strings.HasSuffix(a, "s") && len(s) > 2 {
		s = s[:len(s)-1]
	}
	return s
}

// acronymStart returns the first token of the expansion ending just before
// the "(" at token i, or -1.
func acronymStart(s *sent, i, acr int) int {
	letters := acronymLetters(s.toks[acr].text)
	if len(letters) < 2 {
		return -1
	}
	for k := i - 1; k >= 0 && k >= i-len(letters)-4; k-- {
		if k < i-1 && !s.tight(k+1) {
			break
		}
		if !s.toks[k].cap {
			continue
		}
		if initialsMatch(letters, s.toks[k:i]) {
			return k
		}
	}
	return -1
}

// initialsMatch reports whether the words spell the letters by their
// initials; small words may be skipped or may count ("Payment by Results",
// "PbR").
func initialsMatch(letters string, toks []token) bool {
	if len(toks) == 0 {
		return letters == ""
	}
	t := toks[0]
	first := strings.ToLower(t.text[:1])
	small := nameConnectors[strings.ToLower(t.text)] || t.text == "&"
	if small && initialsMatch(letters, toks[1:]) {
		return true
	}
	if letters == "" || first != letters[:1] {
		return false
	}
	// "A&E", "S&C": a word with & gives each part's initial
	if strings.Contains(t.text, "&") {
		parts := strings.Split(strings.ToLower(t.text), "&")
		need := ""
		for _, p := range parts {
			if p != "" {
				need += p[:1]
			}
		}
		return strings.HasPrefix(letters, need) && initialsMatch(letters[len(need):], toks[1:])
	}
	return initialsMatch(letters[1:], toks[1:])
}

var policyVariant = regexp.MustCompile(`^([A-Z][A-Za-z]*[A-Z])(\d)$`)

// findRuns finds names written as runs of capitalised words.
func (mf *mentionFinder) findRuns(s *sent) {
	n := len(s.toks)
	for i := 0; i < n; i++ {
		if s.claimed[i] || !s.toks[i].cap || s.toks[i].num {
			continue
		}
		// honorifics may start with a function word ("The Rev")
		honorEnd := i
		if m, ok := s.has(i, schema.PhraseHonorific); ok {
			honorEnd = i + m.Len
		}
		if honorEnd == i && mf.funcWord(s.toks[i]) && !mf.numberName(s, i) {
			continue
		}
		// "MP for Harwick North": a constituency, a place
		if i >= 2 && s.lowerAt(i-1) == "for" && (s.toks[i-2].text == "MP" || s.lowerAt(i-2) == "member") {
			for i+1 < n && s.tight(i+1) && s.toks[i+1].cap {
				i++
			}
			continue
		}
		j := honorEnd
		if j == i {
			j = i + 1
		}
		for j < n && !s.claimed[j] && (s.tight(j) || mf.pluralPossHead(s, j)) {
			t := s.toks[j]
			if t.cap && mf.v.Is(schema.GivenName, t.text) && mf.v.Is(schema.OrgHead, s.toks[j-1].text) && j-i == 1 {
				break // "the Trust Helen joined"
			}
			if (t.cap && !mf.funcWord(t)) || (t.num && len(t.text) <= 4 && j > i) {
				j++
				continue
			}
			// "Anna de Vries", "Omar bin Said": a particle inside a name
			if t.lower && nameParticles[t.text] && j > i && j-honorEnd <= 2 && !mf.v.Is(schema.OrgHead, s.toks[j-1].text) {
				e := j + 1 // "van der Berg": particles may follow one another
				for e < n && e < j+3 && s.tight(e) && s.toks[e].lower && nameParticles[s.toks[e].text] {
					e++
				}
				if e < n && s.tight(e) && s.toks[e].cap && !mf.funcWord(s.toks[e]) && !mf.v.Is(schema.OrgHead, s.toks[e].text) && !s.claimed[e] {
					j = e + 1
					continue
				}
			}
			// connectors: only inside an organisation's name
			conn := t.lower && nameConnectors[t.text]
			amp := strings.TrimSpace(t.gap) == "&"
			if amp && t.cap && !mf.funcWord(t) {
				conn = true
			}
			if !conn || !mf.joinAcross(s, i, j, amp) {
				break
			}
			if amp {
				j++ // the & is in the gap; t is the next name word
				continue
			}
			j++
		}
		if j < n && strings.TrimSpace(s.toks[j].gap) == "&" && !s.claimed[j] && s.toks[j].cap && mf.joinAcross(s, i, j, true) {
			// handled in the loop
		}
		// trailing connectors never end a name
		for j > i+1 && s.toks[j-1].lower {
			j--
		}
		// letters after a person's name are no part of it: "Jane Doe MP"
		for j > i+2 && postNominals[s.toks[j-1].text] {
			j--
		}
		// "Labour MP Jane Doe": the role is no part of the name
		if j > i+2 && postNominals[s.toks[i].text] && honorEnd == i {
			i++
		}
		// "Anna and Peter Marsh": a given name that shares the surname after it
		if j == i+1 && honorEnd == i && mf.v.Is(schema.GivenName, s.toks[i].text) && s.lowerAt(i+1) == "and" && i+3 < n &&
			mf.v.Is(schema.GivenName, s.toks[i+2].text) && s.toks[i+3].cap && s.tight(i+3) && !s.claimed[i+2] && !s.claimed[i+3] &&
			(i+4 >= n || !s.toks[i+4].cap || !s.tight(i+4)) {
			c := newCand(schema.Person, "name-shared-surname", i, i+1)
			c.given, c.surname = s.toks[i].text, s.toks[i+3].text
			s.add(c)
			c.name = c.given + " " + c.surname
			continue
		}
		// "the Safer Custody consultation": a name for a publication
		if j < n && s.tight(j) && s.toks[j].lower && honorEnd == i {
			if m, ok := s.has(j, schema.PhraseReportNoun); ok && mf.namesPublication(s, i, j) {
				c := newCand(schema.Report, "report-named", i, j+m.Len)
				s.add(c)
				i = j + m.Len - 1
				continue
			}
		}
		// "the Inspectorates of Schools and Colleges": two bodies
		if j-i == 5 && strings.HasSuffix(s.toks[i].text, "s") && mf.v.Is(schema.OrgHead, s.toks[i].text) && s.lowerAt(i+1) == "of" && s.lowerAt(i+3) == "and" {
			head := strings.TrimSuffix(s.toks[i].text, "s")
			for _, k := range []int{i + 2, i + 4} {
				c := newCand(schema.Organisation, "org-coordinated-heads", i, j)
				s.add(c)
				c.name = head + " of " + s.toks[k].text
			}
			i = j - 1
			continue
		}
		mf.classifyRun(s, i, honorEnd, j)
		if j > i+1 {
			i = j - 1
		}
	}
}

// joinAcross decides whether a run [i, j) goes on over the connector at j:
// only when the run already has an organisation head word ("Centre for
// Crime and Justice Studies") or the capitalised words after the connector
// end in one ("House of Commons Justice Committee").
func (mf *mentionFinder) joinAcross(s *sent, i, j int, amp bool) bool {
	v := mf.v
	k := j + 1
	if amp {
		k = j
	}
	if k >= len(s.toks) || !s.toks[k].cap || !s.tight(k) && !amp {
		return false
	}
	conn := strings.ToLower(s.toks[j].text)
	if amp {
		conn = "and"
	}
	if conn == "and" && (s.lowerAt(i-1) == "between" || s.lowerAt(i-2) == "between" && s.lowerAt(i-1) == "the") {
		return false // "a joint venture between Arden Care and Holt Services": two
	}
	if s.toks[j-1].num {
		return false // "Route 66 and Harbour Trust"
	}
	hasHead := false
	for x := i; x < j; x++ {
		if v.Is(schema.OrgHead, s.toks[x].text) || v.Is(schema.PolicyHead, s.toks[x].text) {
			// before "and", a head counts only with its "of"/"for" ("Centre for Crime and …")
			if conn != "and" || x+1 < j && (s.lowerAt(x+1) == "for" || s.lowerAt(x+1) == "of") || x < j-1 && x > i {
				hasHead = true
			}
		}
	}
	if hasHead && conn != "in" && conn != "by" {
		return true
	}
	// look ahead to the end of the next capitalised stretch
	e := k
	for e < len(s.toks) && s.toks[e].cap && (e == k || s.tight(e)) && !mf.funcWord(s.toks[e]) {
		e++
	}
	if e == k {
		return false
	}
	last := s.toks[e-1].text
	return v.Is(schema.OrgHead, last) || (conn != "and" && v.Is(schema.PolicyHead, last))
}

// classifyRun turns the run [i, j) (honorific up to h) into a mention.
func (mf *mentionFinder) classifyRun(s *sent, i, h, j int) {
	v := mf.v
	toks := s.toks
	if j <= i {
		return
	}
	first, last := toks[i], toks[j-1]
	allGeneric := true
	for k := i; k < j; k++ {
		if !v.Is(schema.NotName, toks[k].text) && !v.Is(schema.OrgHead, toks[k].text) && !v.Is(schema.PolicyHead, toks[k].text) {
			allGeneric = false
		}
	}
	// honorific + name
	if h > i {
		if h >= j || j-h > 3 {
			return
		}
		c := newCand(schema.Person, "name-honorific", i, j)
		c.honor = s.doc.Text[toks[i].Start:toks[h-1].End]
		rest := toks[h:j]
		c.name = s.doc.Text[rest[0].Start:rest[len(rest)-1].End]
		// "Ms Castle-Hughes", "Mr de Vries": one surname, however written
		sur := s.surnameStart(h, j)
		switch {
		case len(rest) == 1 && v.Is(schema.GivenName, rest[0].text) && isFirstNameHonorific(c.honor):
			c.given, c.givenOnly = rest[0].text, true
		case sur == h:
			c.surname, c.surnameOnly = s.chunk(s.lastChunk(h, j), j), true
		default:
			c.given, c.surname = s.chunk(h, s.chunkEnd(h, j)), s.chunk(s.lastChunk(h, j), j)
		}
		s.add(c)
		return
	}
	// "the Centre", "the Committee": a head word standing for a name
	if j == i+1 && v.Is(schema.OrgHead, first.text) && i > 0 && (s.lowerAt(i-1) == "the" || s.lowerAt(i-1) == "this") && s.tight(i) {
		c := newCand(schema.Organisation, "head-anaphor", i, j)
		c.anaphor = first.text
		s.add(c)
		return
	}
	// a run that is only a place, or only generic words
	if m, ok := s.has(i, schema.PhrasePlace); ok && m.Len >= j-i {
		return
	}
	if allGeneric && (j-i == 1 || strings.HasSuffix(last.text, "s")) {
		return
	}
	// a policy written as an acronym and a number: "TR2" (TR1 is TR itself)
	if j == i+1 {
		if m := policyVariant.FindStringSubmatch(first.text); m != nil {
			ws := []string{m[1]}
			for _, mt := range v.Matches(ws, 0, nil) {
				if mt.Kind == schema.PhraseBody && mt.Len == 1 && v.Bodies[mt.Index].Label == schema.Policy {
					c := newCand(schema.Policy, "policy-variant", i, j)
					if m[2] == "1" {
						c.body = mt.Index
						c.Rule = "vocab-body"
					}
					s.add(c)
					return
				}
			}
		}
	}
	hasAmp := false
	for k := i; k < j; k++ {
		if strings.Contains(toks[k].text, "&") && !v.Is(schema.AcronymStop, toks[k].text) {
			hasAmp = true
		}
	}
	switch {
	case j > i+1 && v.Is(schema.ReportHead, last.text) && !allGeneric && !v.Is(schema.OrgPrefix, first.text):
		c := newCand(schema.Report, "report-head", i, j)
		c.title = true
		s.add(c)
		return
	case v.Is(schema.OrgPrefix, first.text) && j > i+1:
		s.add(newCand(schema.Organisation, "org-prefix", i, j))
		return
	case j > i+1 && v.Is(schema.OrgHead, last.text):
		mf.addOrg(s, i, j)
		return
	case j > i+2 && headOf(v, toks[i:j]):
		s.add(newCand(schema.Organisation, "org-head", i, j))
		return
	case j > i+1 && v.Is(schema.PolicyHead, last.text) && !allGeneric:
		s.add(newCand(schema.Policy, "policy-head", i, j))
		return
	case hasAmp && j > i+1:
		s.add(newCand(schema.Organisation, "org-ampersand", i, j))
		return
	}
	// a person: a given name and one or two more capitalised words, perhaps
	// after a title ("Crime Commissioner Alan Fenwick"); one hyphenated
	// word ("Ellis-Pryce") is a surname, decided in resolution
	oneChunk := j-i >= 2 && s.chunkEnd(i, j) == j
	for k := i; k < j && !oneChunk; k++ {
		t := toks[k]
		if !v.Is(schema.GivenName, t.text) && !v.Is(schema.Nickname, t.text) || t.upper {
			continue
		}
		if k > i && (t.gap == "-" || k+1 < j && toks[k+1].gap == "-") {
			continue // "Ceri Lloyd-Hopkins": half a surname, not a given name
		}
		rest := j - k - 1
		for x := k + 1; x < j; x++ {
			if toks[x].lower && nameParticles[toks[x].text] {
				rest-- // "Mary van der Berg" has one more word
			}
		}
		if rest > 2 || rest < 0 {
			break
		}
		ok := true
		for x := k + 1; x < j; x++ {
			if toks[x].upper || v.Is(schema.OrgHead, toks[x].text) || v.Is(schema.PolicyHead, toks[x].text) || v.Is(schema.NotName, toks[x].text) {
				ok = false
			}
		}
		if !ok {
			break
		}
		if rest == 0 {
			if k > i {
				break // "Wavecrest Marine": a given name last is no person
			}
			if j == i+1 && !mf.commonOpener(s, i) {
				c := newCand(schema.Person, "name-given-only", k, j)
				c.given, c.givenOnly = t.text, true
				c.weak = true
				s.add(c)
			}
			return
		}
		c := newCand(schema.Person, "name-given", k, j)
		c.given, c.surname = t.text, s.chunk(s.lastChunk(k, j), j)
		if k > i {
			c.rolePre = s.doc.Text[toks[i].Start:toks[k-1].End]
		}
		s.add(c)
		return
	}
	// "Susan Hale Memorial Prize": a given name first and more after it
	if j-i > 3 && v.Is(schema.GivenName, first.text) && !toks[i+1].upper && !v.Is(schema.OrgHead, toks[i+1].text) && !v.Is(schema.NotName, toks[i+1].text) {
		c := newCand(schema.Person, "name-given", i, i+2)
		c.given, c.surname = first.text, toks[i+1].text
		s.add(c)
		return
	}
	// acronyms
	if j == i+1 && first.acr {
		if v.Is(schema.AcronymStop, first.text) || len(first.text) > 8 {
			return
		}
		c := newCand("", "acronym", i, j)
		c.acronym, c.unknown = true, true
		c.orgCue = mf.orgContext(s, i, j)
		s.add(c)
		return
	}
	if j-i > 3 || allGeneric {
		return
	}
	for k := i; k < j; k++ {
		if v.Is(schema.NotName, toks[k].text) && !mf.orgContext(s, i, j) || toks[k].num && k == i {
			return
		}
	}
	if j == i+1 && mf.commonOpener(s, i) {
		return
	}
	if strings.HasPrefix(first.text, "@") {
		return
	}
	// an unknown capitalised word or two: resolution decides, by context
	// here and by what the corpus says elsewhere
	c := newCand("", "name-context", i, j)
	c.unknown = true
	c.orgCue = mf.orgContext(s, i, j)
	if mf.nameShaped(s, i, j) {
		c.given, c.surname = s.chunk(i, s.chunkEnd(i, j)), s.chunk(s.lastChunk(i, j), j)
		c.shaped = true
	}
	if !c.orgCue && j-i >= 2 && !oneChunk && mf.personContext(s, i, j) {
		c.Label = schema.Person
		c.unknown = false
		c.given, c.surname = s.chunk(i, s.chunkEnd(i, j)), s.chunk(s.lastChunk(i, j), j)
		c.Rule = "name-context-person"
	}
	s.add(c)
}

// pluralPossHead reports whether token j is a head word after a plural
// possessive inside one name: "the Prison Officers' Guild".
func (mf *mentionFinder) pluralPossHead(s *sent, j int) bool {
	if j < 1 || j >= len(s.toks) || !s.toks[j-1].poss || !strings.HasSuffix(s.toks[j-1].text, "s") || !s.toks[j-1].cap {
		return false
	}
	g := s.toks[j].gap
	return (g == "' " || g == "’ ") && s.toks[j].cap && mf.v.Is(schema.OrgHead, s.toks[j].text)
}

// personNouns are plural nouns for people that may introduce named
// examples: "campaigners including X Y".
var personNouns = map[string]bool{
	"campaigners": true, "critics": true, "residents": true, "tenants": true, "experts": true,
	"academics": true, "mps": true, "peers": true, "councillors": true, "members": true,
	"speakers": true, "witnesses": true, "officials": true, "families": true, "victims": true,
	"activists": true, "politicians": true, "ministers": true, "researchers": true, "lawyers": true,
	"people": true, "others": true, "colleagues": true, "figures": true, "signatories": true,
	"parents": true, "staff": true, "workers": true, "officers": true,
}

// nameParticles are the lower-case words inside a person's name: "Anna de
// Vries", "Omar bin Said".
var nameParticles = map[string]bool{
	"de": true, "van": true, "von": true, "der": true, "den": true, "du": true, "da": true,
	"di": true, "dos": true, "das": true, "del": true, "della": true, "le": true, "la": true,
	"bin": true, "binti": true, "bint": true, "ibn": true, "al": true, "el": true, "ter": true,
	"ten": true, "ap": true, "ab": true, "ní": true, "nic": true, "mac": true, "ó": true, "ua": true,
}

// chunk is the text of tokens [a, b).
func (s *sent) chunk(a, b int) string {
	return s.doc.Text[s.toks[a].Start:s.toks[b-1].End]
}

// chunkEnd returns the end of the hyphen-joined word starting at token a
// ("Castle-Hughes" is one word of a name), at most b.
func (s *sent) chunkEnd(a, b int) int {
	e := a + 1
	for e < b && s.toks[e].gap == "-" {
		e++
	}
	return e
}

// lastChunk returns the first token of the hyphen-joined word ending at
// token b-1, at least a.
func (s *sent) lastChunk(a, b int) int {
	k := b - 1
	for k > a && s.toks[k].gap == "-" {
		k--
	}
	return k
}

// surnameStart returns where the surname of the name [a, b) starts: its
// last hyphen-joined word and the particles before it ("Mr Ó Briain", "Ms
// van Dijk").
func (s *sent) surnameStart(a, b int) int {
	k := s.lastChunk(a, b)
	for k > a && nameParticles[s.toks[k-1].low] {
		k--
	}
	return k
}

// numberName reports whether the capitalised number word at i ("Second",
// "First") opens a name in mid-sentence: "the charity Second Door".
func (mf *mentionFinder) numberName(s *sent, i int) bool {
	if i == 0 || !s.toks[i-1].lower || determiners[s.toks[i-1].low] || i+1 >= len(s.toks) || !s.tight(i+1) {
		return false
	}
	next := s.toks[i+1]
	if !next.cap || next.upper || mf.funcWord(next) || mf.v.Is(schema.NotName, next.text) {
		return false
	}
	switch s.toks[i].text {
	case "First", "Second", "Third", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Next", "Other", "Another", "Every", "Each", "Many", "All", "Same", "Such", "Some", "Both":
		_, ok := s.has(i-1, schema.PhraseOrgNoun)
		return ok || s.lowerAt(i-1) == "between" || s.lowerAt(i-1) == "and"
	}
	return false
}

// nameShaped reports whether the run [i, j) is written like a person's
// name: two to four words (a hyphenated word counts once, particles do not
// count), each capitalised and none a head word, place, month, honorific or
// word the vocabulary says names nothing.
func (mf *mentionFinder) nameShaped(s *sent, i, j int) bool {
	v := mf.v
	words, lowered := 0, 0
	for k := i; k < j; k++ {
		t := s.toks[k]
		if t.lower && nameParticles[t.text] && k > i {
			continue
		}
		if !t.cap || t.num || t.upper || t.acr && len(t.text) > 2 || k < j-1 && t.poss || mf.funcWord(t) ||
			v.Is(schema.NotName, t.text) || v.Is(schema.OrgHead, t.text) || v.Is(schema.PolicyHead, t.text) ||
			v.Is(schema.ReportHead, t.text) || months[t.text] || postNominals[t.text] {
			return false
		}
		if _, ok := s.has(k, schema.PhrasePlace); ok {
			return false
		}
		if _, ok := s.has(k, schema.PhraseHonorific); ok {
			return false
		}
		if _, ok := s.has(k, schema.PhraseBody); ok {
			return false
		}
		if mf.lowerSeen[t.low] {
			lowered++
		}
		if t.gap != "-" || k == i {
			words++
		}
	}
	return words >= 2 && words <= 4 && lowered < words
}

func isFirstNameHonorific(h string) bool {
	switch h {
	case "Dame", "Sir", "Lady", "Lord":
		return true
	}
	return false
}

// commonOpener reports whether token i opens its sentence (or a quote) and
// is a common word the corpus also writes in lower case.
func (mf *mentionFinder) commonOpener(s *sent, i int) bool {
	t := s.toks[i]
	if i > 0 && !strings.ContainsAny(t.gap, "“‘\"'(:-—–\n") || mf.v.Is(schema.GivenName, t.text) {
		return false
	}
	return mf.lowerSeen[strings.ToLower(t.text)]
}

// addOrg adds an organisation named by a run ending in a head word, and
// splits "the Inspectorates of Schools and Colleges" into two.
func (mf *mentionFinder) addOrg(s *sent, i, j int) {
	// "the Kent, Surrey and Sussex Probation Trust": a list of places
	// before the run is part of the name
	if isPlace(s, i) {
		for i > 1 && strings.TrimSpace(s.toks[i].gap) == "," && isPlace(s, i-1) && !s.claimed[i-1] {
			i--
		}
	}
	c := newCand(schema.Organisation, "org-head", i, j)
	s.add(c)
}

// orgContext reports whether the words around [i, j) say it names an
// organisation.
func (mf *mentionFinder) orgContext(s *sent, i, j int) bool {
	toks := s.toks
	// "the charity Shelterwise", "the teachers' union Edunite", "the partnership, Blue Harbour"
	if i > 0 && (s.tight(i) || strings.TrimSpace(toks[i].gap) == ",") {
		if _, ok := s.has(i-1, schema.PhraseOrgNoun); ok && toks[i-1].lower {
			return true
		}
	}
	// "the Civicnews.org website", "the Gazette newspaper"
	if j < len(toks) && s.tight(j) && toks[j].lower && i > 0 && s.lowerAt(i-1) == "the" {
		if _, ok := s.has(j, schema.PhraseOrgNoun); ok {
			return true
		}
	}
	// "Corvanta, a company …", "Shelterwise, the housing charity"
	if j < len(toks) && strings.TrimSpace(toks[j].gap) == "," {
		k := j
		if d := s.lowerAt(k); d == "a" || d == "an" || d == "the" {
			for x := k + 1; x < len(toks) && x <= k+4; x++ {
				if _, ok := s.has(x, schema.PhraseOrgNoun); ok && toks[x].lower {
					return true
				}
				if !s.tight(x) && x > k+1 {
					break
				}
			}
		}
	}
	// "Veltrax-led"
	if j < len(toks) && toks[j].gap == "-" && (s.lowerAt(j) == "led" || s.lowerAt(j) == "run" || s.lowerAt(j) == "owned") {
		return true
	}
	// lists: "providers such as A and B", "organisations — including A, B"
	if x := i - 1; x >= 0 {
		w := s.lowerAt(x)
		if w == "including" || w == "as" && s.lowerAt(x-1) == "such" || w == "like" {
			for y := x - 1; y >= 0 && y >= x-4; y-- {
				if _, ok := s.has(y, schema.PhraseOrgNoun); ok && toks[y].lower {
					return true
				}
			}
		}
	}
	// "director at X", "worked for X", "work with X", "joined X", "from X"
	if i > 0 {
		p := s.lowerAt(i - 1)
		if p == "the" && i > 1 {
			p = s.lowerAt(i - 2)
		}
		switch p {
		case "at", "for", "of":
			if q := s.lowerAt(i - 2); q == "latterly" || q == "formerly" || q == "now" {
				return true // "Ann Reid, latterly of Kent Probation"
			}
			for x := i - 2; x >= 0 && x >= i-5; x-- {
				if _, ok := s.has(x, schema.PhraseRoleWord); ok {
					return true
				}
				if w := s.lowerAt(x); w == "worked" || w == "works" || w == "work" || w == "working" {
					return true
				}
			}
		case "with", "joined", "joining", "by":
			q := s.lowerAt(i - 2)
			if q == "collaboration" || q == "partnership" || q == "work" || q == "working" || q == "employed" || q == "contracted" || p == "joined" || p == "joining" {
				return true
			}
		}
	}
	// "has criticised Wavecrest Marine": a named target that is no person
	if i > 0 && s.tight(i) && toks[i-1].lower && !mf.v.Is(schema.GivenName, toks[i].text) {
		if _, ok := s.has(i-1, schema.PhraseCriticismVerb); ok {
			return true
		}
	}
	// "X, which runs three prisons", "X said it would appeal": a body, not a person
	if j+1 < len(toks) {
		w, x := s.lowerAt(j), s.lowerAt(j+1)
		if strings.TrimSpace(toks[j].gap) == "," && w == "which" {
			if x == "already" || x == "also" || x == "now" || x == "had" || x == "has" {
				x = s.lowerAt(j + 2)
			}
			if orgVerbs[x] {
				return true
			}
		}
		if (w == "said" || w == "says") && (x == "it" || x == "its") && !mf.v.Is(schema.GivenName, toks[i].text) {
			return true
		}
		// "X was picked for London", "X has been named preferred bidder"
		if w == "was" || w == "were" || w == "has" || w == "had" {
			y := j + 1
			if s.lowerAt(y) == "been" {
				y++
			}
			if v := s.lowerAt(y); (v == "picked" || v == "chosen" || v == "selected" || v == "named") && (s.lowerAt(y+1) == "for" || s.lowerAt(y+1) == "as" || s.lowerAt(y+1) == "preferred") {
				return true
			}
		}
	}
	// "moved the contracts to X", "handed the work to X"
	if i >= 2 && s.lowerAt(i-1) == "to" {
		for x := i - 2; x >= 0 && x >= i-6; x-- {
			if w := s.lowerAt(x); strings.HasPrefix(w, "contract") || w == "lot" || w == "lots" || w == "work" || w == "services" {
				return true
			}
		}
	}
	// "X's chief executive": an organisation's officer
	if j < len(toks) && toks[j-1].poss {
		if m, ok := s.has(j, schema.PhraseRoleWord); ok && toks[j].lower && orgRoles[s.doc.Text[toks[j].Start:toks[j+m.Len-1].End]] {
			return true
		}
	}
	// "X took over the South lot", "X secured the contract"
	if j+2 < len(toks) {
		w := s.lowerAt(j)
		if w == "secured" || w == "took" && s.lowerAt(j+1) == "over" {
			for y := j + 1; y < len(toks) && y <= j+6; y++ {
				if v := s.lowerAt(y); v == "lot" || v == "lots" || strings.HasPrefix(v, "contract") || v == "franchise" {
					return true
				}
			}
		}
	}
	// "X will win the bids", "X won the contract", "X should lose the contract"
	if j < len(toks) {
		for x := j; x < len(toks) && x <= j+2; x++ {
			w := s.lowerAt(x)
			if w == "won" || w == "win" || w == "wins" || w == "lose" || w == "lost" || w == "loses" || w == "holds" || w == "runs" {
				if y := x + 2; y < len(toks) && (strings.HasPrefix(s.lowerAt(y), "bid") || strings.HasPrefix(s.lowerAt(y), "contract") || strings.HasPrefix(s.lowerAt(y), "tender")) {
					return true
				}
			}
		}
	}
	return false
}

// orgVerbs are verbs whose subject after ", which" is an organisation.
var orgVerbs = map[string]bool{
	"runs": true, "ran": true, "operates": true, "operated": true, "owns": true, "owned": true,
	"provides": true, "provided": true, "employs": true, "employed": true, "holds": true,
	"held": true, "manages": true, "managed": true, "won": true, "delivers": true,
	"represents": true, "supports": true, "campaigns": true, "publishes": true, "published": true,
	"went": true, "collapsed": true, "run": true,
}

// orgRoles are role words held in organisations rather than by people's
// side: "X's chief executive" makes X an organisation.
var orgRoles = map[string]bool{
	"chief executive": true, "managing director": true, "general secretary": true,
	"chair": true, "chairman": true, "chairwoman": true, "president": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "director": true,
	"founder": true, "chief inspector": true, "head": true, "trustee": true,
}

// personContext reports whether the words around [i, j) say it names a
// person: "X said", "X, chief executive of".
func (mf *mentionFinder) personContext(s *sent, i, j int) bool {
	if j < len(s.toks) {
		if _, ok := s.has(j, schema.PhraseSpeech); ok && s.tight(j) {
			return true
		}
		if strings.TrimSpace(s.toks[j].gap) == "," {
			x := j
			if d := s.lowerAt(x); d == "the" || d == "a" || d == "an" || d == "former" || d == "acting" {
				x++
			}
			if _, ok := s.has(x, schema.PhraseRoleWord); ok {
				return true
			}
			if _, ok := s.has(x, schema.PhraseRole); ok {
				return true
			}
			// "X Y, regional organiser for the union": modifiers before
			// the role word, which must then close on "of", "at", "for" or a comma
			for y := x + 1; y <= x+2 && y < len(s.toks) && s.toks[y-1].lower && !closedWords[s.lowerAt(y-1)] && s.tight(y); y++ {
				if m, ok := s.has(y, schema.PhraseRoleWord); ok && s.toks[y].lower {
					e := y + m.Len
					if w := s.lowerAt(e); e >= len(s.toks) || w == "of" || w == "at" || w == "for" || w == "with" || strings.Contains(s.toks[e].gap, ",") {
						return mf.nameShaped(s, i, j)
					}
				}
			}
		}
	}
	if i > 0 && s.tight(i) {
		if _, ok := s.has(i-1, schema.PhraseRoleWord); ok && (s.toks[i-1].lower || postNominals[s.toks[i-1].text]) {
			return true
		}
	}
	if mf.nameShaped(s, i, j) && mf.personShape(s, i, j) {
		return true
	}
	// "an article by Tamsin Okonjo", "written by X Y"
	if i > 1 && s.lowerAt(i-1) == "by" {
		if _, ok := s.has(i-2, schema.PhraseReportNoun); ok {
			return true
		}
		if w := s.lowerAt(i - 2); w == "written" || w == "edited" || w == "authored" {
			return true
		}
	}
	// a byline: "Percival Hume (Editor)"
	if j < len(s.toks) && strings.TrimSpace(s.toks[j].gap) == "(" {
		if _, ok := s.has(j, schema.PhraseRoleWord); ok {
			return true
		}
	}
	return false
}

// personShape holds the contexts that make a name-shaped run a person
// though its first word is no known given name.
func (mf *mentionFinder) personShape(s *sent, i, j int) bool {
	// "Its chair, X Y, who …", "the firm's founder, X Y": a role before
	// the name, set off by a comma
	if i > 1 && strings.TrimSpace(s.toks[i].gap) == "," {
		for x := i - 1; x >= 0 && x >= i-5; x-- {
			if m, ok := s.has(x, schema.PhraseRoleWord); ok && x+m.Len == i && s.toks[x].lower {
				return true
			}
		}
	}
	// "…,” said X Y.", "according to X Y,": organisations take "the"
	if i > 0 && s.tight(i) && s.toks[i-1].lower {
		switch s.lowerAt(i - 1) {
		case "said", "added", "wrote", "warned", "explained", "insisted", "argued", "continued":
			if j >= len(s.toks) || strings.ContainsAny(s.toks[j].gap, ",.") {
				return true
			}
		}
		if s.lowerAt(i-1) == "to" && s.lowerAt(i-2) == "according" {
			return true
		}
	}
	// "campaigners including X Y and …", "critics such as X Y"
	if x := i - 1; x >= 1 {
		w := s.lowerAt(x)
		if w == "as" && s.lowerAt(x-1) == "such" {
			x--
		}
		if (w == "including" || w == "as") && personNouns[s.lowerAt(x-1)] {
			return true
		}
	}
	if j < len(s.toks) {
		g := strings.TrimSpace(s.toks[j].gap)
		// "X Y, who chairs …": organisations take "which"
		if g == "," && s.lowerAt(j) == "who" {
			return true
		}
		// "X Y, 47, said": an age
		if g == "," && s.toks[j].num && len(s.toks[j].text) <= 3 && j+1 < len(s.toks) && strings.TrimSpace(s.toks[j+1].gap) == "," {
			return true
		}
		// "X Y (Green)" in a list of members
		if g == "(" {
			for _, m := range s.matches[j] {
				if m.Kind == schema.PhraseBody && mf.v.Bodies[m.Index].Party {
					return true
				}
			}
		}
	}
	return false
}

var reportAdjectives = map[string]bool{
	"annual": true, "joint": true, "scathing": true, "damning": true, "special": true,
	"research": true, "legal": true, "latest": true, "final": true, "interim": true,
	"critical": true, "independent": true, "official": true, "thematic": true, "themed": true,
	"inspection": true, "audit": true, "blog": true, "parliamentary": true, "major": true,
	"censorious": true, "new": true, "recent": true, "previous": true, "first": true,
	"second": true, "third": true, "fourth": true, "fifth": true, "written": true,
	"ministerial": true, "progress": true, "landmark": true, "highly": true, "scathingly": true,
}

// reportStop reports whether token z ends the subject of a report ("on
// prison transport had warned …"): a verb, auxiliary, relative or clause
// word, or a capitalised word that opens another name.
func reportStop(mf *mentionFinder, s *sent, z int) bool {
	w := s.lowerAt(z)
	switch w {
	case "for", "of", "in", "and", "on":
		return false
	}
	if closedWords[w] || determiners[w] && w != "the" {
		return true
	}
	for _, k := range []schema.PhraseKind{schema.PhraseSpeech, schema.PhraseCriticismVerb, schema.PhraseAuthored} {
		if _, ok := s.has(z, k); ok {
			return true
		}
	}
	return false
}

// distinctiveReport are adjectives that make a report noun name one
// publication ("the annual report", "a legal warning").
var distinctiveReport = map[string]bool{
	"annual": true, "joint": true, "scathing": true, "damning": true, "special": true,
	"research": true, "legal": true, "interim": true, "thematic": true, "themed": true,
	"inspection": true, "audit": true, "blog": true, "parliamentary": true, "written": true,
	"ministerial": true, "progress": true, "landmark": true,
}

var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"its": true, "their": true, "his": true, "her": true, "our": true, "my": true, "your": true,
}

var months = map[string]bool{
	"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
	"July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
}

// findReports finds publications named by a description: "an April 2016
// report by the National Audit Office", "the Committee's report", "a
// scathing annual report", "the Safer Custody consultation".
func (mf *mentionFinder) findReports(s *sent) {
	v := mf.v
	toks := s.toks
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.lower || s.claimed[i] {
			continue
		}
		m, ok := s.has(i, schema.PhraseReportNoun)
		if !ok {
			continue
		}
		noun := strings.ToLower(s.words[i])
		switch noun {
		case "issue", "issues", "post", "piece", "research", "findings", "statement", "survey", "review", "analysis", "assessment", "warning", "paper", "investigation", "inquiry", "book", "essay", "contribution", "blog", "column":
			// too common alone; they need a modifier that makes them a publication
			if noun == "warning" && s.lowerAt(i-1) != "legal" {
				continue
			}
			if (noun == "issue" || noun == "paper" || noun == "post") && !reportAdjectives[s.lowerAt(i-1)] {
				continue
			}
			if noun == "blog" || noun == "research" || noun == "findings" || noun == "survey" || noun == "analysis" || noun == "assessment" || noun == "statement" || noun == "investigation" || noun == "book" || noun == "essay" || noun == "contribution" || noun == "column" {
				continue
			}
			// "the Audit Office review", "an NAO inquiry": a named author before it
			if (noun == "review" || noun == "inquiry") && !(i > 0 && s.claimed[i-1] && toks[i-1].cap && s.tight(i)) {
				continue
			}
		}
		end := i + m.Len
		// pre-modifiers
		a := i
		title := false
		namePre := -1
		date := false
		for a > 0 && s.tight(a) {
			p := toks[a-1]
			w := strings.ToLower(p.text)
			switch {
			case s.claimed[a-1]:
				if p.cap {
					namePre = a - 1
				}
			case reportAdjectives[w]:
			case months[p.text] || p.num && len(p.text) == 4:
				date = true
			case p.cap && !mf.funcWord(p) && !v.Is(schema.NotName, p.text) && !mf.commonOpener(s, a-1):
				title = true
			default:
				goto done
			}
			if s.claimed[a-1] {
				break
			}
			a--
		}
	done:
		det := ""
		if a > 0 {
			det = s.lowerAt(a - 1)
			if !determiners[det] {
				det = ""
			}
		}
		c := newCand(schema.Report, "report-description", a, end)
		c.det = det
		// "the Audit Office review": the body named before the noun wrote it
		if namePre >= 0 && noun != "inspection" && noun != "inspections" {
			for _, o := range s.cands {
				if o.t0 <= namePre && namePre < o.t1 && o.Label == schema.Organisation {
					c.authorTok = o.t0
				}
			}
		}
		// possessive author: "the Committee's report", "Tamsin Okonjo's article"
		if a > 0 && toks[a-1].poss {
			c.authorTok = a - 1
		}
		// "by the National Audit Office", "from Jane Ashdown"
		b := end
		if w := s.lowerAt(b); (w == "by" || w == "from") && (s.tight(b) || w == "by" && strings.TrimSpace(toks[b].gap) == ",") {
			x := b + 1
			if s.lowerAt(x) == "the" {
				x++
			}
			orgFrom := false
			for _, o := range s.cands {
				if o.t0 == x && o.Label == schema.Organisation {
					orgFrom = true
				}
			}
			if x < len(toks) && toks[x].cap && w == "from" && orgFrom {
				c.authorTok = x // "a report from the Audit Commission"
			} else if x < len(toks) && toks[x].cap && w == "from" {
				// "The article from Jane Ashdown": its author, not its name
				s.authorHints = append(s.authorHints, x)
			} else if x < len(toks) && toks[x].cap && !s.tight(b) {
				c.authorTok = x // "this blog post, by Tamsin Okonjo"
			} else if x < len(toks) && toks[x].cap {
				c.authorTok = x
				y := x + 1
				for y < len(toks) && s.tight(y) && (toks[y].cap || nameConnectors[s.lowerAt(y)] && y+1 < len(toks) && toks[y+1].cap) {
					y++
				}
				end = y
				// "into services for young carers", "on family visits …"
				if w := s.lowerAt(y); (w == "into" || w == "on") && s.tight(y) {
					z := y + 1
					for z < len(toks) && s.tight(z) && !determiners[s.lowerAt(z)] && s.lowerAt(z) != "which" && s.lowerAt(z) != "that" {
						z++
					}
					end = z
				}
			}
		}
		// "A legal letter sent to the department by lawyers acting for the union"
		if w := s.lowerAt(end); c.authorTok < 0 && (w == "sent" || w == "written" || w == "prepared" || w == "commissioned" || w == "produced" || w == "issued" || w == "published" || w == "drawn") {
			for x := end; x < len(toks) && x < end+6 && s.tight(x); x++ {
				if s.lowerAt(x) == "by" && x+1 < len(toks) && s.tight(x+1) {
					y := x + 1
					if s.lowerAt(y) == "the" {
						y++
					}
					c.authorTok = y
					break
				}
			}
		}
		// "a report published on 1 March 2019": the date names it
		if w := s.lowerAt(end); c.authorTok < 0 && w == "published" && (s.lowerAt(end+1) == "on" || s.lowerAt(end+1) == "in") {
			x := end + 2
			for x < len(toks) && s.tight(x) && (toks[x].num || months[toks[x].text]) {
				x++
			}
			if x > end+2 {
				for y := end + 2; y < x; y++ {
					if months[toks[y].text] {
						date = true
					}
				}
				if date {
					end = x
				}
			}
		}
		subjectNamed := false
		// "its inspection of the Kent CRC", "a joint report on Through the
		// Gate": the subject names it
		if w := s.lowerAt(end); c.authorTok < 0 && (w == "of" || w == "on" || w == "into") && end == i+m.Len && (noun == "inspection" || noun == "report" || noun == "review" || noun == "audit" || noun == "evaluation" || noun == "investigation" || noun == "inquiry") && (det == "its" || det == "their" || det == "a" || det == "an" || a < i) {
			x := end + 1
			if s.lowerAt(x) == "the" {
				x++
			}
			for _, o := range s.cands {
				if o.t0 == x && (o.Label == schema.Organisation || o.Label == schema.Policy) && o.anaphor == "" && !o.implied {
					end = o.t1
					subjectNamed = true
				}
			}
		}
		// "the Harbour Board's 2023 report on ferry safety": after a
		// possessive author the subject names it
		if w := s.lowerAt(end); end == i+m.Len && c.authorTok >= 0 && c.authorTok < a && (w == "on" || w == "into") && s.tight(end) {
			z := end + 1
			for z < len(toks) && z < end+8 && s.tight(z) && !toks[z].num && !reportStop(mf, s, z) {
				z++
			}
			for z > end+1 && closedWords[s.lowerAt(z-1)] {
				z--
			}
			if z > end+1 {
				end = z
				subjectNamed = true
			}
		}
		// "Its report, dated 14 March 2023, found": the date names it
		dated := ""
		if x := end; end == i+m.Len && s.lowerAt(x) == "dated" && (s.tight(x) || strings.TrimSpace(toks[x].gap) == ",") {
			y := x + 1
			for y < len(toks) && s.tight(y) && (toks[y].num || months[toks[y].text]) {
				y++
			}
			hasMonth := false
			for k := x + 1; k < y; k++ {
				hasMonth = hasMonth || months[toks[k].text]
			}
			if hasMonth {
				dated = s.doc.Text[toks[x+1].Start:toks[y-1].End]
				date = true
			}
		}
		// "the Coastal Affairs Committee, in a report in March 2021"
		orgIn := -1
		if a >= 3 && det == "a" && s.lowerAt(a-2) == "in" && strings.TrimSpace(toks[a-2].gap) == "," {
			for _, o := range s.cands {
				if o.t1 == a-2 && (o.Label == schema.Organisation || o.Label == schema.Person) {
					orgIn = o.t0
				}
			}
			// "the Audit Office found, in a report published on …, that"
			if _, ok := s.has(a-3, schema.PhraseSpeech); ok && orgIn < 0 && c.authorTok < 0 {
				for _, o := range s.cands {
					if o.t1 == a-3 && (o.Label == schema.Organisation || o.Label == schema.Person) && !o.implied {
						c.authorTok = o.t0
					}
				}
			}
		}
		// "In a report published on …, the Audit Office found that"
		if a == 2 && det == "a" && s.lowerAt(0) == "in" && c.authorTok < 0 && end < len(toks) && strings.TrimSpace(toks[end].gap) == "," {
			x := end
			if s.lowerAt(x) == "the" {
				x++
			}
			for _, o := range s.cands {
				if o.t0 == x && (o.Label == schema.Organisation || o.Label == schema.Person) && !o.implied {
					if _, ok := s.has(o.t1, schema.PhraseSpeech); ok {
						c.authorTok = o.t0
					}
				}
			}
		}
		adj := s.lowerAt(i - 1)
		plural := strings.HasSuffix(noun, "s")
		strong := c.authorTok >= 0 || orgIn >= 0 || title || date || distinctiveReport[adj] && (!plural || adj == "research")
		if det == "this" || det == "her" || det == "his" || det == "their" || det == "its" {
			strong = strong && (c.authorTok >= 0 || dated != "")
		}
		strong = strong || subjectNamed
		c.weak = !strong
		c.noun = noun
		c.t1 = end
		if c.weak || c.authorTok >= 0 && c.authorTok > end {
			// keep the span to the noun phrase only
			c.t1 = i + m.Len
		}
		c.Span = Span{toks[c.t0].Start, toks[c.t1-1].End}
		c.Doc, c.Sentence, c.Text, c.ent, c.si = s.doc.ID, s.Index, s.doc.Text[c.Start:c.End], -1, s.Index
		c.name = c.Text
		switch {
		case orgIn >= 0:
			c.authorTok = orgIn
			c.name = s.doc.Text[toks[orgIn].Start:toks[a-3].End] + " " + s.doc.Text[toks[c.t0].Start:toks[c.t1-1].End]
		case c.authorTok >= 0 && c.authorTok < c.t0:
			// "Tamsin Okonjo's article" is named "Tamsin Okonjo article"
			for _, o := range s.cands {
				if o.t0 <= c.authorTok && c.authorTok < o.t1 && (o.t1 == c.t0 || toks[o.t1-1].poss) {
					c.name = o.name + " " + c.Text
				}
			}
		}
		if dated != "" && !c.weak {
			c.name = c.Text + " of " + dated
			c.itsReport = det == "its" || det == "their"
		}
		c.descr = c.weak
		s.cands = append(s.cands, c)
		i = i + m.Len - 1
	}
}

var moneyRE = regexp.MustCompile(`£\s?(\d+(?:[.,]\d+)*)\s?(bn|billion|m|million|k|thousand)?\b|(\d+(?:\.\d+)?)\s(billion|million)\s(?:pounds|GBP)`)

// parseMoney reads the first sum of money in s: "£3.7bn" is 3.7e9.
func parseMoney(s string) (float64, string, bool) {
	m := moneyRE.FindStringSubmatchIndex(s)
	if m == nil {
		return 0, "", false
	}
	num, unit := "", ""
	if m[2] >= 0 {
		num = s[m[2]:m[3]]
		if m[4] >= 0 {
			unit = s[m[4]:m[5]]
		}
	} else {
		num, unit = s[m[6]:m[7]], s[m[8]:m[9]]
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
	if err != nil {
		return 0, "", false
	}
	switch unit {
	case "bn", "billion":
		f *= 1e9
	case "m", "million":
		f *= 1e6
	case "k", "thousand":
		f *= 1e3
	}
	return f, strings.TrimSpace(s[m[0]:m[1]]), true
}

var contractModifiers = map[string]bool{
	"current": true, "new": true, "existing": true, "final": true, "commercial": true, "original": true,
	"first": true, "second": true, "third": true, "future": true, "outsourcing": true, "probation": true,
	"rehabilitation": true, "court": true, "translating": true, "translation": true, "prison": true,
	"offender": true, "services": true, "service": true, "management": true, "supply": true,
	"maintenance": true, "it": true, "electronic": true, "tagging": true, "monitoring": true,
	"next": true,
}

// vagueContract are modifiers that leave "contracts" a description.
var vagueContract = map[string]bool{
	"current": true, "new": true, "existing": true, "final": true, "first": true, "second": true,
	"third": true, "future": true, "original": true, "commercial": true, "probation": true,
	"rehabilitation": true, "services": true, "service": true, "outsourcing": true, "prison": true,
	"offender": true, "management": true, "next": true,
}

// numberWords are counts that leave a contract phrase a description.
var numberWords = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "several": true, "some": true,
	"many": true, "all": true, "both": true, "remaining": true, "other": true, "every": true,
}

var trancheWords = map[string]bool{"set": true, "tranche": true, "raft": true, "round": true, "batch": true, "wave": true, "lot": true, "package": true}

// findContracts finds contracts: "the current CRC contracts", "contracts
// worth £3.7bn", "the first tranche of contracts", "1.26 billion pounds of
// Probation Service contracts".
func (mf *mentionFinder) findContracts(s *sent) {
	toks := s.toks
	for i := 0; i < len(toks); i++ {
		w := s.lowerAt(i)
		if w != "contract" && w != "contracts" {
			continue
		}
		a := i
		keyOrg := ""
		var keyCand *cand
		ordinal := ""
		strong := false
		for a > 0 && s.tight(a) {
			p := toks[a-1]
			pw := strings.ToLower(p.text)
			if p.cap && s.claimed[a-1] {
				strong = true
				// take the whole claimed name
				e := a
				for a > 0 && s.claimed[a-1] && s.tight(a) {
					a--
				}
				keyOrg = s.doc.Text[toks[a].Start:toks[e-1].End]
				for _, oc := range s.cands {
					if oc.t0 <= a && oc.t1 >= e {
						keyCand = oc
					}
				}
				continue
			}
			if contractModifiers[pw] && !p.cap || p.cap && !mf.funcWord(p) && !v0(mf, p) {
				a--
				continue
			}
			break
		}
		// "the national court interpreting contract": lower-case words
		// between a determiner and the noun modify it
		if !strong && a == i || a < i {
			x := a
			for x > 0 && x > a-4 && s.tight(x) && s.toks[x-1].lower && !s.toks[x-1].num && !numberWords[s.lowerAt(x-1)] && !closedWords[s.lowerAt(x-1)] && !determiners[s.lowerAt(x-1)] && !mf.funcWord(s.toks[x-1]) {
				if _, ok := s.has(x-1, schema.PhraseAwardBuyer); ok {
					break
				}
				if _, ok := s.has(x-1, schema.PhraseAwardSupplier); ok {
					break
				}
				x--
			}
			// "the £870m prison escort contract": a sum may stand between
			if x < a && x > 0 && (determiners[s.lowerAt(x-1)] || x > 1 && s.toks[x-1].num && s.tight(x) &&
				strings.HasSuffix(strings.TrimSpace(s.toks[x-1].gap), "£") && determiners[s.lowerAt(x-2)]) {
				a = x
			}
		}
		// "a £1.1bn maintenance contract", "the £3.7bn contracts"
		premoney := 0.0
		premoneyText := ""
		if a > 0 && s.toks[a-1].num && s.tight(a) {
			if g := strings.TrimSpace(s.toks[a-1].gap); strings.HasSuffix(g, "£") {
				if f, vt, ok := parseMoney(s.doc.Text[s.toks[a-1].Start-len("£") : s.toks[a-1].End]); ok {
					premoney, premoneyText, strong = f, vt, true
				}
			}
		}
		// "first tranche of contracts", "first raft of new contracts"
		if a >= 2 && s.lowerAt(a-1) == "of" && trancheWords[s.lowerAt(a-2)] {
			a -= 2
			if a > 0 && (reportAdjectives[s.lowerAt(a-1)] || s.lowerAt(a-1) == "next") {
				ordinal = s.lowerAt(a - 1)
				a--
			}
			strong = true
		}
		// lower-case modifiers need a determiner before them; a specific
		// one ("the school catering contract") makes the phrase a name
		if a < i && !strong {
			if d := s.lowerAt(a - 1); !determiners[d] {
				a = i
			}
			known, other := 0, 0
			for k := a; k < i; k++ {
				if w := s.lowerAt(k); s.toks[k].lower && !vagueContract[w] {
					if contractModifiers[w] {
						known++
					} else {
						other++
					}
				}
			}
			// one unknown word may be an adjective ("a binding contract");
			// two make a compound that names the service
			strong = known > 0 || other >= 2
		}
		end := i + 1
		c := newCand(schema.Contract, "contract-phrase", a, end)
		c.ordinal = ordinal
		c.value, c.valueText = premoney, premoneyText
		worthEnd := -1
		// "contracts worth £3.7bn", "contracts, worth £1.26bn,"
		rest := s.doc.Text[toks[i].End:s.End]
		worth := false
		if r := strings.TrimLeft(rest, " ,"); strings.HasPrefix(r, "worth") {
			worth = true
			if f, vt, ok := parseMoney(r[:min(len(r), 40)]); ok {
				c.value, c.valueText, strong = f, vt, true
				// the phrase as written: "worth around £280m a year"
				base := s.doc.Text[toks[i].End:]
				worthEnd = toks[i].End + len(rest) - len(r) + strings.Index(r, vt) + len(vt)
				if k := strings.Index(r, vt); k > 40 {
					worthEnd = -1
				}
				for _, per := range []string{" a year", " per year", " per annum", " annually", " a year,"} {
					if strings.HasPrefix(s.doc.Text[worthEnd:], per) {
						worthEnd += len(strings.TrimRight(per, ","))
						break
					}
				}
				_ = base
				if !strings.HasPrefix(rest, ",") {
					for end < len(toks) && toks[end].End <= toks[i].End+len(rest)-len(r)+len("worth ")+len(vt) {
						end++
					}
				}
			}
		}
		// "1.26 billion pounds of X contracts", "£22m of contracts"
		before := s.doc.Text[s.Start:toks[a].Start]
		if k := strings.LastIndex(before, " of "); k >= 0 && len(before)-k < 8 {
			if f, vt, ok := parseMoney(before[max(0, k-30):k]); ok {
				c.value, c.valueText, strong = f, vt, true
			}
		}
		// "contracts with the CRCs", "contracts on the rehabilitation companies"
		if x := end; (s.lowerAt(x) == "with" || s.lowerAt(x) == "on" || s.lowerAt(x) == "for") && s.lowerAt(x+1) == "the" {
			for _, oc := range s.cands {
				if oc.t0 == x+2 && oc.Label == schema.Organisation {
					keyOrg = oc.name
					strong = true
					end = oc.t1
				}
			}
		}
		// "to run 21 CRCs", "to run the Secure Track Programme"
		if c.value > 0 && keyOrg == "" {
			for _, oc := range s.cands {
				if oc.t0 > i && oc.t0 <= i+12 && (oc.Label == schema.Organisation || oc.Label == schema.Policy) {
					for x := oc.t0 - 1; x >= oc.t0-3 && x > i; x-- {
						if w := s.lowerAt(x); w == "run" || w == "deliver" || w == "provide" || w == "operate" || w == "manage" {
							keyOrg = oc.name
						}
					}
					if keyOrg != "" {
						break
					}
				}
			}
		}
		c.keyOrg = keyOrg
		c.keyCand = keyCand
		c.noun = w
		c.weak = !strong
		c.descr = !strong
		if a > 0 {
			c.det = s.lowerAt(a - 1)
		}
		c.t1 = end
		c.Span = Span{toks[c.t0].Start, toks[c.t1-1].End}
		c.Doc, c.Sentence, c.Text, c.ent, c.si = s.doc.ID, s.Index, s.doc.Text[c.Start:c.End], -1, s.Index
		c.name = c.Text
		if c.value > 0 && c.valueText != "" && ordinal == "" && keyOrg == "" && worth && worthEnd > 0 {
			if a == i {
				c.name = s.doc.Text[toks[c.t0].Start:toks[i].End] + " worth" + strings.TrimRight(s.doc.Text[toks[i].End+len(rest)-len(strings.TrimLeft(rest, " ,"))+len("worth"):worthEnd], ",")
			} else if specific := func() bool {
				for k := a; k < i; k++ {
					if toks[k].lower && !vagueContract[s.lowerAt(k)] {
						return true
					}
				}
				return false
			}(); specific {
				// "the national court interpreting contract, worth £450m":
				// the modifiers name it
				c.name = s.doc.Text[toks[c.t0].Start:toks[i].End]
			}
		}
		s.cands = append(s.cands, c)
	}
}

func v0(mf *mentionFinder, t token) bool { return mf.v.Is(schema.NotName, t.text) }

// findRoleBodies adds the body a role implies when the role is given to a
// named person: "Nadia Okafor, chief inspector of prisons".
func (mf *mentionFinder) findRoleBodies(s *sent) {
	for i := range s.toks {
		m, ok := s.has(i, schema.PhraseRole)
		if !ok || s.claimed[i] {
			continue
		}
		end := i + m.Len
		near := false
		for _, c := range s.cands {
			if c.Label != schema.Person {
				continue
			}
			// "X, the minister", "minister X", "X in his role as minister"
			if c.t1 <= i && i-c.t1 <= 5 || c.t0 == end {
				near = true
			}
		}
		if !near {
			continue
		}
		b := mf.v.BodyIndex(mf.v.Roles[m.Index].Body)
		if b < 0 {
			continue
		}
		c := newCand(mf.v.Bodies[b].Label, "role-body", i, end)
		c.body, c.implied = b, true
		c.name = mf.v.Bodies[b].Name
		s.add(c)
	}
	// "the watchdog": an inspectorate or audit body named elsewhere
	for i := range s.toks {
		if s.lowerAt(i) != "watchdog" || s.claimed[i] || i == 0 {
			continue
		}
		if p := s.lowerAt(i - 1); p != "the" && p != "by" {
			continue
		}
		c := newCand(schema.Organisation, "watchdog", i, i+1)
		c.anaphor = "watchdog"
		s.add(c)
	}
	// "the committee", "the ministry", "the union": a body the document
	// names in full, written with its head noun in lower case
	for i := 1; i < len(s.toks); i++ {
		h := s.toks[i].text
		if !s.toks[i].lower || s.claimed[i] || !lowerAnaphors[h] || s.lowerAt(i-1) != "the" || !s.tight(i) {
			continue
		}
		if !s.toks[i].poss && !closesNounPhrase(mf, s, i+1) {
			continue // "the union representative", "the charity Shelterwise"
		}
		c := newCand(schema.Organisation, "head-anaphor", i, i+1)
		c.anaphor = h
		s.add(c)
	}
}

// lowerAnaphors are singular head nouns that, after "the", stand for an
// organisation the document has named.
var lowerAnaphors = map[string]bool{
	"committee": true, "ministry": true, "department": true, "inspectorate": true,
	"union": true, "charity": true, "council": true, "commission": true, "regulator": true,
	"company": true, "firm": true, "partnership": true, "consortium": true, "contractor": true,
	"trust": true, "board": true, "agency": true, "authority": true, "institute": true,
	"newspaper": true, "paper": true, "operator": true, "provider": true, "supplier": true,
}

// closedWords are the words that may follow a noun phrase's head: verbs of
// saying and being, auxiliaries, conjunctions and prepositions.
var closedWords = map[string]bool{
	"is": true, "was": true, "are": true, "were": true, "has": true, "had": true, "have": true,
	"will": true, "would": true, "could": true, "should": true, "must": true, "may": true,
	"might": true, "can": true, "did": true, "does": true, "said": true, "says": true,
	"which": true, "that": true, "who": true, "and": true, "or": true, "but": true, "to": true,
	"for": true, "in": true, "on": true, "with": true, "at": true, "by": true, "from": true,
	"of": true, "also": true, "now": true, "then": true, "still": true, "itself": true, "last": true,
	"this": true, "as": true, "into": true, "over": true, "after": true, "before": true,
}

// closesNounPhrase reports whether the noun phrase before token i ends
// there: the sentence ends, punctuation follows, or a closed-class word or
// a trigger verb comes next.
func closesNounPhrase(mf *mentionFinder, s *sent, i int) bool {
	if i >= len(s.toks) {
		return true
	}
	if strings.ContainsAny(s.toks[i].gap, ",;:.()—–\"“”") {
		return true
	}
	if closedWords[s.lowerAt(i)] {
		return true
	}
	for _, k := range []schema.PhraseKind{schema.PhraseSpeech, schema.PhraseCriticismVerb, schema.PhraseAwardBuyer, schema.PhraseAuthored} {
		if _, ok := s.has(i, k); ok {
			return true
		}
	}
	return false
}

// findTitles finds publications by their titles: a heading introduced by
// a line ending in a colon, a heading or phrase of the form "Title:
// Subtitle", a quoted title after a word like "issue" or "report", and
// "this bulletin, The Title is …".
func (mf *mentionFinder) findTitles(s *sent) {
	text := s.doc.Text[s.Start:s.End]
	toks := s.toks
	if len(toks) < 2 {
		return
	}
	addTitle := func(a, b int) {
		for k := a; k < b; k++ {
			if s.claimed[k] {
				// a name inside the title is part of the title
				out := s.cands[:0]
				for _, c := range s.cands {
					if c.t1 <= a || c.t0 >= b {
						out = append(out, c)
					}
				}
				s.cands = out
				break
			}
		}
		c := newCand(schema.Report, "report-title", a, b)
		c.title = true
		s.add(c)
	}
	prevColon := false
	if s.Index > 0 && s.Index-1 < len(s.doc.Sentences) {
		p := s.doc.Sentences[s.Index-1]
		pt := strings.TrimRight(strings.TrimSpace(s.doc.Text[p.Start:p.End]), "-")
		prevColon = strings.HasSuffix(pt, ":")
	}
	if s.heading && toks[0].cap && len(toks) <= 20 && !strings.ContainsAny(text, "\"“”") {
		colon := false
		if k := strings.Index(text, ": "); k > 0 {
			r, _ := utf8.DecodeRuneInString(text[k+2:])
			colon = unicode.IsUpper(r)
		}
		personal := false
		for _, t := range toks {
			switch strings.ToLower(t.text) {
			case "i", "we", "you", "my", "our", "me", "us":
				personal = true
			}
		}
		if prevColon && !personal && !strings.Contains(text, ",") || colon && !personal && len(toks) >= 4 {
			addTitle(0, len(toks))
			return
		}
	}
	// quoted titles and "Title: Subtitle" inside a sentence, after a
	// publication word
	pubBefore := func(k int) bool {
		for x := k - 1; x >= 0 && x >= k-8; x-- {
			if _, ok := s.has(x, schema.PhraseReportNoun); ok {
				return true
			}
			if w := s.lowerAt(x); w == "journal" || w == "entitled" || w == "titled" || w == "called" {
				return true
			}
		}
		return false
	}
	for i := 1; i < len(toks); i++ {
		g := toks[i].gap
		if !strings.HasSuffix(strings.TrimRight(g, " "), ":") || !toks[i].cap || !toks[i-1].cap {
			continue
		}
		a := i - 1
		for a > 0 && s.tight(a) && toks[a-1].cap && !mf.funcWord(toks[a-1]) {
			a--
		}
		b := i + 1
		for b < len(toks) && s.tight(b) && (toks[b].cap || nameConnectors[s.lowerAt(b)] || toks[b].lower && len(toks[b].text) > 3 && b+1 < len(toks) && s.tight(b+1)) {
			b++
		}
		for b > i+1 && toks[b-1].lower && nameConnectors[toks[b-1].text] {
			b--
		}
		if b-i >= 2 && pubBefore(a) {
			addTitle(a, b)
			return
		}
	}
	// ‘Quoted Title’ after a publication word
	for i := 0; i < len(toks); i++ {
		g := toks[i].gap
		if !(strings.HasSuffix(g, "‘") || strings.HasSuffix(g, "“")) || !toks[i].cap {
			continue
		}
		closeQ := "’"
		if strings.HasSuffix(g, "“") {
			closeQ = "”"
		}
		b := i + 1
		for b < len(toks) && !strings.Contains(toks[b].gap, closeQ) {
			b++
		}
		if b >= len(toks) && !strings.HasSuffix(text, closeQ) {
			continue
		}
		if b-i < 3 || !pubBefore(i) {
			continue
		}
		caps := 0
		for k := i; k < b; k++ {
			if toks[k].cap {
				caps++
			}
		}
		if caps*2 >= b-i || strings.Contains(s.doc.Text[toks[i].Start:toks[b-1].End], ":") {
			addTitle(i, b)
			return
		}
	}
	// "This bulletin, The use and reach of mentoring (youth services) is based"
	for i := 0; i+2 < len(toks); i++ {
		if _, ok := s.has(i, schema.PhraseReportNoun); !ok || !toks[i].lower || i == 0 || s.lowerAt(i-1) != "this" && s.lowerAt(i-1) != "the" {
			continue
		}
		if strings.TrimSpace(toks[i+1].gap) != "," || !toks[i+1].cap {
			continue
		}
		b := i + 2
		for b < len(toks) && strings.TrimSpace(toks[b].gap) != "," {
			w := s.lowerAt(b)
			if w == "is" || w == "was" || w == "has" || w == "had" || w == "are" {
				break
			}
			b++
		}
		if b < len(toks) && b-(i+1) >= 3 {
			end := b
			addTitleSpan := s.doc.Text[toks[i+1].Start:toks[end-1].End]
			// keep a closing bracket: "(probation services)"
			if strings.HasPrefix(s.doc.Text[toks[end-1].End:], ")") && strings.Contains(addTitleSpan, "(") {
				addTitle(i+1, end)
				c := s.cands[len(s.cands)-1]
				c.End++
				c.Text = s.doc.Text[c.Start:c.End]
				c.name = c.Text
			} else {
				addTitle(i+1, end)
			}
			return
		}
	}
}

// namesPublication reports whether the run [i, j) before a report noun is
// the publication's own name ("Safer Custody consultation"), not
// a name of its author or a generic word.
func (mf *mentionFinder) namesPublication(s *sent, i, j int) bool {
	if j-i < 2 {
		return false
	}
	for k := i; k < j; k++ {
		t := s.toks[k]
		if mf.funcWord(t) || t.upper || mf.v.Is(schema.GivenName, t.text) {
			return false
		}
	}
	if mf.v.Is(schema.OrgHead, s.toks[j-1].text) {
		return false
	}
	return true
}

// headOf reports whether a head word is followed by "of" or "for" in the
// run: "Department for Community Safety", "Northern Review of Criminology".
func headOf(v *schema.Vocabulary, toks []token) bool {
	for x := 0; x+2 < len(toks); x++ {
		if v.Is(schema.OrgHead, toks[x].text) && (toks[x+1].text == "of" || toks[x+1].text == "for") {
			return true
		}
	}
	return false
}
