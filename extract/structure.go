package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// This file cuts a document's text into sections. It works line by line on
// the text as read, so every span is a byte range of Text. The layout it
// knows is the one pages take when saved or pasted as text: an optional
// section label, a date line and a headline; the body, in which an article
// may be quoted after a line ending ":-"; a sign-off; then "N comments:"
// and numbered comments, each reply numbered again under "Replies", with
// the page's buttons ("ReplyDelete") on lines of their own.

// structLine is one line of the text: [start, end) holds it without its
// line end, [ts, te) without surrounding white space.
type structLine struct {
	start, end int
	ts, te     int
	indent     int
}

func (l structLine) blank() bool { return l.ts == l.te }

// structPiece is what one line contributes to a section: the kind, the
// span (which may be narrower than the line, to leave out a list marker)
// and the unit it belongs to (a comment, or 0 for the post).
type structPiece struct {
	kind   SectionKind
	start  int
	end    int
	unit   int
	author string
}

// structUnit is one comment or reply while it is being read.
type structUnit struct {
	parent int // unit number of the comment replied to, or 0
	author string
	lines  []int // indexes of its content lines
}

// structOpts says what is known about a text before its lines are read.
type structOpts struct {
	markdown bool
	// titles are candidate titles in order of preference (from HTML
	// metadata); the first that is a line of the text is the title.
	titles []string
	// date is a date (YYYY-MM-DD) known from metadata.
	date string
	// lineUnit gives, for a line, the comment it belongs to in the page's
	// markup (a unit number above 0), with its role; nil for plain text.
	lineUnit func(l structLine) (unit int, meta bool)
	// units are the comments known from markup, by unit number.
	units map[int]*structUnit
}

type structResult struct {
	title    string
	date     string
	sections []Section
}

// structer holds the state of one pass over a text.
type structer struct {
	text   string
	lines  []structLine
	pieces []structPiece // one per line; kind "" for blank lines
	units  map[int]*structUnit
	next   int // next unit number
	title  string
	date   string
	author string // the post's author, from a byline or "Posted by"
	opts   structOpts
}

// structText cuts text into sections and finds its title and date.
func structText(text string, o structOpts) structResult {
	s := &structer{text: text, opts: o, units: o.units, next: 1}
	if s.units == nil {
		s.units = make(map[int]*structUnit)
	}
	for u := range s.units {
		if u >= s.next {
			s.next = u + 1
		}
	}
	s.split()
	s.pieces = make([]structPiece, len(s.lines))
	i := s.header()
	j := s.commentsStart(i)
	s.body(i, j)
	s.comments(j)
	if s.date == "" {
		s.date = o.date
	} else if o.date != "" {
		s.date = o.date
	}
	return structResult{title: s.title, date: s.date, sections: s.sections()}
}

// split cuts the text into lines at \n, keeping \r out of the line.
func (s *structer) split() {
	for start := 0; start <= len(s.text); {
		end := strings.IndexByte(s.text[start:], '\n')
		next := 0
		if end < 0 {
			end = len(s.text)
			next = end + 1
		} else {
			end += start
			next = end + 1
		}
		l := structLine{start: start, end: end}
		l.ts, l.te = structTrim(s.text, start, end)
		for k := start; k < l.ts; k++ {
			if s.text[k] == '\t' {
				l.indent += 4
			} else {
				l.indent++
			}
		}
		s.lines = append(s.lines, l)
		start = next
	}
}

// structTrim narrows [start, end) of text to leave out white space
// (including no-break spaces and a byte order mark) at both ends.
func structTrim(text string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) && r != '\uFEFF' {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) && r != '\uFEFF' {
			break
		}
		end -= n
	}
	return start, end
}

func (s *structer) str(i int) string { return s.text[s.lines[i].ts:s.lines[i].te] }

func (s *structer) set(i int, kind SectionKind, unit int) {
	l := s.lines[i]
	s.pieces[i] = structPiece{kind: kind, start: l.ts, end: l.te, unit: unit}
}

// nextLine returns the index of the first non-blank line at or after i, or
// len(lines).
func (s *structer) nextLine(i int) int {
	for i < len(s.lines) && s.lines[i].blank() {
		i++
	}
	return i
}

