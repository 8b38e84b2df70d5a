package extract

import (
	"regexp"
	"sort"
	"strings"

	"github.com/kgtool/kg/schema"
)

// relater finds the facts between resolved entities, sentence by sentence.
type relater struct {
	v    *schema.Vocabulary
	ents []Entity
	rels map[relKey]*Relation
	byID map[EntityID]int
	// authors lists, per report entity, the entities that authored it
	authors map[int][]int
	// evidence indexes each relation's evidence by sentence, so that a
	// fact stated in thousands of sentences costs one look-up per
	// sentence, not a scan of its evidence so far.
	evidence map[relKey]map[evidenceAt]int
}

// evidenceAt is where a piece of evidence is: its document and the start
// of its sentence.
type evidenceAt struct {
	doc   DocID
	start int
}

type relKey struct {
	t        schema.RelType
	from, to EntityID
}

// add records one fact from one sentence, if the schema allows it.
func (rl *relater) add(t schema.RelType, from, to int, role string, s *sent, rule string, score float64) {
	if from < 0 || to < 0 || from == to {
		return
	}
	fe, te := &rl.ents[from], &rl.ents[to]
	if !t.Allows(fe.Label, te.Label) {
		return
	}
	k := relKey{t, fe.ID, te.ID}
	r := rl.rels[k]
	if r == nil && t == schema.Authored {
		if rl.authors == nil {
			rl.authors = map[int][]int{}
		}
		rl.authors[to] = append(rl.authors[to], from)
	}
	if r == nil {
		r = &Relation{Type: t, From: fe.ID, To: te.ID}
		rl.rels[k] = r
	}
	if t == schema.AffiliatedWith && (r.Role == "" || len(role) > len(r.Role) && role != "member") && role != "" {
		r.Role = role
	}
	if rl.evidence == nil {
		rl.evidence = map[relKey]map[evidenceAt]int{}
	}
	at := rl.evidence[k]
	if at == nil {
		at = map[evidenceAt]int{}
		rl.evidence[k] = at
	}
	if i, ok := at[evidenceAt{s.doc.ID, s.Start}]; ok {
		if score > r.Evidence[i].Score {
			r.Evidence[i].Score, r.Evidence[i].Rule = score, rule
		}
		return
	}
	at[evidenceAt{s.doc.ID, s.Start}] = len(r.Evidence)
	r.Evidence = append(r.Evidence, Evidence{
		Doc: s.doc.ID, Sentence: s.Index, Span: s.Span,
		Text: s.doc.Text[s.Start:s.End], Rule: rule, Score: score,
	})
}

// docCtx carries what a document's earlier sentences tell the later ones:
// who "he" is, who wrote the piece being quoted, which policy the text is
// about.
type docCtx struct {
	d           *docState
	lastPerson  int
	lastGroup   []int
	groupSent   int
	pieceAuthor int // author of a reproduced piece, for its sentences
	pieceSect   int
	paraSource  []int
	paraLine    int
	quoteSource int
	quoteSect   int
	// quoteOpen counts quotes left open by earlier sentences; quoteSpeaker
	// said the last quote.
	quoteOpen        int
	quoteSpeaker     int
	quoteSpeakerSent int
	dominant         int // the policy the document is most about
	lastReport       int
	publisher        int
	lastOrg          int // the last organisation named that is not a known body
	prevSubjOrg      int // the organisation the previous sentence opened with
	// roleHolder maps a vocabulary role ("chief inspector of prisons") to
	// the person the document names in it
	roleHolder map[int]int
	// lastContract is the contract last named, or -1
	lastContract int
}

// relations returns the facts relateDoc found in every document, sorted.
func (rl *relater) relations() []Relation {
	out := make([]Relation, 0, len(rl.rels))
	for _, r := range rl.rels {
		sort.Slice(r.Evidence, func(a, b int) bool {
			x, y := r.Evidence[a], r.Evidence[b]
			if x.Doc != y.Doc {
				return x.Doc < y.Doc
			}
			return x.Start < y.Start
		})
		if r.Type == schema.AffiliatedWith && r.Role == "" {
			r.Role = "member"
		}
		out = append(out, *r)
	}
	sort.Slice(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if x.Type != y.Type {
			return relOrder(x.Type) < relOrder(y.Type)
		}
		if x.From != y.From {
			return x.From < y.From
		}
		return x.To < y.To
	})
	return out
}

func relOrder(t schema.RelType) int {
	for i, x := range schema.FactTypes {
		if x == t {
			return i
		}
	}
	return len(schema.FactTypes)
}

func (rl *relater) label(e int) schema.Label {
	if e < 0 {
		return ""
	}
	return rl.ents[e].Label
}

// dominantPolicy is the policy a document names most, the post counting
// twice as much as the comments; ties go to the first named.
func (rl *relater) dominantPolicy(d *docState) int {
	count := map[int]int{}
	first := map[int]int{}
	for _, s := range d.sents {
		w := 1
		if s.Section >= 0 && s.Section < len(d.doc.Sections) {
			switch d.doc.Sections[s.Section].Kind {
			case SectionPost, SectionTitle, SectionQuote:
				w = 2
			}
		}
		for _, c := range s.cands {
			if c.ent >= 0 && rl.label(c.ent) == schema.Policy {
				if _, ok := first[c.ent]; !ok {
					first[c.ent] = c.Start
				}
				count[c.ent] += w
			}
		}
	}
	best := -1
	for e, n := range count {
		if best < 0 || n > count[best] || n == count[best] && first[e] < first[best] {
			best = e
		}
	}
	return best
}

// topicOrg returns the organisation, not a vocabulary body, that the
// document names clearly more often than any other, or -1.
func (rl *relater) topicOrg(d *docState) int {
	count := map[int]int{}
	for _, s := range d.sents {
		for _, c := range s.cands {
			if c.ent >= 0 && c.body < 0 && !c.implied && rl.label(c.ent) == schema.Organisation {
				count[c.ent]++
			}
		}
	}
	best, second := -1, 0
	for e, n := range count {
		switch {
		case best < 0 || n > count[best] || n == count[best] && e < best:
			if best >= 0 {
				second = max(second, count[best])
			}
			best = e
		default:
			second = max(second, n)
		}
	}
	if best < 0 || count[best] < 2 || count[best] <= second {
		return -1
	}
	return best
}

// roleHolders maps each vocabulary role the document gives a named person
// ("X, the chief inspector of prisons", "the justice secretary, X") to that
// person; a role given to two people is left out.
func (rl *relater) roleHolders(d *docState) map[int]int {
	out := map[int]int{}
	bad := map[int]bool{}
	for _, s := range d.sents {
		for i := range s.toks {
			m, ok := s.has(i, schema.PhraseRole)
			if !ok {
				continue
			}
			end := i + m.Len
			p := -1
			for _, c := range s.cands {
				if c.ent < 0 || rl.label(c.ent) != schema.Person {
					continue
				}
				x := i
				if s.lowerAt(x-1) == "the" {
					x--
				}
				if c.t1 == x && x < len(s.toks) && strings.TrimSpace(s.toks[x].gap) == "," || c.t0 == end || end < len(s.toks) && c.t0 == end+1 && strings.TrimSpace(s.toks[end].gap) == "," {
					p = c.ent
				}
			}
			if p < 0 {
				continue
			}
			if q, ok := out[m.Index]; ok && q != p {
				bad[m.Index] = true
			}
			out[m.Index] = p
		}
	}
	for k := range bad {
		delete(out, k)
	}
	return out
}

// coordRE matches what joins two names in a list when the first carries
// its acronym: " (HMIP) and ".
var coordRE = regexp.MustCompile(`^\s*(\([^()]{1,12}\))?\s*(,|and|&|,\s*and)\s*$`)

var separatorRE = regexp.MustCompile(`^[-=_*~o0O. ]+$`)