// header reads the date line, section label, title and byline at the top
// of the text, and returns the index of the first line of the body.
func (s *structer) header() int {
	i := s.nextLine(0)
	if s.opts.markdown {
		i = s.frontMatter(i)
	}
	if len(s.opts.titles) > 0 {
		if t, ok := s.knownTitle(i); ok {
			// Everything above a known title is page furniture, except a
			// date line.
			for k := i; k < t; k++ {
				if s.lines[k].blank() {
					continue
				}
				if d, ok := structDateLine(s.str(k)); ok && s.date == "" {
					s.date = d
					s.set(k, SectionDate, 0)
					continue
				}
				s.set(k, SectionBoilerplate, 0)
			}
			s.set(t, SectionTitle, 0)
			s.title = s.str(t)
			if h, ok := structMarkdownHeading(s.title); ok && s.opts.markdown {
				s.pieces[t].start = s.lines[t].te - len(h)
				s.title = h
			}
			i = s.nextLine(t + 1)
		}
	}
	for n := 0; n < 6 && i < len(s.lines); n++ {
		line := s.str(i)
		if d, ok := structDateLine(line); ok && s.date == "" {
			s.date = d
			s.set(i, SectionDate, 0)
			i = s.nextLine(i + 1)
			continue
		}
		if s.title == "" && len(s.opts.titles) == 0 {
			if h, ok := structMarkdownHeading(line); ok && s.opts.markdown {
				s.set(i, SectionTitle, 0)
				s.pieces[i].start = s.lines[i].te - len(h)
				s.title = h
				i = s.nextLine(i + 1)
				continue
			}
			if structIsLabel(line) {
				if k := s.nextLine(i + 1); k < len(s.lines) && structIsHeadline(s.str(k)) {
					_, isDate := structDateLine(s.str(k))
					_, isByline := structByline(s.str(k))
					if !isDate && !isByline {
						s.set(i, SectionBoilerplate, 0)
						i = k
						continue
					}
				}
			}
			if structIsHeadline(line) {
				s.set(i, SectionTitle, 0)
				s.title = line
				i = s.nextLine(i + 1)
				continue
			}
		}
		if name, ok := structByline(line); ok && s.title != "" {
			s.set(i, SectionSignature, 0)
			s.pieces[i].author = name
			s.author = name
			i = s.nextLine(i + 1)
			continue
		}
		if s.title != "" && structIsBoilerplate(line) {
			s.set(i, SectionBoilerplate, 0)
			i = s.nextLine(i + 1)
			continue
		}
		break
	}
	return i
}

// knownTitle finds the first of opts.titles that is a whole line of the
// text at or after line i. It looks only near the top, above any comment,
// so that a title repeated in a link list or a comment is not taken for
// the headline (which would make the post above it boilerplate).
func (s *structer) knownTitle(i int) (int, bool) {
	for _, t := range s.opts.titles {
		t = structCollapse(t)
		if t == "" {
			continue
		}
		seen := 0
		for k := i; k < len(s.lines) && seen < 30; k++ {
			if s.lines[k].blank() {
				continue
			}
			seen++
			if s.opts.lineUnit != nil {
				if u, _ := s.opts.lineUnit(s.lines[k]); u > 0 {
					break
				}
			}
			line := s.str(k)
			if h, ok := structMarkdownHeading(line); ok && s.opts.markdown {
				line = h
			}
			if structCollapse(line) == t {
				return k, true
			}
		}
	}
	return 0, false
}

// frontMatter marks a Markdown front matter block (between "---" lines at
// the top) as boilerplate, taking its title and date, and returns the line
// after it.
func (s *structer) frontMatter(i int) int {
	if i >= len(s.lines) || s.str(i) != "---" || i != s.nextLine(0) {
		return i
	}
	for k := i + 1; k < len(s.lines); k++ {
		line := s.str(k)
		if line == "---" || line == "..." {
			for m := i; m <= k; m++ {
				if !s.lines[m].blank() {
					s.set(m, SectionBoilerplate, 0)
				}
			}
			return s.nextLine(k + 1)
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		val = strings.Trim(strings.TrimSpace(val), `"'`)
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "title":
			s.opts.titles = append(s.opts.titles, val)
			s.title = val
		case "date":
			if d, ok := structParseDate(val); ok {
				s.date = d
			}
		case "author":
			s.author = val
		}
	}
	return i // no closing line: not front matter
}

// commentsStart returns the index of the line that opens the comments
// (a "N comments:" line, or the first line of a comment known from markup),
// or len(lines).
func (s *structer) commentsStart(i int) int {
	for k := i; k < len(s.lines); k++ {
		if s.lines[k].blank() {
			continue
		}
		if s.opts.lineUnit != nil {
			if u, _ := s.opts.lineUnit(s.lines[k]); u > 0 {
				return k
			}
		}
		line := s.str(k)
		if structCommentsHeader.MatchString(line) {
			return k
		}
		if structCommentsBare.MatchString(line) {
			if n := s.nextLine(k + 1); n < len(s.lines) {
				next := s.str(n)
				if _, ok := structCommentHead(next); ok || structNumbered.MatchString(next) {
					return k
				}
			}
		}
	}
	return len(s.lines)
}

// body classifies the lines [i, j) of the post: post text, a quoted
// article, boilerplate and a closing signature.
func (s *structer) body(i, j int) {
	inQuote := false
	for k := i; k < j; k++ {
		if s.lines[k].blank() || s.pieces[k].kind != "" {
			continue
		}
		line := s.str(k)
		switch {
		case structIsSeparator(line):
			s.set(k, SectionBoilerplate, 0)
			inQuote = false
		case structPostedBy.MatchString(line):
			s.set(k, SectionBoilerplate, 0)
			if s.author == "" {
				s.author = strings.TrimSpace(structPostedBy.FindStringSubmatch(line)[1])
			}
			inQuote = false
		case structIsBoilerplate(line):
			s.set(k, SectionBoilerplate, 0)
		case structEndsQuote.MatchString(line):
			s.set(k, SectionPost, 0)
			inQuote = false
		case !inQuote && structOpensQuote(line, s.following(k+1, j)):
			s.set(k, SectionPost, 0)
			inQuote = true
		case inQuote:
			s.set(k, SectionQuote, 0)
		default:
			s.set(k, SectionPost, 0)
		}
	}
	s.signature(i, j)
}

// following returns the next non-blank line in [k, j), or "".
func (s *structer) following(k, j int) string {
	if k = s.nextLine(k); k < j {
		return s.str(k)
	}
	return ""
}

// signature marks the name lines that close the post ("Jane Smith
// (Editor)") as signatures.
func (s *structer) signature(i, j int) {
	end := j
	for end > i && (s.lines[end-1].blank() || s.pieces[end-1].kind == SectionBoilerplate) {
		end--
	}
	first := end
	for first > i && first > end-3 && !s.lines[first-1].blank() && structIsName(s.str(first-1)) {
		first--
	}
	if first == end || first == i || !s.lines[first-1].blank() {
		return
	}
	for k := first; k < end; k++ {
		s.set(k, SectionSignature, 0)
		// The name signs what it closes, which may be a quoted article
		// rather than the post, so it stays on the signature.
		s.pieces[k].author = structNameOf(s.str(k))
	}
}