func (rl *relater) relateDoc(d *docState) {
	ctx := &docCtx{d: d, lastPerson: -1, pieceAuthor: -1, pieceSect: -2, quoteSource: -1, paraLine: -1, lastReport: -1, publisher: -1, lastOrg: -1, prevSubjOrg: -1, quoteSpeaker: -1, quoteSpeakerSent: -1}
	ctx.dominant = rl.dominantPolicy(d)
	ctx.roleHolder = rl.roleHolders(d)
	ctx.lastContract = -1
	for si, s := range d.sents {
		text := d.doc.Text[s.Start:s.End]
		if separatorRE.MatchString(text) || s.heading && (text == "Postscript" || text == "Update" || text == "PS") {
			ctx.pieceAuthor = -1
		}
		if s.Section != ctx.pieceSect {
			ctx.pieceAuthor = -1
		}
		if si > 0 && s.Section != d.sents[si-1].Section {
			ctx.quoteOpen, ctx.quoteSpeaker = 0, -1
		}
		line := s.line
		if line != ctx.paraLine {
			ctx.paraSource = nil
			ctx.paraLine = line
		}
		if s.Section != ctx.quoteSect || !startsWithQuote(text) {
			if !(si > 0 && strings.HasSuffix(strings.TrimSpace(d.doc.Text[d.sents[si-1].Start:d.sents[si-1].End]), ":")) {
				ctx.quoteSource = -1
			}
		}
		rl.affiliations(ctx, s)
		rl.authorship(ctx, si, s)
		rl.awards(ctx, s)
		rl.criticism(ctx, s)
		// remember who was named, for pronouns
		ctx.prevSubjOrg = -1
		for _, c := range s.cands {
			if c.ent >= 0 && c.t0 <= 2 && rl.label(c.ent) == schema.Organisation {
				ctx.prevSubjOrg = c.ent
			}
		}
		var persons []int
		for _, c := range s.cands {
			if c.ent >= 0 && rl.label(c.ent) == schema.Person {
				ctx.lastPerson = c.ent
				persons = append(persons, c.ent)
			}
			if c.ent >= 0 && rl.label(c.ent) == schema.Organisation && c.body < 0 {
				ctx.lastOrg = c.ent
			}
		}
		if len(persons) >= 2 {
			ctx.lastGroup, ctx.groupSent = persons, si
		} else if len(persons) == 1 {
			ctx.lastGroup, ctx.groupSent = persons, si
		}
		// an introducer line "… the Okonjo et al paper … :"
		if strings.HasSuffix(strings.TrimRight(text, "-"), ":") {
			switch {
			case len(persons) == 1:
				ctx.quoteSource, ctx.quoteSect = persons[0], s.Section
			case len(persons) == 0 && si > 0 && d.sents[si-1].line == line && ctx.lastPerson >= 0:
				ctx.quoteSource, ctx.quoteSect = ctx.lastPerson, s.Section
			}
		}
	}
}

func startsWithQuote(s string) bool {
	return strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "“") || strings.HasPrefix(s, "‘") || strings.HasPrefix(s, "'")
}

// entAt returns the candidate starting at token i (after an optional
// determiner), or nil.
func entAt(s *sent, i int) *cand {
	if i < len(s.toks) && determiners[s.lowerAt(i)] {
		i++
	}
	for _, c := range s.cands {
		if c.t0 == i && c.ent >= 0 {
			return c
		}
	}
	return nil
}

func candEndingAt(s *sent, j int) *cand {
	for _, c := range s.cands {
		if c.t1 == j && c.ent >= 0 {
			return c
		}
	}
	return nil
}

// roleAt reads a role phrase starting at token i: the role words (and
// "the", "former", "acting"), up to "of", "at", "for" or the end of the
// clause. It returns the role, the token after it, and the body a
// vocabulary role implies (-1 if none).
func (rl *relater) roleAt(s *sent, i int) (string, int, int) {
	start := i
	for i < len(s.toks) && (s.lowerAt(i) == "the" || s.lowerAt(i) == "a" || s.lowerAt(i) == "an" || s.lowerAt(i) == "his" || s.lowerAt(i) == "her") && s.tight(i+1) {
		i++
	}
	if m, ok := s.has(i, schema.PhraseRole); ok {
		end := i + m.Len
		return s.doc.Text[s.toks[i].Start:s.toks[end-1].End], end, rl.v.BodyIndex(rl.v.Roles[m.Index].Body)
	}
	j := i
	found := false
	for j < len(s.toks) && j-i < 8 {
		if j > i && !s.tight(j) {
			break
		}
		w := s.lowerAt(j)
		if w == "of" || w == "at" || w == "for" || w == "with" {
			if found {
				break
			}
		}
		if m, ok := s.has(j, schema.PhraseRoleWord); ok {
			found = true
			j += m.Len
			continue
		}
		if s.toks[j].lower || s.toks[j].cap && !s.claimed[j] {
			j++
			continue
		}
		break
	}
	if !found {
		return "", start, -1
	}
	// trim trailing words after the last role word
	end := j
	for end > i {
		if _, ok := s.has(end-1, schema.PhraseRoleWord); ok {
			break
		}
		ok := false
		for k := i; k < end; k++ {
			if m, has := s.has(k, schema.PhraseRoleWord); has && k+m.Len == end {
				ok = true
			}
		}
		if ok {
			break
		}
		end--
	}
	if end <= i {
		return "", start, -1
	}
	return s.doc.Text[s.toks[i].Start:s.toks[end-1].End], end, -1
}

// orgAfter finds an organisation after "of", "at", "for", "from" at token
// i: "of the Harbour Trust", "of the teachers' union Edunite".
func orgAfter(rl *relater, s *sent, i int) *cand {
	w := s.lowerAt(i)
	if w != "of" && w != "at" && w != "for" && w != "from" && w != "with" {
		return nil
	}
	for k := i + 1; k < len(s.toks) && k <= i+5; k++ {
		if k > i+1 && strings.ContainsAny(s.toks[k].gap, ",;.()—–") {
			break
		}
		if c := entAt(s, k); c != nil && rl.label(c.ent) == schema.Organisation {
			return c
		}
		if !s.toks[k].lower {
			break
		}
	}
	return nil
}

// bodyEnt returns the entity of a vocabulary body named in the document, or -1.
func (rl *relater) bodyEnt(d *docState, body int) int {
	if body < 0 {
		return -1
	}
	id := Key(rl.v.Bodies[body].Label, rl.v.Bodies[body].Name)
	for _, s := range d.sents {
		for _, c := range s.cands {
			if c.ent >= 0 && (c.body == body || rl.ents[c.ent].ID == id) {
				return c.ent
			}
		}
	}
	return -1
}