// comments reads the comment thread from line j on.
func (s *structer) comments(j int) {
	var (
		topIndent   = -1
		top         = 0 // unit of the current top-level comment
		cur         = 0 // unit that content lines go to
		lastTop     = 0
		lastReply   = 0
		inReplies   = false
		afterBoiler = false
	)
	newUnit := func(parent int) int {
		u := s.next
		s.next++
		s.units[u] = &structUnit{parent: parent}
		return u
	}
	dom := s.opts.lineUnit != nil && len(s.units) > 0
	for k := j; k < len(s.lines); k++ {
		l := s.lines[k]
		if l.blank() || s.pieces[k].kind != "" {
			continue
		}
		line := s.str(k)
		if dom {
			// The markup says which comment a line is in; lines outside
			// every comment are the page's furniture.
			u, meta := s.opts.lineUnit(l)
			switch {
			case u == 0 || meta:
				s.set(k, SectionBoilerplate, 0)
			case structIsBoilerplate(line) || structIsSeparator(line) || structStampLine(line):
				s.set(k, SectionBoilerplate, 0)
			default:
				s.set(k, SectionComment, u)
				s.units[u].lines = append(s.units[u].lines, k)
			}
			continue
		}
		if k == j && (structCommentsHeader.MatchString(line) || structCommentsBare.MatchString(line)) {
			s.set(k, SectionBoilerplate, 0)
			continue
		}
		if m := structNumbered.FindStringSubmatchIndex(s.text[l.start:l.end]); m != nil {
			n, _ := strconv.Atoi(s.text[l.start+m[4] : l.start+m[5]])
			indent := l.indent
			var u int
			switch {
			case topIndent < 0 || (indent <= topIndent && n == lastTop+1):
				if topIndent < 0 {
					topIndent = indent
				}
				u = newUnit(0)
				top, lastTop, lastReply, inReplies = u, n, 0, false
			case top > 0 && indent > topIndent && n == lastReply+1 && (inReplies || afterBoiler):
				u = newUnit(top)
				lastReply = n
			}
			if u > 0 {
				cur = u
				afterBoiler = false
				start := l.start + m[6]
				rest := s.text[start:l.te]
				if name, ok := structCommentHead(rest); ok {
					s.units[u].author = name
					s.pieces[k] = structPiece{kind: SectionBoilerplate, start: start, end: l.te}
					continue
				}
				s.pieces[k] = structPiece{kind: SectionComment, start: start, end: l.te, unit: u}
				s.units[u].lines = append(s.units[u].lines, k)
				continue
			}
		}
		if name, ok := structCommentHead(line); ok && !structStampLine(line) {
			u := cur
			if u == 0 || len(s.units[u].lines) > 0 {
				u = newUnit(0)
				top, lastTop, lastReply, inReplies = u, 0, 0, false
			}
			s.units[u].author = name
			cur = u
			s.set(k, SectionBoilerplate, 0)
			afterBoiler = true
			continue
		}
		if structIsBoilerplate(line) || structIsSeparator(line) || structStampLine(line) {
			s.set(k, SectionBoilerplate, 0)
			if strings.EqualFold(line, "Replies") {
				inReplies = true
			}
			afterBoiler = true
			continue
		}
		if topIndent > 0 && l.indent < topIndent {
			// Less indented than the comments: the page after them.
			s.set(k, SectionBoilerplate, 0)
			cur = 0
			continue
		}
		if cur == 0 {
			cur = newUnit(0)
			top = cur
		}
		afterBoiler = false
		s.set(k, SectionComment, cur)
		s.units[cur].lines = append(s.units[cur].lines, k)
	}
	for u := range s.units {
		s.finishUnit(u)
	}
}

// finishUnit finds the signature and the quoted paragraphs of a comment.
func (s *structer) finishUnit(u int) {
	c := s.units[u]
	if len(c.lines) == 0 {
		return
	}
	// A sign-off line after a blank line ends the comment: 'Lantern.
	if last := c.lines[len(c.lines)-1]; len(c.lines) > 1 && s.lines[last-1].blank() {
		if name, ok := structSignOff(s.text[s.pieces[last].start:s.pieces[last].end]); ok {
			s.pieces[last].kind = SectionSignature
			s.pieces[last].author = name
			if c.author == "" {
				c.author = name
			}
			c.lines = c.lines[:len(c.lines)-1]
		}
	}
	// Paragraphs: runs of content lines with no blank line between them.
	var paras [][]int
	for n, k := range c.lines {
		if n == 0 || k != c.lines[n-1]+1 {
			paras = append(paras, nil)
		}
		paras[len(paras)-1] = append(paras[len(paras)-1], k)
	}
	quoted := make([]bool, len(paras))
	all := true
	for p, para := range paras {
		txt := s.text[s.pieces[para[0]].start:s.pieces[para[len(para)-1]].end]
		quoted[p] = structQuoted(txt)
		if p > 0 && !quoted[p] && !structURL.MatchString(txt) {
			prev := paras[p-1]
			quoted[p] = structIntro.MatchString(s.text[s.pieces[prev[len(prev)-1]].start:s.pieces[prev[len(prev)-1]].end])
		}
		all = all && quoted[p]
	}
	if all {
		return
	}
	mark := func(p int) {
		for _, k := range paras[p] {
			s.pieces[k].kind = SectionQuote
		}
	}
	for p := 0; p < len(paras) && quoted[p]; p++ {
		mark(p)
	}
	for p := len(paras) - 1; p >= 0 && quoted[p]; p-- {
		mark(p)
	}
}

// sections merges the pieces of consecutive lines into sections.
func (s *structer) sections() []Section {
	var out []Section
	var units []int // unit of each section
	lastLine := -1
	for k, p := range s.pieces {
		if p.kind == "" || p.start >= p.end {
			continue
		}
		if n := len(out); n > 0 {
			prev := &out[n-1]
			same := prev.Kind == p.kind && units[n-1] == p.unit &&
				p.kind != SectionTitle && p.kind != SectionDate && p.kind != SectionSignature
			if same && p.kind == SectionBoilerplate && k > lastLine+1 && lastLine >= 0 {
				same = true // boilerplate merges across blank lines too
			}
			if same {
				prev.End = p.end
				lastLine = k
				continue
			}
		}
		out = append(out, Section{Kind: p.kind, Span: Span{p.start, p.end}, Author: p.author, Parent: -1})
		units = append(units, p.unit)
		lastLine = k
	}
	// The first comment section of each unit is the one replies point to.
	head := make(map[int]int)
	for i, sec := range out {
		if sec.Kind == SectionComment {
			if _, ok := head[units[i]]; !ok {
				head[units[i]] = i
			}
		}
	}
	for i := range out {
		u := units[i]
		switch out[i].Kind {
		case SectionPost:
			out[i].Author = s.author
		case SectionComment:
			c := s.units[u]
			out[i].Author = c.author
			if h, ok := head[c.parent]; ok && c.parent != 0 {
				out[i].Parent = h
			}
		case SectionQuote:
			if h, ok := head[u]; ok && u != 0 {
				out[i].Parent = h
			}
		case SectionSignature:
			if c := s.units[u]; u != 0 && c != nil && out[i].Author == "" {
				out[i].Author = c.author
			}
		}
	}
	return out
}

var (
	// structCommentsHeader matches the line that opens a comment thread
	// and counts it: "7 comments:", "2 thoughts on “Title”".
	structCommentsHeader = regexp.MustCompile(`(?i)^(?:\d+|no|one)\s+(?:comments?|responses?|replies|thoughts)(?:\s+(?:on|to)\s+.*)?\s*:?$`)
	// structCommentsBare matches a bare "Comments" heading, which opens a
	// thread only when a comment follows it.
	structCommentsBare = regexp.MustCompile(`(?i)^(?:comments|responses|reader comments|discussion)(?:\s*\(\d+\))?\s*:?$`)
	// structNumbered matches a numbered comment line: indent, number, text.
	structNumbered = regexp.MustCompile(`^([ \t]*)(\d{1,4})\.[ \t]+(\S)`)
	// structPostedBy matches Blogger's "Posted by NAME at 10:13".
	structPostedBy = regexp.MustCompile(`(?i)^posted by\s+(.+?)(?:\s+(?:at|on)\s+.*)?$`)
	// structEndsQuote matches a heading after which the blogger speaks again.
	structEndsQuote = regexp.MustCompile(`(?i)^(?:postscript|post ?script|p\.?s\.?|update|updated?:.*|footnote|comment|my comment|editor'?s note)\s*:?$`)
	// structIntro matches a line that introduces a quotation: "...:-".
	structIntro = regexp.MustCompile(`(?:[:;]\s*-|:)\s*$`)
	// structSaidRe matches "NAME said..." and "NAME says:" comment headers.
	structSaidRe = regexp.MustCompile(`^(.{1,60}?)\s+(?:said|says|wrote)\s*(?:\.\.\.|…|:)$`)
	// structURL matches a paragraph that is only a link.
	structURL = regexp.MustCompile(`^(?:https?://|www\.)\S+$`)
	// structStamp matches a comment time stamp line alone.
	structStamp = regexp.MustCompile(`(?i)^(?:\d{1,2}\s+[a-z]+\s+\d{4}|[a-z]+\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?$`)
	// structGlued matches a comment header that runs an author's name into a
	// time stamp: "Night Owl12 March 2021 at 09:41".
	structGlued = regexp.MustCompile(`(?i)^(.{0,60}?)\s*(?:\d{1,2}\s+` + structMonthRe + `\s+\d{4}|` + structMonthRe + `\s+\d{1,2},?\s+\d{4})(?:\s+at|,)?\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?$`)
	// structByline matches "By NAME" under a headline.
	structBylineRe = regexp.MustCompile(`^(?:[Bb]y|BY)\s+(\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|van|von|der|la|le|and))*)(?:\s*[,|–—-].*)?$`)
)