// affiliations finds AFFILIATED_WITH: appositive roles, roles before a
// name, "X is the director of Y", "X from Y", "X worked for Y as Z".
func (rl *relater) affiliations(ctx *docCtx, s *sent) {
	for _, p := range s.cands {
		if p.ent < 0 || rl.label(p.ent) != schema.Person {
			continue
		}
		j := p.t1
		// "Rosa Finch, chief executive of the Harbour Trust"
		if j < len(s.toks) && strings.TrimSpace(s.toks[j].gap) == "," {
			role, k, body := rl.roleAt(s, j)
			if role != "" {
				if body >= 0 {
					rl.add(schema.AffiliatedWith, p.ent, rl.bodyEnt(ctx.d, body), role, s, "appositive-role", 0.9)
				} else if o := orgAfter(rl, s, k); o != nil {
					rl.add(schema.AffiliatedWith, p.ent, o.ent, role, s, "appositive-role", 0.9)
				}
				// "Oswin Thackeray, general secretary of the monitoring union UMS"
			}
			// "(The Rev Paul Hart), her favourite Gazette crossword setter"
			for k := j; k < len(s.toks) && k < j+4; k++ {
				if o := entAt(s, k); o != nil && rl.label(o.ent) == schema.Organisation {
					if m, ok := s.has(o.t1, schema.PhraseRoleWord); ok && !s.toks[o.t1].cap || ok && s.toks[o.t1].upper && s.tight(o.t1) {
						rl.add(schema.AffiliatedWith, p.ent, o.ent, s.doc.Text[s.toks[o.t1].Start:s.toks[o.t1+m.Len-1].End], s, "appositive-org-role", 0.8)
					}
					break
				}
			}
		}
		// ") , his favourite …" after a bracketed name
		if j < len(s.toks) && strings.TrimSpace(s.toks[j].gap) == ")," {
			for k := j; k < len(s.toks) && k < j+4; k++ {
				if o := entAt(s, k); o != nil && rl.label(o.ent) == schema.Organisation {
					if m, ok := s.has(o.t1, schema.PhraseRoleWord); ok && s.toks[o.t1].lower {
						rl.add(schema.AffiliatedWith, p.ent, o.ent, s.doc.Text[s.toks[o.t1].Start:s.toks[o.t1+m.Len-1].End], s, "appositive-org-role", 0.8)
					}
					break
				}
			}
		}
		// "Chair of the Committee, Jane Doe, said", "Veltrax's chief
		// executive, Tom Rudd, said": a role and its body before the name
		if p.t0 >= 2 && strings.TrimSpace(s.toks[p.t0].gap) == "," {
			st := 0
			for k := p.t0 - 1; k > 0; k-- {
				if strings.ContainsAny(s.toks[k].gap, ",;:\"“") {
					st = k
					break
				}
			}
			if o := entAt(s, st); o != nil && rl.label(o.ent) == schema.Organisation && s.toks[o.t1-1].poss {
				if role, e, _ := rl.roleAt(s, o.t1); role != "" && e == p.t0 {
					rl.add(schema.AffiliatedWith, p.ent, o.ent, role, s, "org-role-comma-name", 0.8)
				}
			} else if role, e, body := rl.roleAt(s, st); role != "" {
				if o := orgAfter(rl, s, e); o != nil && o.t1 == p.t0 {
					rl.add(schema.AffiliatedWith, p.ent, o.ent, role, s, "role-of-org-comma-name", 0.8)
				} else if body >= 0 && e == p.t0 {
					rl.add(schema.AffiliatedWith, p.ent, rl.bodyEnt(ctx.d, body), role, s, "role-of-org-comma-name", 0.8)
				}
			}
		}
		// "Labour MP Jane Doe"
		if k := p.t0 - 1; k >= 1 && postNominals[s.toks[k].text] && s.tight(p.t0) {
			if o := candEndingAt(s, k); o != nil && rl.label(o.ent) == schema.Organisation && s.tight(k) {
				rl.add(schema.AffiliatedWith, p.ent, o.ent, s.toks[k].text, s, "org-role-name", 0.85)
			}
		}
		// "Professor Ruth Ames of the University of Harwick"
		if s.lowerAt(j) == "of" && s.tight(j) {
			if o := orgAfter(rl, s, j); o != nil && o.t0 <= j+2 && !o.implied {
				rl.add(schema.AffiliatedWith, p.ent, o.ent, "member", s, "name-of-org", 0.7)
			}
		}
		// "Its chair, Tom Rudd, said": the organisation the last sentence was about
		if p.t0 >= 2 && strings.HasSuffix(strings.TrimSpace(s.toks[p.t0].gap), ",") {
			org := ctx.prevSubjOrg
			if org < 0 {
				org = rl.topicOrg(ctx.d) // the organisation the article is about
			}
			if w := s.lowerAt(0); (w == "its" || w == "their") && org >= 0 {
				if m, ok := s.has(1, schema.PhraseRoleWord); ok && 1+m.Len == p.t0 {
					rl.add(schema.AffiliatedWith, p.ent, org, s.doc.Text[s.toks[1].Start:s.toks[p.t0-1].End], s, "its-role-name", 0.75)
				}
			}
		}
		// "former justice minister Jane Doe", "UMS chairman Tom Rudd"
		for k := p.t0 - 1; k >= 0 && k >= p.t0-5; k-- {
			if !s.tight(k + 1) {
				break
			}
			if m, ok := s.has(k, schema.PhraseRole); ok && k+m.Len == p.t0 {
				body := rl.v.BodyIndex(rl.v.Roles[m.Index].Body)
				rl.add(schema.AffiliatedWith, p.ent, rl.bodyEnt(ctx.d, body), s.doc.Text[s.toks[k].Start:s.toks[p.t0-1].End], s, "role-before-name", 0.85)
				break
			}
			if m, ok := s.has(k, schema.PhraseRoleWord); ok && k+m.Len == p.t0 && s.toks[k].lower {
				if o := candEndingAt(s, k); o != nil && rl.label(o.ent) == schema.Organisation && s.tight(k) {
					rl.add(schema.AffiliatedWith, p.ent, o.ent, s.doc.Text[s.toks[k].Start:s.toks[p.t0-1].End], s, "org-role-name", 0.85)
				}
				break
			}
		}
		// "Meg Hillier, who chairs the Public Accounts Committee", "…, the
		// Conservative MP who chairs the Justice Committee"
		for k := j; k+1 < len(s.toks) && k <= j+8; k++ {
			if s.lowerAt(k) != "who" {
				continue
			}
			role := ""
			if w := s.lowerAt(k + 1); w == "also" || w == "now" || w == "currently" || w == "still" {
				k++ // "who also sits on the board"
			}
			switch s.lowerAt(k + 1) {
			case "chairs":
				role = "chair"
			case "leads":
				role = "leader"
			case "heads":
				role = "head"
			case "runs", "directs":
				role = "director"
			case "founded":
				role = "founder"
			case "sits":
				role = "member" // "who sits on the committee"
				if s.lowerAt(k+2) == "on" {
					k++
				}
			}
			if role != "" {
				// "who chairs the campaign group Fair Lane": common nouns
				// may stand between the verb and the name
				for x := k + 2; x < len(s.toks) && x <= k+6; x++ {
					if o := entAt(s, x); o != nil && rl.label(o.ent) == schema.Organisation {
						rl.add(schema.AffiliatedWith, p.ent, o.ent, role, s, "who-chairs", 0.8)
						break
					}
					if !s.toks[x].lower || strings.ContainsAny(s.toks[x].gap, ",;()") {
						break
					}
				}
			}
			break
		}
		// "Jane Doe (Green)" in a list of members: a party in brackets
		if j < len(s.toks) && strings.TrimSpace(s.toks[j].gap) == "(" {
			if o := entAt(s, j); o != nil && o.body >= 0 && rl.v.Bodies[o.body].Party {
				rl.add(schema.AffiliatedWith, p.ent, o.ent, "member", s, "name-party", 0.8)
			}
		}
		// "Jane Doe in her role as Justice Secretary"
		if s.lowerAt(j) == "in" && (s.lowerAt(j+1) == "his" || s.lowerAt(j+1) == "her") && s.lowerAt(j+2) == "role" && s.lowerAt(j+3) == "as" {
			if m, ok := s.has(j+4, schema.PhraseRole); ok {
				body := rl.v.BodyIndex(rl.v.Roles[m.Index].Body)
				rl.add(schema.AffiliatedWith, p.ent, rl.bodyEnt(ctx.d, body), s.doc.Text[s.toks[j+4].Start:s.toks[j+4+m.Len-1].End], s, "role-as", 0.85)
			}
		}
		// "Magnus Eriksen is the director of the Centre … and visiting fellow at Harwick University"
		if s.lowerAt(j) == "is" || s.lowerAt(j) == "was" || s.lowerAt(j) == "became" {
			k := j + 1
			for round := 0; round < 3 && k < len(s.toks); round++ {
				if o := entAt(s, k); o != nil && rl.label(o.ent) == schema.Organisation {
					// "is Labour MP for Harwick North"
					if m, ok := s.has(o.t1, schema.PhraseRoleWord); ok {
						rl.add(schema.AffiliatedWith, p.ent, o.ent, s.doc.Text[s.toks[o.t1].Start:s.toks[o.t1+m.Len-1].End], s, "is-org-role", 0.85)
						k = o.t1 + m.Len
					} else {
						break
					}
				} else {
					role, e, body := rl.roleAt(s, k)
					if role == "" {
						break
					}
					if body >= 0 {
						rl.add(schema.AffiliatedWith, p.ent, rl.bodyEnt(ctx.d, body), role, s, "is-role-of", 0.85)
					} else if o := orgAfter(rl, s, e); o != nil {
						rl.add(schema.AffiliatedWith, p.ent, o.ent, role, s, "is-role-of", 0.85)
						e = o.t1
					}
					k = e
				}
				// coordinated roles: "and senior visiting research fellow at …"
				for k < len(s.toks) && (s.lowerAt(k) == "and" || s.lowerAt(k) == "a" || s.lowerAt(k) == "an") {
					k++
				}
			}
		}
		// "Tom Rudd from the Ministry of Justice", "Ann Reid, latterly of Kent Probation"
		k := j
		if strings.TrimSpace(s.toks[min(j, len(s.toks)-1)].gap) == "," && (s.lowerAt(j) == "latterly" || s.lowerAt(j) == "formerly" || s.lowerAt(j) == "now") {
			k = j + 1
		}
		if w := s.lowerAt(k); (w == "from" || w == "of" && k > j) && (k == j && s.tight(k) || k > j) {
			if o := orgAfter(rl, s, k); o != nil && o.t0 <= k+2 {
				role := "member"
				if k > j {
					role = s.lowerAt(j)
				}
				rl.add(schema.AffiliatedWith, p.ent, o.ent, role, s, "name-from-org", 0.75)
			}
		}
	}
	rl.coordinatedAffiliations(s)
	// "Helen worked for Shelterwise, the housing charity as head of policy"
	for i := 0; i < len(s.toks); i++ {
		w := s.lowerAt(i)
		if w != "worked" && w != "works" && w != "joined" && w != "joining" && w != "work" {
			continue
		}
		x := i + 1
		if s.lowerAt(x) == "for" || s.lowerAt(x) == "at" {
			x++
		}
		o := entAt(s, x)
		if o == nil || rl.label(o.ent) != schema.Organisation {
			continue
		}
		subj := rl.subjectOf(ctx, s, i, true)
		if subj < 0 || rl.label(subj) != schema.Person {
			continue
		}
		role := "staff"
		for k := o.t1; k < len(s.toks) && k < o.t1+10; k++ {
			if s.lowerAt(k) == "as" {
				if r, _, _ := rl.roleAt(s, k+1); r != "" {
					role = r
				}
				break
			}
		}
		rl.add(schema.AffiliatedWith, subj, o.ent, role, s, "worked-for", 0.75)
	}
}

// coordinatedWith returns the people or organisations listed with the
// entity e before token k: "Ann Reid and Iolo Hart attacked the plan".
func (rl *relater) coordinatedWith(s *sent, e, k int) []int {
	var list []*cand
	for _, c := range s.cands {
		if c.ent >= 0 && c.t1 <= k && (rl.label(c.ent) == schema.Person || rl.label(c.ent) == schema.Organisation) {
			list = append(list, c)
		}
	}
	var out []int
	for b := len(list) - 1; b > 0; b-- {
		if list[b].ent != e {
			continue
		}
		for a := b - 1; a >= 0 && coordinated(s, list[a], list[a+1]); a-- {
			if rl.label(list[a].ent) == rl.label(e) {
				out = append(out, list[a].ent)
			}
		}
		break
	}
	return out
}

// reportingOrg returns the organisation that opens one of the three
// sentences before si as the subject of a verb of speech, criticism or
// publication, the nearest first, or -1.
func (rl *relater) reportingOrg(ctx *docCtx, si int) int {
	for k := si - 1; k >= 0 && k >= si-3; k-- {
		s := ctx.d.sents[k]
		for _, c := range s.cands {
			if c.ent < 0 || c.t0 > 2 || rl.label(c.ent) != schema.Organisation {
				continue
			}
			for x := c.t1; x < len(s.toks) && x <= c.t1+2; x++ {
				for _, kind := range []schema.PhraseKind{schema.PhraseSpeech, schema.PhraseCriticismVerb, schema.PhraseAuthored} {
					if _, ok := s.has(x, kind); ok {
						return c.ent
					}
				}
			}
		}
	}
	return -1
}

// coordinatedAffiliations gives every person of a list the organisation
// the list is of: "Ann Reid and Iolo Hart of the union", and "Members of
// the committee include Ann Reid, Iolo Hart and Ben Cole".
func (rl *relater) coordinatedAffiliations(s *sent) {
	var people []*cand
	for _, c := range s.cands {
		if c.ent >= 0 && rl.label(c.ent) == schema.Person {
			people = append(people, c)
		}
	}
	// a list of people closed by "of ORG" or "from ORG"
	for a := 0; a < len(people); a++ {
		b := a
		for b+1 < len(people) && coordinated(s, people[b], people[b+1]) {
			b++
		}
		if b > a {
			last := people[b]
			if w := s.lowerAt(last.t1); (w == "of" || w == "from") && s.tight(last.t1) {
				if o := orgAfter(rl, s, last.t1); o != nil && o.t0 <= last.t1+2 && !o.implied {
					for _, p := range people[a:b] {
						rl.add(schema.AffiliatedWith, p.ent, o.ent, "member", s, "names-of-org", 0.7)
					}
				}
			}
		}
		a = b
	}
	// "Members of the X include …", "The X's members are …"
	for i := 0; i+1 < len(s.toks); i++ {
		if s.lowerAt(i) != "members" || s.lowerAt(i+1) != "of" {
			continue
		}
		o := orgAfter(rl, s, i+1)
		if o == nil {
			continue
		}
		switch s.lowerAt(o.t1) {
		case "include", "included", "are", "were", "comprise":
		default:
			continue
		}
		for _, p := range people {
			if p.t0 > o.t1 {
				rl.add(schema.AffiliatedWith, p.ent, o.ent, "member", s, "members-include", 0.75)
			}
		}
	}
}

// sentenceSubjectOrg is the organisation that opens the sentence before
// token k, or -1.
func (rl *relater) sentenceSubjectOrg(s *sent, k int) int {
	for _, c := range s.cands {
		if c.ent >= 0 && c.t0 <= 2 && c.t1 <= k && rl.label(c.ent) == schema.Organisation && !c.implied {
			return c.ent
		}
	}
	return -1
}

// subjectBefore finds the subject of the verb at token i: the last person
// or organisation named before it in the clause, or a pronoun's referent.
func (rl *relater) subjectBefore(ctx *docCtx, s *sent, i int) int {
	return rl.subjectOf(ctx, s, i, false)
}

func (rl *relater) subjectOf(ctx *docCtx, s *sent, i int, person bool) int {
	reach := 14
	if person {
		reach = 30
	}
	for k := i - 1; k >= 0 && k >= i-reach; k-- {
		w := s.lowerAt(k)
		if w == "he" || w == "she" {
			return ctx.lastPerson
		}
		// "it criticised", "they have warned": the organisation the
		// sentence or the one before it is about
		if (w == "it" || w == "they") && !person && k >= i-3 {
			if o := rl.sentenceSubjectOrg(s, k); o >= 0 {
				return o
			}
			if ctx.prevSubjOrg >= 0 {
				return ctx.prevSubjOrg
			}
			return -1
		}
		// "the chief inspector of prisons has condemned": the person the
		// document names in that post
		if m, ok := s.has(k, schema.PhraseRole); ok && k+m.Len <= i && k+m.Len >= i-2 && s.lowerAt(k-1) == "the" {
			if p, ok := ctx.roleHolder[m.Index]; ok {
				return p
			}
		}
		if c := candEndingAt(s, k+1); c != nil && !c.implied && (rl.label(c.ent) == schema.Person || !person && rl.label(c.ent) == schema.Organisation) {
			// "X, general secretary of Y, called …": the person, not the
			// body in the appositive
			if rl.label(c.ent) == schema.Organisation && strings.Contains(s.toks[i].gap, ",") {
				for _, p := range s.cands {
					if p.ent >= 0 && rl.label(p.ent) == schema.Person && p.t1 < c.t0 && c.t0-p.t1 <= 10 && p.t1 < len(s.toks) && strings.TrimSpace(s.toks[p.t1].gap) == "," {
						return p.ent
					}
				}
			}
			return c.ent
		}
		if strings.ContainsAny(s.toks[k].gap, ";.") {
			break
		}
	}
	return -1
}