// structIsBoilerplate reports whether a line is page furniture: buttons,
// comment counts, cookie notices, share and subscribe links.
func structIsBoilerplate(line string) bool {
	l := strings.ToLower(strings.TrimSpace(line))
	l = strings.TrimRight(l, " :.!…")
	if structBoilerWords[l] {
		return true
	}
	if structCommentsHeader.MatchString(line) {
		return true
	}
	if strings.Contains(l, "cookie") && (strings.Contains(l, "use") || strings.Contains(l, "accept") || strings.Contains(l, "consent")) {
		return true
	}
	for _, p := range structBoilerPrefixes {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return structPostedBy.MatchString(line)
}

var structBoilerWords = map[string]bool{
	"replydelete": true, "delete": true, "reply": true, "replies": true, "reply↓": true,
	"read source": true, "source": true, "read more": true, "continue reading": true,
	"leave a reply": true, "leave a comment": true, "post a comment": true, "add a comment": true,
	"share": true, "share this": true, "share this article": true, "share this post": true, "share this story": true,
	"subscribe": true, "subscribe to": true, "sign up": true, "follow": true, "follow us": true,
	"newer post": true, "older post": true, "home": true, "newer post older post home": true,
	"newer posts": true, "older posts": true, "previous post": true, "next post": true,
	"tweet": true, "print": true, "email": true, "email this": true, "like this": true, "like": true,
	"loading": true, "related": true, "related articles": true, "advertisement": true, "advert": true,
	"load more comments": true, "show more": true, "show comments": true, "hide comments": true,
	"report abuse": true, "permalink": true, "edit": true, "top": true, "back to top": true,
	"skip to content": true, "skip to main content": true, "menu": true, "search": true,
	"accept": true, "accept all": true, "reject all": true, "manage cookies": true,
}

var structBoilerPrefixes = []string{
	"subscribe to:", "labels:", "email thisblogthis", "share to twitter", "posted in ",
	"filed under", "tags:", "this entry was posted", "you must be logged in",
	"copyright ©", "© ", "all rights reserved", "related posts", "powered by",
	"note: only a member of this blog", "this comment has been removed",
}

// structIsSeparator reports whether a line is a rule: "--oo00oo--", "***".
func structIsSeparator(line string) bool {
	if line == "" {
		return false
	}
	if strings.Trim(line, "-–—_*=~#•·. ") == "" && len(line) >= 3 {
		return true
	}
	l := strings.ToLower(line)
	return strings.HasPrefix(l, "--") && strings.HasSuffix(l, "--") && strings.Trim(l, "-o0 ") == ""
}

// structStampLine reports whether a line is only a date and time, as under
// a comment.
func structStampLine(line string) bool {
	return structStamp.MatchString(line)
}

// structCommentHead recognises a comment's first line that is a header and
// not text, returning the author it names: "NAME29 October 2016 at 15:29"
// or "NAME said...".
func structCommentHead(line string) (string, bool) {
	if m := structGlued.FindStringSubmatch(line); m != nil {
		name := strings.TrimSpace(m[1])
		if name == "" || len(strings.Fields(name)) > 6 {
			return "", name == ""
		}
		return name, true
	}
	return structSaid(line)
}

// structSaid recognises "NAME said..." and "NAME says:".
func structSaid(line string) (string, bool) {
	m := structSaidRe.FindStringSubmatch(line)
	if m == nil || len(strings.Fields(m[1])) > 4 {
		return "", false
	}
	for _, w := range strings.Fields(strings.ToLower(m[1])) {
		if structNotName[w] {
			return "", false // "what the minister said..." is text
		}
	}
	name := strings.TrimSpace(m[1])
	if name == "" || strings.ContainsAny(name, ".!?\"“”") {
		return "", false
	}
	return name, true
}

// structNotName holds words that a commenter's name does not contain but a
// sentence ending "said..." does.
var structNotName = map[string]bool{
	"the": true, "a": true, "an": true, "what": true, "that": true, "which": true, "who": true,
	"he": true, "she": true, "they": true, "it": true, "i": true, "you": true, "we": true,
	"with": true, "and": true, "as": true, "has": true, "have": true, "had": true, "never": true,
	"just": true, "also": true, "once": true, "is": true, "was": true, "been": true,
}

// structByline recognises "By NAME" and returns the name.
func structByline(line string) (string, bool) {
	m := structBylineRe.FindStringSubmatch(line)
	if m == nil || len(strings.Fields(m[1])) > 5 {
		return "", false
	}
	return m[1], true
}

// structSignOff recognises a sign-off that ends a comment: a short name
// after a mark ('Lantern, - Jo, ~ Sam), returning the name.
func structSignOff(line string) (string, bool) {
	r, n := utf8.DecodeRuneInString(line)
	if !strings.ContainsRune(`'‘’"“-–—~`, r) {
		return "", false
	}
	name := strings.TrimSpace(line[n:])
	name = strings.TrimRight(name, `'‘’"” `)
	if name == "" || len(name) > 40 || len(strings.Fields(name)) > 4 {
		return "", false
	}
	first, _ := utf8.DecodeRuneInString(name)
	if !unicode.IsLetter(first) || strings.ContainsAny(name, ".!?,;:") {
		return "", false
	}
	return name, true
}

// structIsName reports whether a line is a name that signs a post: a few
// capitalised words, perhaps with a role in brackets.
func structIsName(line string) bool {
	name := structNameOf(line)
	if name == "" || len(name) > 60 || strings.ContainsAny(name, ".!?:;,\"“”") {
		return false
	}
	words := strings.Fields(name)
	if len(words) < 2 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !structNameParticles[w] {
			return false
		}
	}
	return true
}