// authorship finds AUTHORED: "report by X", "X's report", "X published",
// bylines "(Editor)", "…, X argues" after a title.
func (rl *relater) authorship(ctx *docCtx, si int, s *sent) {
	for _, c := range s.cands {
		if c.ent < 0 || rl.label(c.ent) != schema.Report {
			continue
		}
		ctx.lastReport = c.ent
		if c.authorTok >= 0 {
			if a := entAt(s, c.authorTok); a != nil {
				rule := "report-by"
				if a.t1 <= c.t0 {
					rule = "possessive-report"
				}
				rl.add(schema.Authored, a.ent, c.ent, "", s, rule, 0.9)
			} else if a := candEndingAt(s, c.authorTok+1); a != nil {
				rl.add(schema.Authored, a.ent, c.ent, "", s, "possessive-report", 0.85)
			} else if w := s.lowerAt(c.authorTok); w == "lawyers" || w == "solicitors" {
				// "by lawyers acting for the union"
				for k := c.authorTok + 1; k < len(s.toks) && k < c.authorTok+5; k++ {
					if o := orgAfter(rl, s, k); o != nil {
						rl.add(schema.Authored, o.ent, c.ent, "", s, "report-by-agent", 0.75)
						break
					}
				}
			}
			// "by Tamsin Okonjo on the Civic Ledger website"
			if a := entAt(s, c.authorTok); a != nil && s.lowerAt(a.t1) == "on" {
				if o := entAt(s, a.t1+1); o != nil && rl.label(o.ent) == schema.Organisation && (s.lowerAt(o.t1) == "website" || s.lowerAt(o.t1) == "blog" || s.lowerAt(o.t1) == "site") {
					rl.add(schema.Authored, o.ent, c.ent, "", s, "report-on-website", 0.75)
				}
			}
		}
		// "Its report, dated …": the body a recent sentence opened with
		// and made find, say, criticise or publish something
		if c.itsReport && c.authorTok < 0 {
			if o := rl.reportingOrg(ctx, si); o >= 0 {
				rl.add(schema.Authored, o, c.ent, "", s, "its-dated-report", 0.7)
			}
		}
		// "the Audit Office review": an organisation naming the report it wrote
		for _, o := range s.cands {
			if o.ent >= 0 && o.t0 >= c.t0 && o.t1 < c.t1 && rl.label(o.ent) == schema.Organisation && c.authorTok < 0 {
				rl.add(schema.Authored, o.ent, c.ent, "", s, "org-report", 0.7)
			}
		}
		// "ORG, in a report …"
		if c.t0 >= 3 && s.lowerAt(c.t0-1) == "a" && s.lowerAt(c.t0-2) == "in" {
			if o := candEndingAt(s, c.t0-2); o != nil {
				rl.add(schema.Authored, o.ent, c.ent, "", s, "in-a-report", 0.7)
			}
		}
		// "X has published a special edition", "Presenting a … report, …, X said"
		for k := 0; k < len(s.toks); k++ {
			m, ok := s.has(k, schema.PhraseAuthored)
			if !ok {
				continue
			}
			if k > c.t0 && k < c.t1 {
				continue
			}
			var a int = -1
			if k < c.t0 {
				a = rl.subjectBefore(ctx, s, k)
				if a < 0 && k == 0 {
					// "Presenting a report, …, Nadia Okafor, chief inspector, said"
					a = rl.speaker(ctx, s)
				}
			} else if s.lowerAt(k) == "published" && k == c.t1+1 {
				continue
			}
			_ = m
			if a >= 0 && a != c.ent {
				rl.add(schema.Authored, a, c.ent, "", s, "author-verb", 0.75)
				// "A and B published a joint report"
				for ci := len(s.cands) - 1; ci >= 0; ci-- {
					if ac := s.cands[ci]; ac.ent == a {
						for _, b := range s.cands {
							if b.ent >= 0 && b.ent != a && !b.implied && b.t1 <= ac.t0 && (coordinated(s, b, ac) || coordRE.MatchString(s.doc.Text[b.End:ac.Start])) && (rl.label(b.ent) == schema.Organisation || rl.label(b.ent) == schema.Person) {
								rl.add(schema.Authored, b.ent, c.ent, "", s, "author-verb", 0.7)
							}
						}
					}
				}
				break
			}
		}
		// "… issue of this journal, ‘Title’": the journal the document names
		if c.title && c.t0 >= 2 {
			before := strings.ToLower(s.doc.Text[s.Start:c.Start])
			for _, noun := range []string{"this journal", "the journal", "this newspaper", "the newspaper", "this paper"} {
				if strings.Contains(before, noun) {
					if o := rl.docOrgWithHead(ctx.d, strings.Fields(noun)[1]); o >= 0 {
						rl.add(schema.Authored, o, c.ent, "", s, "this-journal", 0.7)
					}
				}
			}
		}
		// a heading title: the standfirst "…, X argues" or the line that
		// introduced it ("the Gazette is blunt:-")
		if c.title && s.heading {
			author := -1
			introduced := false
			if si > 0 {
				p := ctx.d.sents[si-1]
				introduced = strings.HasSuffix(strings.TrimRight(strings.TrimSpace(s.doc.Text[p.Start:p.End]), "-"), ":")
			}
			for n := si + 1; n < len(ctx.d.sents) && n <= si+2 && author < 0; n++ {
				ns := ctx.d.sents[n]
				for k := range ns.toks {
					if w := ns.lowerAt(k); w == "argues" || w == "writes" || w == "reports" {
						if p := candEndingAt(ns, k); p != nil && rl.label(p.ent) == schema.Person {
							author = p.ent
							rl.add(schema.Authored, p.ent, c.ent, "", ns, "standfirst-author", 0.8)
						}
					}
				}
			}
			if author < 0 && si > 0 {
				prev := ctx.d.sents[si-1]
				pt := strings.TrimSpace(s.doc.Text[prev.Start:prev.End])
				if strings.HasSuffix(strings.TrimRight(pt, "-"), ":") {
					for _, pc := range prev.cands {
						if pc.ent >= 0 && pc.ent != c.ent {
							l := rl.label(pc.ent)
							if l == schema.Report {
								author = -2
								break
							}
							if l == schema.Organisation || l == schema.Person {
								author = pc.ent
							}
						}
					}
					if author >= 0 {
						rl.add(schema.Authored, author, c.ent, "", prev, "introduced-piece", 0.7)
					}
				}
			}
			if author == -2 || author < 0 {
				// the piece was described just before: its authors wrote it
				for _, a := range rl.authors[c.ent] {
					if author < 0 || rl.label(a) == schema.Person && rl.label(author) != schema.Person {
						author = a // a person who wrote it speaks for it first
					}
				}
			}
			if author >= 0 && introduced {
				ctx.pieceAuthor, ctx.pieceSect = author, s.Section
			}
		}
	}
	// bylines: "Jane Ashdown (Guest Editor)"
	for _, p := range s.cands {
		if p.ent < 0 || rl.label(p.ent) != schema.Person || p.t1 >= len(s.toks) {
			continue
		}
		if strings.TrimSpace(s.toks[p.t1].gap) != "(" {
			continue
		}
		m, ok := s.has(p.t1, schema.PhraseRoleWord)
		if !ok {
			continue
		}
		role := s.doc.Text[s.toks[p.t1].Start:s.toks[p.t1+m.Len-1].End]
		lr := strings.ToLower(role)
		if !strings.Contains(lr, "editor") && !strings.Contains(lr, "author") && !strings.Contains(lr, "writer") {
			continue
		}
		rep, pub := rl.mainReport(ctx.d)
		if rep >= 0 {
			rl.add(schema.Authored, p.ent, rep, "", s, "byline", 0.8)
		}
		if pub >= 0 {
			rl.add(schema.AffiliatedWith, p.ent, pub, lr, s, "byline-role", 0.75)
		}
	}
}

// docOrgWithHead returns the organisation of the document whose name has
// the head word ("journal"), or -1.
func (rl *relater) docOrgWithHead(d *docState, head string) int {
	for _, s := range d.sents {
		for _, c := range s.cands {
			if c.ent >= 0 && rl.label(c.ent) == schema.Organisation {
				for _, w := range strings.Fields(strings.ToLower(rl.ents[c.ent].Name)) {
					if w == head {
						return c.ent
					}
				}
			}
		}
	}
	return -1
}

// mainReport is the titled publication the document's post is about, and
// the organisation that published it.
func (rl *relater) mainReport(d *docState) (int, int) {
	best := -1
	count := map[int]int{}
	for _, s := range d.sents {
		for _, c := range s.cands {
			if c.ent >= 0 && rl.label(c.ent) == schema.Report {
				count[c.ent]++
				if c.title {
					count[c.ent] += 100 // a titled publication first
				}
			}
		}
	}
	for e, n := range count {
		if best < 0 || n > count[best] || n == count[best] && e < best {
			best = e
		}
	}
	if best < 0 {
		return -1, -1
	}
	for _, a := range rl.authors[best] {
		if rl.ents[a].Label == schema.Organisation {
			return best, a
		}
	}
	return best, -1
}

// docContract is the contract a document names most, or -1.
func (rl *relater) docContract(d *docState) int {
	count := map[int]int{}
	best := -1
	for _, s := range d.sents {
		for _, c := range s.cands {
			if c.ent >= 0 && rl.label(c.ent) == schema.Contract {
				count[c.ent]++
				if best < 0 || count[c.ent] > count[best] {
					best = c.ent
				}
			}
		}
	}
	return best
}