var structNameParticles = map[string]bool{"de": true, "van": true, "von": true, "der": true, "la": true, "le": true, "da": true, "di": true}

// structNameOf returns a signing line's name without a role in brackets
// or a leading mark.
func structNameOf(line string) string {
	if i := strings.IndexAny(line, "(["); i > 0 {
		line = line[:i]
	}
	return strings.TrimSpace(strings.TrimLeft(line, `'‘-–—~ `))
}

// structIsLabel reports whether a line could be a section label ("Money",
// "UK News") above a headline.
func structIsLabel(line string) bool {
	w := strings.Fields(line)
	if len(w) == 0 || len(w) > 2 || len(line) > 30 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(line)
	if !unicode.IsUpper(r) {
		return false
	}
	return !strings.ContainsAny(line, ".!?:;,'\"‘’“”0123456789")
}

// structIsHeadline reports whether a line can be a title: short, and not
// ending like a sentence of running text.
func structIsHeadline(line string) bool {
	if len(line) < 2 || len(line) > 200 || len(strings.Fields(line)) > 30 {
		return false
	}
	if strings.Contains(line, "://") || structIsBoilerplate(line) || structIsSeparator(line) {
		return false
	}
	if strings.HasSuffix(line, ":-") || strings.HasSuffix(line, "...") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".,;:", last) {
		return false
	}
	for _, r := range line {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// structMarkdownHeading returns the text of an ATX heading line.
func structMarkdownHeading(line string) (string, bool) {
	t := strings.TrimLeft(line, "#")
	if len(t) == len(line) || len(line)-len(t) > 6 || (t != "" && t[0] != ' ' && t[0] != '\t') {
		return "", false
	}
	t = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t), "#"))
	return t, t != ""
}