// awards finds AWARDED and AWARDED_TO.
func (rl *relater) awards(ctx *docCtx, s *sent) {
	// "Veltrax Justice Services … was named as preferred bidder for four areas",
	// "Corvanta was picked for Kent": the document's contracts go to them
	for k := 1; k < len(s.toks); k++ {
		w := s.lowerAt(k)
		pb := w == "preferred" && strings.HasPrefix(s.lowerAt(k+1), "bidder")
		picked := (w == "picked" || w == "chosen" || w == "selected") && (s.lowerAt(k-1) == "was" || s.lowerAt(k-1) == "were")
		if !pb && !picked {
			continue
		}
		c := rl.docContract(ctx.d)
		if c < 0 {
			break
		}
		x := k
		for x > 0 && (s.lowerAt(x-1) == "as" || s.lowerAt(x-1) == "named" || s.lowerAt(x-1) == "was" || s.lowerAt(x-1) == "were" || s.lowerAt(x-1) == "the" || s.lowerAt(x-1) == "been" || s.lowerAt(x-1) == "has" || s.lowerAt(x-1) == "have") {
			x--
		}
		// the clause's subject: the first organisation, past an appositive
		// ("Veltrax Justice Services, working with the charity Shelterwise, was named")
		for _, o := range s.cands {
			if o.ent >= 0 && o.t1 <= x && rl.label(o.ent) == schema.Organisation && !o.implied {
				rl.add(schema.AwardedTo, c, o.ent, "", s, "preferred-bidder", 0.7)
				break
			}
		}
		break
	}
	// "X secured the North lots", "Y took over the South lot": a share of
	// the contract the text last named
	for k := 1; k+2 < len(s.toks); k++ {
		w := s.lowerAt(k)
		if !(w == "secured" || w == "won" || w == "wins" || w == "took" && s.lowerAt(k+1) == "over" || w == "takes" && s.lowerAt(k+1) == "over") {
			continue
		}
		x := k + 1
		if s.lowerAt(x) == "over" {
			x++
		}
		share := false
		for y := x; y < len(s.toks) && y <= x+5; y++ {
			if v := s.lowerAt(y); v == "lot" || v == "lots" || v == "franchise" || v == "tender" {
				share = true
				break
			}
		}
		if !share || ctx.lastContract < 0 {
			continue
		}
		if o := candEndingAt(s, k); o != nil && rl.label(o.ent) == schema.Organisation {
			rl.add(schema.AwardedTo, ctx.lastContract, o.ent, "", s, "won-a-lot", 0.7)
		}
	}
	for _, c := range s.cands {
		if c.ent >= 0 && rl.label(c.ent) == schema.Contract {
			ctx.lastContract = c.ent
		}
	}
	for _, c := range s.cands {
		if c.ent < 0 || rl.label(c.ent) != schema.Contract {
			continue
		}
		// "contracts handed out by the MoJ"
		for k := c.t1; k < len(s.toks) && k <= c.t1+3; k++ {
			if m, ok := s.has(k, schema.PhraseAwardBuyer); ok && s.lowerAt(k+m.Len) == "by" {
				if o := entAt(s, k+m.Len+1); o != nil {
					rl.add(schema.Awarded, o.ent, c.ent, "", s, "contract-awarded-by", 0.85)
				}
			}
		}
		// "the justice ministry released the first raft of new contracts",
		// "The MoJ has chosen the companies … under contracts worth £3.7bn"
		for k := c.t0 - 1; k >= 0 && k >= c.t0-30; k-- {
			if _, ok := s.has(k, schema.PhraseAwardBuyer); ok {
				if p := s.lowerAt(k - 1); p == "were" || p == "was" || p == "been" || p == "be" {
					break // passive: the subject is the supplier
				}
				if o := candEndingAt(s, k); o != nil && rl.label(o.ent) == schema.Organisation {
					rl.add(schema.Awarded, o.ent, c.ent, "", s, "org-awards-contract", 0.8)
				} else if a := rl.subjectBefore(ctx, s, k); a >= 0 && rl.label(a) == schema.Organisation {
					rl.add(schema.Awarded, a, c.ent, "", s, "org-awards-contract", 0.7)
				}
				break
			}
		}
		// "Veltrax, Corvanta and Halden — were awarded contracts"
		if c.t0 >= 2 && s.lowerAt(c.t0-1) == "awarded" && (s.lowerAt(c.t0-2) == "were" || s.lowerAt(c.t0-2) == "was" || s.lowerAt(c.t0-2) == "been") {
			for _, o := range s.cands {
				if o.t1 <= c.t0-2 && o.ent >= 0 && rl.label(o.ent) == schema.Organisation {
					rl.add(schema.AwardedTo, c.ent, o.ent, "", s, "orgs-were-awarded", 0.85)
				}
			}
		}
		// "the school catering contract they have", "Corvanta won the contract"
		after := strings.ToLower(strings.TrimSpace(s.doc.Text[c.End:min(s.End, c.End+16)]))
		if strings.HasPrefix(after, "they have") || strings.HasPrefix(after, "it has") || strings.HasPrefix(after, "it holds") || strings.HasPrefix(after, "they hold") {
			var orgs []int
			for _, o := range s.cands {
				if o.ent >= 0 && o.t1 <= c.t0 && rl.label(o.ent) == schema.Organisation {
					orgs = append(orgs, o.ent)
				}
			}
			if len(orgs) == 1 {
				rl.add(schema.AwardedTo, c.ent, orgs[0], "", s, "holder-of-contract", 0.7)
			}
		}
		for k := c.t0 - 1; k >= 0 && k >= c.t0-3; k-- {
			if w := s.lowerAt(k); w == "won" || w == "secured" || w == "wins" || w == "holds" || w == "held" || w == "runs" || w == "operates" {
				if o := rl.subjectBefore(ctx, s, k); o >= 0 && rl.label(o) == schema.Organisation {
					rl.add(schema.AwardedTo, c.ent, o, "", s, "org-won-contract", 0.75)
				}
			}
		}
		// "The company was handed contracts worth £640m by the Ministry"
		if c.t0 >= 2 {
			v := s.lowerAt(c.t0 - 1)
			if (v == "handed" || v == "given" || v == "granted" || v == "awarded") && (s.lowerAt(c.t0-2) == "was" || s.lowerAt(c.t0-2) == "were") {
				for k := c.t1; k < len(s.toks) && k <= c.t1+6; k++ {
					if s.lowerAt(k) == "by" {
						if o := entAt(s, k+1); o != nil && rl.label(o.ent) == schema.Organisation {
							rl.add(schema.Awarded, o.ent, c.ent, "", s, "awarded-by", 0.8)
						}
						break
					}
				}
				sup := rl.subjectBefore(ctx, s, c.t0-2)
				if sup < 0 && c.t0 >= 4 && s.lowerAt(c.t0-4) == "the" {
					if _, ok := s.has(c.t0-3, schema.PhraseOrgNoun); ok {
						sup = ctx.lastOrg // "The company was handed …"
					}
				}
				if sup >= 0 && rl.label(sup) == schema.Organisation {
					rl.add(schema.AwardedTo, c.ent, sup, "", s, "was-awarded", 0.75)
				}
			}
		}
		// "moved the three contracts to Seetec", "handed the contract to X"
		if s.lowerAt(c.t1) == "to" {
			for k := c.t0 - 1; k >= 0 && k >= c.t0-4; k-- {
				if w := s.lowerAt(k); w == "moved" || w == "handed" || w == "transferred" || w == "awarded" || w == "gave" || w == "given" || w == "outsourced" {
					if o := entAt(s, c.t1+1); o != nil && rl.label(o.ent) == schema.Organisation {
						rl.add(schema.AwardedTo, c.ent, o.ent, "", s, "contract-to", 0.75)
						if b := rl.subjectBefore(ctx, s, k); b >= 0 && b != o.ent && rl.label(b) == schema.Organisation {
							rl.add(schema.Awarded, b, c.ent, "", s, "contract-to", 0.7)
						}
					}
					break
				}
			}
		}
		// "contracts … awarded to X"
		for k := c.t1; k < len(s.toks) && k <= c.t1+6; k++ {
			if s.lowerAt(k) == "awarded" && s.lowerAt(k+1) == "to" {
				if o := entAt(s, k+2); o != nil {
					rl.add(schema.AwardedTo, c.ent, o.ent, "", s, "awarded-to", 0.85)
				}
			}
		}
	}
}

var genericPolicyNouns = map[string]bool{
	"reforms": true, "reform": true, "system": true, "model": true, "privatisation": true,
	"privatised": true, "part-privatisation": true, "programme": true, "changes": true,
	"policy": true, "split": true, "plan": true, "scheme": true, "regime": true, "proposals": true,
	"privatization": true, "experiment": true,
}

// speaker is who the sentence reports: "X said", "said X", "he said",
// "X, chief executive of Y, said", "X argues", or the author of the piece.
func (rl *relater) speaker(ctx *docCtx, s *sent) int {
	g := rl.speakers(ctx, s)
	if len(g) == 0 {
		return -1
	}
	return g[0]
}

// speakers is speaker with the people coordinated with it ("Kevin Albertson
// and Chris Fox argue") or the group "they" stands for.
func (rl *relater) speakers(ctx *docCtx, s *sent) []int {
	sp := rl.speakerOne(ctx, s)
	if sp == -2 {
		return ctx.lastGroup
	}
	if sp < 0 {
		return nil
	}
	out := []int{sp}
	for ci, c := range s.cands {
		if c.ent != sp {
			continue
		}
		// walk back over "A, B and"
		for k := ci - 1; k >= 0; k-- {
			o := s.cands[k]
			if o.ent < 0 || rl.label(o.ent) != schema.Person || !coordinated(s, o, s.cands[k+1]) {
				break
			}
			out = append(out, o.ent)
		}
		break
	}
	return out
}

func (rl *relater) speakerOne(ctx *docCtx, s *sent) int {
	// "according to the Howard League"
	for k := 0; k+2 < len(s.toks); k++ {
		if s.lowerAt(k) == "according" && s.lowerAt(k+1) == "to" {
			if c := entAt(s, k+2); c != nil && (rl.label(c.ent) == schema.Person || rl.label(c.ent) == schema.Organisation) {
				return c.ent
			}
		}
	}
	for k := range s.toks {
		if _, ok := s.has(k, schema.PhraseSpeech); !ok {
			continue
		}
		// "said Oswin Thackeray", "said Rosa Finch, acting …"; not "X
		// said the company had failed", whose subject comes first
		subjFirst := candEndingAt(s, k) != nil
		// "Jo Bell, 52, said": an age between the name and the verb
		if k >= 2 && s.toks[k-1].num && strings.TrimSpace(s.toks[k].gap) == "," && strings.TrimSpace(s.toks[k-1].gap) == "," {
			if c := candEndingAt(s, k-1); c != nil && rl.label(c.ent) == schema.Person {
				return c.ent
			}
		}
		switch s.lowerAt(k - 1) {
		case "he", "she", "they", "it", "who", "which", "we", "i":
			subjFirst = true
		}
		if c := entAt(s, k+1); !subjFirst && c != nil && (rl.label(c.ent) == schema.Person || rl.label(c.ent) == schema.Organisation) && c.t0 <= k+2 {
			return c.ent
		}
		// "X, who described the plan as a shambles"
		if s.lowerAt(k-1) == "who" && k >= 2 && strings.TrimSpace(s.toks[k-1].gap) == "," {
			if c := candEndingAt(s, k-1); c != nil && rl.label(c.ent) == schema.Person {
				return c.ent
			}
			for _, c := range s.cands {
				if c.ent >= 0 && rl.label(c.ent) == schema.Person && c.t1 < k-1 && k-1-c.t1 <= 8 {
					return c.ent // past "of the University of X"
				}
			}
		}
		// "he said", "she wrote"
		if k > 0 {
			w := s.lowerAt(k - 1)
			if w == "he" || w == "she" {
				return ctx.lastPerson
			}
			if (w == "they" || w == "their") && len(ctx.lastGroup) > 0 {
				return -2
			}
		}
		// "Mr Thackeray said", "X, chief executive of Y, said", "the watchdog has warned"
		x := k - 1
		for x >= 0 && (s.lowerAt(x) == "has" || s.lowerAt(x) == "have" || s.lowerAt(x) == "had" || s.lowerAt(x) == "also" || s.lowerAt(x) == "recently" || s.lowerAt(x) == "then" || s.lowerAt(x) == "both") {
			x--
		}
		if x >= 0 && strings.HasSuffix(strings.TrimSpace(s.toks[x+1].gap), ",") {
			// back over an appositive to a person followed by a comma
			for y := x; y >= 0 && y >= x-12; y-- {
				if c := candEndingAt(s, y+1); c != nil && rl.label(c.ent) == schema.Person && y+1 < len(s.toks) && strings.TrimSpace(s.toks[y+1].gap) == "," {
					return c.ent
				}
			}
		}
		if c := candEndingAt(s, x+1); c != nil && (rl.label(c.ent) == schema.Person || rl.label(c.ent) == schema.Organisation) {
			// "Jo Bell of the Arden Trust told MPs": the person speaks
			if rl.label(c.ent) == schema.Organisation {
				y := c.t0 - 1
				if s.lowerAt(y) == "the" {
					y--
				}
				if w := s.lowerAt(y); (w == "of" || w == "at" || w == "from") && s.tight(y) {
					if p := candEndingAt(s, y); p != nil && rl.label(p.ent) == schema.Person {
						return p.ent
					}
				}
			}
			return c.ent
		}
	}
	return -1
}

// notOurPolicy are words before "system" or "programme" that make it some
// other system than the policy the text is about ("the courts system").
var notOurPolicy = map[string]bool{
	"courts": true, "court": true, "benefit": true, "benefits": true, "it": true, "computer": true,
	"tax": true, "health": true, "education": true, "housing": true, "immigration": true,
	"welfare": true, "legal": true, "justice": true, "banking": true, "voting": true,
	"tagging": true, "rail": true, "transport": true, "planning": true, "pension": true,
}

// quoteDepth is how far a sentence leaves quotes open: + for an opening
// mark with no close.
func quoteDepth(text string) int {
	d := strings.Count(text, "“") - strings.Count(text, "”")
	// a straight quote opens after a space or at the start, and closes
	// after a word or punctuation
	for i := 0; i < len(text); i++ {
		if text[i] != '"' {
			continue
		}
		if i == 0 || text[i-1] == ' ' || text[i-1] == '\n' || text[i-1] == '(' || text[i-1] == '\t' {
			d++
		} else {
			d--
		}
	}
	return d
}

// genericSpeakers are plural nouns for unnamed people who speak.
var genericSpeakers = map[string]bool{
	"critics": true, "campaigners": true, "analysts": true, "experts": true, "observers": true,
	"insiders": true, "sources": true, "opponents": true, "commentators": true, "officials": true,
	"unions": true, "staff": true, "officers": true, "workers": true, "mps": true, "lawyers": true,
	"charities": true, "residents": true, "families": true, "some": true, "others": true,
	"many": true, "people": true, "inspectors": true, "ministers": true,
}

// genericSpeaker reports whether the sentence gives its words to unnamed
// people: "critics say", "according to analysts", "campaigners warned".
func genericSpeaker(s *sent) bool {
	for k := range s.toks {
		if genericSpeakers[s.lowerAt(k)] {
			if s.lowerAt(k-1) == "to" && s.lowerAt(k-2) == "according" {
				return true
			}
			reach := k + 3
			if k <= 1 {
				reach = len(s.toks) // the sentence's subject speaks in its later verbs too
			}
			for x := k + 1; x < len(s.toks) && x <= reach; x++ {
				if _, ok := s.has(x, schema.PhraseSpeech); ok {
					return true
				}
				if _, ok := s.has(x, schema.PhraseCriticismVerb); ok {
					return true
				}
			}
		}
	}
	return false
}

// clauseSubjects are the people and organisations that open a clause
// holding a criticism word: the subject of reported speech ("X said the
// company had failed"), of a quote, or of the sentence ("The CRCs were
// built on a mistake"). Sources are never their own targets.
func (rl *relater) clauseSubjects(s *sent, cues []int, sources []int) []int {
	var out []int
	isSource := func(e int) bool {
		for _, x := range sources {
			if x == e {
				return true
			}
		}
		return false
	}
	// a criticism word (not verb) after position k in the same clause
	cueAfter := func(k int) bool {
		for _, q := range cues {
			if q <= k || q > k+20 {
				continue
			}
			if _, ok := s.has(q, schema.PhraseCriticismWord); !ok {
				continue
			}
			clean := true
			for x := k + 1; x <= q; x++ {
				if g := s.toks[x].gap; strings.ContainsAny(g, ";:") || strings.Contains(g, ",") && (s.lowerAt(x) == "but" || s.lowerAt(x) == "while" || s.lowerAt(x) == "although") {
					clean = false
				}
				switch s.lowerAt(x) {
				case "because", "since", "which", "who", "when", "whereas", "although", "while", "but":
					clean = false // another clause, about something else
				}
			}
			if clean {
				return true
			}
		}
		return false
	}
	take := func(c *cand) {
		if c == nil || c.ent < 0 || isSource(c.ent) || c.implied {
			return
		}
		if l := rl.label(c.ent); l != schema.Person && l != schema.Organisation {
			return
		}
		// the subject is followed by its verb, or by "'s" and a noun
		k := c.t1
		if c.t1 > 0 && s.toks[c.t1-1].poss && k < len(s.toks) && s.toks[k].lower {
			// "X's bid was reckless"
			switch s.lowerAt(k + 1) {
			case "is", "was", "are", "were", "has", "had", "have":
				k++
			default:
				return
			}
		}
		if k >= len(s.toks) || !s.toks[k].lower {
			return
		}
		if _, ok := s.has(k, schema.PhraseSpeech); ok {
			return
		}
		if _, ok := s.has(k, schema.PhraseCriticismVerb); ok {
			return
		}
		if cueAfter(c.t1 - 1) {
			out = append(out, c.ent)
		}
	}
	for k := range s.toks {
		if _, ok := s.has(k, schema.PhraseSpeech); ok {
			x := k + 1
			if s.lowerAt(x) == "that" {
				x++
			}
			// "said the operator, Keystone Group, had failed": past the
			// description to the name in apposition
			if determiners[s.lowerAt(x)] && x+2 < len(s.toks) && s.toks[x+1].lower && strings.TrimSpace(s.toks[x+2].gap) == "," {
				x += 2
			} else if m, ok := s.has(x+1, schema.PhraseOrgNoun); ok && determiners[s.lowerAt(x)] && s.toks[x+1].lower {
				x += 1 + m.Len // "said the outsourcer Arden Services had failed"
			}
			// "told MPs the ministry had failed": past the listener
			if w := s.lowerAt(k); (w == "told" || w == "tells") && entAt(s, x) == nil {
				for y := x + 1; y < len(s.toks) && y <= x+3; y++ {
					if strings.ContainsAny(s.toks[y].gap, ",;:") {
						break
					}
					if c := entAt(s, y); c != nil {
						x = y
						break
					}
				}
			}
			take(entAt(s, x))
		}
	}
	// the sentence's or the quote's first words
	for _, c := range s.cands {
		if c.t0 > 1 {
			continue
		}
		if c.t0 == 0 || determiners[s.lowerAt(0)] || strings.ContainsAny(s.toks[c.t0].gap, "\"“‘'") {
			take(c)
		}
	}
	return out
}