// structOpensQuote reports whether a post line introduces a quoted
// article: it ends ":-", or it ends ":" and the next line is a headline.
func structOpensQuote(line, next string) bool {
	t := strings.TrimRight(line, " \t")
	if strings.HasSuffix(t, ":-") || strings.HasSuffix(t, ": -") {
		return next != ""
	}
	return strings.HasSuffix(t, ":") && next != "" && structIsHeadline(next) && len(strings.Fields(next)) <= 20 &&
		!structNumbered.MatchString(next)
}

// structQuoted reports whether a paragraph is wholly in quotation marks.
func structQuoted(p string) bool {
	p = strings.TrimSpace(p)
	p = strings.TrimRight(p, ".… ")
	if len(p) < 3 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(p)
	last, _ := utf8.DecodeLastRuneInString(p)
	if first != '"' && first != '“' {
		return false
	}
	if last != '"' && last != '”' {
		return false
	}
	// "a" and "b" is two quotes, not one paragraph in quotes.
	inner := p[utf8.RuneLen(first) : len(p)-utf8.RuneLen(last)]
	return !strings.Contains(inner, "\"\n") && strings.Count(inner, "\"")%2 == 0
}

// structCollapse collapses white space for comparing titles.
func structCollapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// structMonthRe matches a month's name, in full or shortened.
const structMonthRe = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`

var structMonths = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

var (
	structWeekday = `(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`
	structDMY     = regexp.MustCompile(`(?i)^` + structWeekday + `(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})$`)
	structMDY     = regexp.MustCompile(`(?i)^` + structWeekday + `([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
	structISO     = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$`)
	structYMD     = regexp.MustCompile(`^(\d{4})/(\d{1,2})/(\d{1,2})$`)
	// structDatePrefix and structDateSuffix are what may surround a date on
	// a date line: "Published: ... at 10:13 GMT".
	structDatePrefix = regexp.MustCompile(`(?i)^(?:(?:first\s+)?(?:published|posted|updated|last updated|date)(?:\s+on)?\s*:?\s*)`)
	structDateSuffix = regexp.MustCompile(`(?i)(?:\s*(?:,|at|-|–|\|)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,4}|utc[+-]?\d*)?)$`)
)

// structParseDate parses a date written alone ("Tuesday 4 March 2025",
// "Monday, 3 February 2025", "March 4, 2025", "2025-03-04") and returns
// it as YYYY-MM-DD.
func structParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	var y, d int
	var mo time.Month
	if m := structISO.FindStringSubmatch(s); m != nil {
		y, _ = strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[2])
		mo = time.Month(n)
		d, _ = strconv.Atoi(m[3])
	} else if m := structYMD.FindStringSubmatch(s); m != nil {
		y, _ = strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[2])
		mo = time.Month(n)
		d, _ = strconv.Atoi(m[3])
	} else if m := structDMY.FindStringSubmatch(s); m != nil {
		d, _ = strconv.Atoi(m[1])
		mo = structMonths[strings.ToLower(m[2])]
		y, _ = strconv.Atoi(m[3])
	} else if m := structMDY.FindStringSubmatch(s); m != nil {
		mo = structMonths[strings.ToLower(m[1])]
		d, _ = strconv.Atoi(m[2])
		y, _ = strconv.Atoi(m[3])
	} else {
		return "", false
	}
	if mo < 1 || mo > 12 || d < 1 || y < 1000 {
		return "", false
	}
	t := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != mo {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// structDateLine parses a line that is a date and nothing else, allowing a
// "Published:" before it and a time of day after it.
func structDateLine(line string) (string, bool) {
	if len(line) > 80 {
		return "", false
	}
	s := structDatePrefix.ReplaceAllString(line, "")
	if d, ok := structParseDate(s); ok {
		return d, true
	}
	return structParseDate(structDateSuffix.ReplaceAllString(s, ""))
}