// quoteCloser finds the named speaker of a quote that s opens and a later
// sentence of the same paragraph closes ("“A. B,” said X"), or -1.
func (rl *relater) quoteCloser(ctx *docCtx, s *sent) int {
	d := ctx.d
	depth := quoteDepth(d.doc.Text[s.Start:s.End])
	line := s.line
	for n := s.Index + 1; n < len(d.sents) && n <= s.Index+4; n++ {
		ns := d.sents[n]
		if ns.Section != s.Section || ns.line != line {
			return -1
		}
		depth += quoteDepth(d.doc.Text[ns.Start:ns.End])
		if depth > 0 {
			continue
		}
		for k := range ns.toks {
			if _, ok := ns.has(k, schema.PhraseSpeech); !ok {
				continue
			}
			if c := entAt(ns, k+1); c != nil && c.t0 <= k+2 && (rl.label(c.ent) == schema.Person || rl.label(c.ent) == schema.Organisation) {
				return c.ent
			}
			if c := candEndingAt(ns, k); c != nil && (rl.label(c.ent) == schema.Person || rl.label(c.ent) == schema.Organisation) {
				return c.ent
			}
		}
		return -1
	}
	return -1
}

// criticism finds CRITICISED: a named source (speaker, subject of a
// criticism verb, author of the piece) and a criticism word, with the
// policy, contract or named target of the criticism.
func (rl *relater) criticism(ctx *docCtx, s *sent) {
	text := s.doc.Text[s.Start:s.End]
	// who speaks here, for this sentence and the next ones
	spk := rl.speakers(ctx, s)
	inQuote := ctx.quoteOpen > 0
	if len(spk) == 0 && startsWithQuote(text) && quoteDepth(text) > 0 {
		// "“A. / B,” said X": the quote is attributed where it closes
		if sp := rl.quoteCloser(ctx, s); sp >= 0 {
			spk = []int{sp}
		}
	}
	if len(spk) == 0 && (inQuote || startsWithQuote(text) && ctx.quoteSpeakerSent >= 0 && s.Index-ctx.quoteSpeakerSent <= 2) && ctx.quoteSpeaker >= 0 {
		spk = []int{ctx.quoteSpeaker}
	}
	if len(spk) > 0 {
		ctx.paraSource = spk
		if strings.ContainsAny(text, "“\"") {
			ctx.quoteSpeaker, ctx.quoteSpeakerSent = spk[0], s.Index
		}
	}
	ctx.quoteOpen += quoteDepth(text)
	if ctx.quoteOpen < 0 || ctx.quoteOpen > 2 {
		ctx.quoteOpen = 0
	}
	// "Their article documents …", "Tamsin Okonjo's article", "The article from X"
	var reportAuthors []int
	if w := s.lowerAt(0); (w == "their" || w == "his" || w == "her") && len(s.toks) > 1 {
		if _, ok := s.has(1, schema.PhraseReportNoun); ok {
			if w == "their" {
				reportAuthors = ctx.lastGroup
			} else if ctx.lastPerson >= 0 {
				reportAuthors = []int{ctx.lastPerson}
			}
		}
	}
	hints := append([]int(nil), s.authorHints...)
	for _, c := range s.cands {
		if c.ent >= 0 && rl.label(c.ent) == schema.Report && c.authorTok >= 0 {
			hints = append(hints, c.authorTok)
		}
	}
	for _, h := range hints {
		{
			for _, a := range s.cands {
				if a.t0 <= h && h < a.t1 && a.ent >= 0 && rl.label(a.ent) == schema.Person {
					reportAuthors = append(reportAuthors, a.ent)
					for _, b := range s.cands {
						if b.ent >= 0 && b != a && rl.label(b.ent) == schema.Person && coordinated(s, a, b) {
							reportAuthors = append(reportAuthors, b.ent)
						}
					}
				}
			}
		}
	}
	if len(reportAuthors) > 0 {
		ctx.paraSource = reportAuthors
	}

	var cues []int
	verb := -1
	for k := range s.toks {
		if _, ok := s.has(k, schema.PhraseCriticismVerb); ok {
			if verb < 0 {
				verb = k
			}
			cues = append(cues, k)
		}
		if _, ok := s.has(k, schema.PhraseCriticismWord); ok {
			cues = append(cues, k)
		}
	}
	// "broken up", "failed bids" describe, they do not judge
	kept := cues[:0]
	for _, q := range cues {
		if w := s.lowerAt(q); (w == "broken" || w == "collapse" || w == "collapsed") && s.lowerAt(q+1) == "up" {
			continue
		}
		kept = append(kept, q)
	}
	cues = kept
	if len(cues) == 0 {
		return
	}
	cue := cues[0]
	var sources []int
	rule := ""
	// "attacked by watchdog", "criticised by MPs and by X"
	if verb >= 0 && s.lowerAt(verb+1) == "by" {
		for k := verb + 2; k < len(s.toks) && k <= verb+8; k++ {
			if c := entAt(s, k); c != nil && (rl.label(c.ent) == schema.Person || rl.label(c.ent) == schema.Organisation) {
				sources = append(sources, c.ent)
				rule = "passive-criticism"
			}
		}
	}
	// "censorious reports from A, B and C"
	if len(sources) == 0 {
		for k := cue; k < len(s.toks) && k <= cue+3; k++ {
			if s.lowerAt(k) == "from" && k > 0 {
				for _, c := range s.cands {
					if c.t0 > k && c.ent >= 0 && rl.label(c.ent) == schema.Organisation {
						sources = append(sources, c.ent)
						rule = "criticism-from"
					}
				}
				break
			}
		}
	}
	if len(sources) == 0 && len(spk) > 0 {
		sources, rule = spk, "reported-speech"
	}
	if len(sources) == 0 && verb >= 0 {
		if sub := rl.subjectBefore(ctx, s, verb); sub >= 0 {
			sources, rule = []int{sub}, "criticism-verb"
			sources = append(sources, rl.coordinatedWith(s, sub, verb)...)
		}
	}
	if len(sources) == 0 && len(reportAuthors) > 0 {
		sources, rule = reportAuthors, "author-of-report"
	}
	// "critics say", "according to analysts": someone unnamed speaks, not
	// the author of the piece
	if len(sources) == 0 && genericSpeaker(s) {
		return
	}
	if len(sources) == 0 && startsWithQuote(text) && ctx.quoteSource >= 0 {
		sources, rule = []int{ctx.quoteSource}, "quoted-source"
	}
	if len(sources) == 0 && len(ctx.paraSource) > 0 {
		sources, rule = ctx.paraSource, "paragraph-source"
	}
	if len(sources) == 0 && ctx.pieceAuthor >= 0 {
		sources, rule = []int{ctx.pieceAuthor}, "piece-author"
	}
	if len(sources) == 0 {
		return
	}
	// targets: what the sentence ties to the criticism, then the policy or
	// contract nearest a criticism word
	var targets []int
	if verb >= 0 {
		m, _ := s.has(verb, schema.PhraseCriticismVerb)
		if c := entAt(s, verb+m.Len); c != nil {
			targets = append(targets, c.ent)
		}
	}
	targets = append(targets, rl.clauseSubjects(s, cues, sources)...)
	for _, c := range s.cands {
		if c.ent < 0 {
			continue
		}
		l := rl.label(c.ent)
		if l != schema.Organisation && l != schema.Person {
			continue
		}
		// "the providers behaved like cartels", "Jane Doe's housing policy"
		for _, q := range cues {
			if c.t1 <= q && c.t1 >= q-3 && !s.claimed[q] {
				if w := s.lowerAt(c.t1); w == "behaved" || w == "is" || w == "are" || w == "was" || w == "were" || w == "has" || w == "have" {
					targets = append(targets, c.ent)
				}
			}
		}
		if l == schema.Person && s.toks[c.t1-1].poss && (genericPolicyNouns[s.lowerAt(c.t1)] || genericPolicyNouns[s.lowerAt(c.t1+1)]) {
			targets = append(targets, c.ent)
		}
	}
	best, bestDist := -1, 1<<30
	dist := func(p int) int {
		d := 1 << 30
		for _, q := range cues {
			if x := abs(p - q); x < d {
				d = x
			}
		}
		return d
	}
	for _, c := range s.cands {
		if c.ent < 0 {
			continue
		}
		if l := rl.label(c.ent); l == schema.Policy || l == schema.Contract {
			if d := min(dist(c.t0), dist(c.t1-1)); d < bestDist {
				best, bestDist = c.ent, d
			}
		}
	}
	implicit := false
	if ctx.dominant >= 0 {
		for k := range s.toks {
			if genericPolicyNouns[s.lowerAt(k)] && !notOurPolicy[s.lowerAt(k-1)] && !s.claimed[k] {
				if d := dist(k); d < bestDist {
					best, bestDist, implicit = ctx.dominant, d, true
				}
			}
		}
	}
	if best >= 0 {
		targets = append(targets, best)
	}
	score := 0.7
	if implicit {
		rule += "+implicit-target"
		score = 0.5
	}
	for _, src := range sources {
		if l := rl.label(src); l != schema.Person && l != schema.Organisation {
			continue
		}
		for _, t := range targets {
			if t == src {
				continue
			}
			rl.add(schema.Criticised, src, t, "", s, rule, score)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
