package extract

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// readPage is an HTML page reduced to text: blocks of text separated by
// blank lines, which comment each block belongs to, and what the page's
// markup says about its title and date.
type readPage struct {
	text   string
	blocks []readBlock
	units  map[int]*structUnit
	// titles are candidate titles, best first.
	titles []string
	// date is the publication date from the markup, as YYYY-MM-DD.
	date string
}

// readBlock is one block of a page's text. unit is the comment it is part
// of (0 for none); meta is set for a comment's header, author line and
// buttons.
type readBlock struct {
	Span
	unit int
	meta bool
}

// structHTML cuts a page read by readHTML into sections, using what the
// markup says about comments, title and date.
func structHTML(p readPage) structResult {
	o := structOpts{titles: p.titles, date: p.date, units: p.units}
	if len(p.units) > 0 {
		o.lineUnit = func(l structLine) (int, bool) {
			i := sort.Search(len(p.blocks), func(i int) bool { return p.blocks[i].End > l.ts })
			if i < len(p.blocks) && p.blocks[i].Start <= l.ts {
				return p.blocks[i].unit, p.blocks[i].meta
			}
			return 0, false
		}
	}
	r := structText(p.text, o)
	if r.title == "" {
		for _, t := range p.titles {
			if t = structCollapse(t); t != "" {
				r.title = t
				break
			}
		}
	}
	return r
}

// readHTML parses an HTML page and extracts its readable text. It never
// fails: the HTML parser accepts any input, as browsers do.
func readHTML(data []byte) (readPage, error) {
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		// The parser refuses pages nested deeper than 512 elements.
		return readPage{}, fmt.Errorf("%w: %v", ErrHTML, err)
	}
	w := &readWalker{units: make(map[int]*structUnit), next: 1}
	w.meta(root)
	w.walk(root, false)
	w.flush()
	p := readPage{text: w.out.String(), blocks: w.blocks, units: w.units, date: w.pageDate()}
	for _, t := range []string{w.ogTitle, w.classTitle, w.h1, w.title} {
		if t = structCollapse(t); t != "" {
			p.titles = append(p.titles, t)
		}
	}
	// A <title> often carries the site's name: "Blog: Post" or "Post | Paper".
	for _, sep := range []string{" | ", " - ", " – ", " — ", ": "} {
		if before, after, ok := strings.Cut(structCollapse(w.title), sep); ok {
			p.titles = append(p.titles, after, before)
		}
	}
	// Blocks without text leave units with nothing in them; keep the map to
	// units that exist.
	return p, nil
}

// readWalker walks a parsed page, writing blocks of text.
type readWalker struct {
	out    strings.Builder
	buf    strings.Builder // the block being gathered
	blocks []readBlock

	units  map[int]*structUnit
	next   int
	stack  []int // units of the comments we are inside
	sticky int   // a <dt> comment's unit, which its <dd>s continue
	filled map[int]bool
	inMeta int // depth inside a comment's header or buttons
	pre    int // depth inside <pre>

	title, ogTitle, classTitle, h1 string
	metaDate, timeDate, textDate   string
}

// unit returns the comment the walker is inside, or 0.
func (w *readWalker) unit() int {
	if w.sticky != 0 {
		return w.sticky
	}
	if n := len(w.stack); n > 0 {
		return w.stack[n-1]
	}
	return 0
}

// flush ends the current block.
func (w *readWalker) flush() {
	raw := w.buf.String()
	w.buf.Reset()
	var lines []string
	for _, l := range strings.Split(raw, "\n") {
		l = strings.TrimSpace(l)
		if l == "" && (len(lines) == 0 || lines[len(lines)-1] == "") {
			continue
		}
		lines = append(lines, l)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return
	}
	if w.out.Len() > 0 {
		w.out.WriteString("\n\n")
	}
	start := w.out.Len()
	w.out.WriteString(strings.Join(lines, "\n"))
	u := w.unit()
	w.blocks = append(w.blocks, readBlock{Span: Span{start, w.out.Len()}, unit: u, meta: w.inMeta > 0})
	if u != 0 && w.inMeta == 0 {
		if w.filled == nil {
			w.filled = make(map[int]bool)
		}
		w.filled[u] = true
	}
}

// text adds a text node to the current block, collapsing white space as a
// browser does (except inside <pre>).
func (w *readWalker) text(s string) {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	if w.pre > 0 {
		w.buf.WriteString(s)
		return
	}
	for i, f := range strings.Fields(s) {
		if i > 0 || (len(s) > 0 && readIsSpace(s[0])) {
			w.space()
		}
		w.buf.WriteString(f)
	}
	if len(s) > 0 && readIsSpace(s[len(s)-1]) {
		w.space()
	}
}

func (w *readWalker) space() {
	b := w.buf.String()
	if b != "" && !readIsSpace(b[len(b)-1]) {
		w.buf.WriteByte(' ')
	}
}

func readIsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// readBlockTags are the elements that start and end a block of text.
var readBlockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Pre: true, atom.Section: true,
	atom.Article: true, atom.Main: true, atom.Header: true, atom.Footer: true, atom.Table: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Figure: true, atom.Figcaption: true,
	atom.Address: true, atom.Hr: true, atom.Center: true, atom.Details: true, atom.Summary: true,
	atom.Body: true, atom.Cite: false,
}

// readDropTags are never text of the page.
var readDropTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Nav: true, atom.Aside: true, atom.Noscript: true,
	atom.Form: true, atom.Template: true, atom.Svg: true, atom.Iframe: true, atom.Object: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Head: true, atom.Input: true,
	atom.Label: true, atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Map: true,
}

// readDropWords are class and id words of page furniture: cookie banners,
// share buttons, sidebars.
var readDropWords = map[string]bool{
	"cookie": true, "cookies": true, "consent": true, "gdpr": true, "sidebar": true,
	"share": true, "sharing": true, "sharethis": true, "social": true, "breadcrumb": true,
	"breadcrumbs": true, "newsletter": true, "advert": true, "advertisement": true, "ad": true,
	"ads": true, "navbar": true, "menu": true, "skip": true, "respond": true, "popup": true,
	"modal": true, "subscribe": true, "signup": true, "promo": true, "paywall": true,
}

// readMetaWords mark the parts of a comment that are not its text.
var readMetaWords = map[string]bool{
	"header": true, "meta": true, "metadata": true, "footer": true, "actions": true,
	"timestamp": true, "datetime": true, "date": true, "time": true, "reply": true,
	"control": true, "admin": true, "edit": true, "permalink": true, "avatar": true,
	"vote": true, "votes": true, "likes": true, "toggle": true, "continue": true,
}

// readAuthorWords mark the element that holds a comment's author.
var readAuthorWords = map[string]bool{
	"author": true, "user": true, "fn": true, "username": true, "name": true, "commenter": true,
}

// readTitleWords mark the element that holds a post's headline.
var readTitleWords = map[string]string{
	"post-title": "", "entry-title": "", "headline": "", "article-title": "", "story-title": "",
	"article-headline": "", "page-title": "",
}

// readWords returns the words of an element's class and id, split at
// spaces, hyphens and underscores, in lower case; and the whole class
// tokens.
func readWords(n *html.Node) (words map[string]bool, classes []string) {
	words = make(map[string]bool)
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, tok := range strings.Fields(strings.ToLower(a.Val)) {
			if a.Key == "class" {
				classes = append(classes, tok)
			}
			for _, w := range strings.FieldsFunc(tok, func(r rune) bool { return r == '-' || r == '_' }) {
				words[w] = true
			}
		}
	}
	return words, classes
}

func readAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// readHidden reports whether an element is hidden from readers.
func readHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// readCommentID matches the id of one comment: Blogger's "c123…",
// WordPress's "comment-42".
var readCommentID = regexp.MustCompile(`^(?:c\d{4,}|comment-\d+|comment_\d+|li-comment-\d+)$`)

// walk writes the text of n and its children. kept says an ancestor
// (article, main, comment) keeps <header> and <footer>, which at page level
// are the site's masthead and footer.
func (w *readWalker) walk(n *html.Node, kept bool) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, kept)
		}
		return
	case html.ElementNode:
	default:
		return
	}
	a := n.DataAtom
	if readDropTags[a] || readHidden(n) {
		return
	}
	if (a == atom.Header || a == atom.Footer) && !kept {
		return
	}
	if a == atom.Br {
		w.buf.WriteByte('\n')
		return
	}
	words, classes := readWords(n)
	if a != atom.Html && a != atom.Body && a != atom.Main && a != atom.Article && w.unit() == 0 {
		for wd := range words {
			if readDropWords[wd] {
				return
			}
		}
	}

	block := readBlockTags[a]
	// Comments: a <li class="comment">, or an element with a comment's id,
	// opens a unit; an old Blogger <dt class="comment-author"> opens one
	// that its <dd>s continue.
	opens := false
	isComment := readCommentID.MatchString(strings.ToLower(readAttr(n, "id")))
	for _, c := range classes {
		isComment = isComment || c == "comment" || c == "comment-item"
	}
	dtComment := a == atom.Dt && words["comment"] && words["author"]
	if (isComment || dtComment) && !(w.unit() != 0 && !w.filled[w.unit()] && !dtComment) {
		opens = true
	}
	author := w.unit() != 0 && w.units[w.unit()].author == "" && (a == atom.Cite || readHasAny(words, readAuthorWords)) && !opens
	meta := w.unit() != 0 && !author && !opens && readHasAny(words, readMetaWords) && !words["content"] && !words["body"] && !words["text"]
	if a == atom.Time && w.unit() != 0 {
		meta = true
	}
	if block || opens || author || meta || dtComment {
		w.flush()
	}
	saveSticky := w.sticky
	if a == atom.Dl {
		w.sticky = 0
	}
	if opens {
		u := w.next
		w.next++
		parent := w.unit()
		if dtComment {
			// A <dt> comment follows the last one; it does not reply to it.
			parent = 0
			if n := len(w.stack); n > 0 {
				parent = w.stack[n-1]
			}
		}
		w.units[u] = &structUnit{parent: parent}
		if dtComment {
			w.sticky = u
			// Its author is the dt itself.
			w.units[u].author = readCleanAuthor(readNodeText(n))
			w.inMeta++
			w.children(n, true)
			w.flush()
			w.inMeta--
			return
		}
		w.stack = append(w.stack, u)
	}
	if author {
		w.units[w.unit()].author = readCleanAuthor(readNodeText(n))
	}
	if author || meta {
		w.inMeta++
	}
	if a == atom.Pre {
		w.pre++
	}
	w.children(n, kept || opens || a == atom.Article || a == atom.Main || w.unit() != 0)
	if block || opens || author || meta {
		w.flush()
	}
	if a == atom.Pre {
		w.pre--
	}
	if author || meta {
		w.inMeta--
	}
	if opens {
		w.stack = w.stack[:len(w.stack)-1]
	}
	if a == atom.Dl {
		w.flush()
		w.sticky = saveSticky
	}
}

func (w *readWalker) children(n *html.Node, kept bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, kept)
	}
}

func readHasAny(words, set map[string]bool) bool {
	for w := range words {
		if set[w] {
			return true
		}
	}
	return false
}

// readCleanAuthor turns "Jo Bloggs said..." or "Jo Bloggs says:" into a name.
func readCleanAuthor(s string) string {
	s = structCollapse(s)
	if name, ok := structSaid(s); ok {
		return name
	}
	if name, ok := structCommentHead(s); ok {
		return name
	}
	return strings.TrimRight(s, " :")
}

// readNodeText returns the text inside n, white space collapsed.
func readNodeText(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return structCollapse(strings.ReplaceAll(b.String(), "\u00a0", " "))
}

// meta gathers what the markup says about the title and the date.
func (w *readWalker) meta(n *html.Node) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Script, atom.Style:
			return
		case atom.Title:
			if w.title == "" {
				w.title = readNodeText(n)
			}
		case atom.Meta:
			key := strings.ToLower(readAttr(n, "property") + readAttr(n, "name") + readAttr(n, "itemprop"))
			val := readAttr(n, "content")
			switch key {
			case "og:title":
				if w.ogTitle == "" {
					w.ogTitle = val
				}
			case "article:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
				"pubdate", "publish-date", "publishdate", "sailthru.date", "parsely-pub-date", "og:published_time":
				if w.metaDate == "" {
					w.metaDate = readDate(val)
				}
			}
		case atom.Time:
			if w.timeDate == "" {
				w.timeDate = readDate(readAttr(n, "datetime"))
				if w.timeDate == "" {
					w.timeDate = readDate(readNodeText(n))
				}
			}
		case atom.H1:
			if w.h1 == "" {
				w.h1 = readNodeText(n)
			}
		}
		words, classes := readWords(n)
		if w.classTitle == "" {
			for _, c := range classes {
				if _, ok := readTitleWords[c]; ok {
					w.classTitle = readNodeText(n)
				}
			}
			if strings.EqualFold(readAttr(n, "itemprop"), "headline") && w.classTitle == "" {
				w.classTitle = readNodeText(n)
			}
		}
		if w.textDate == "" && (words["published"] || (words["date"] && words["header"])) {
			if d := readDate(readAttr(n, "title")); d != "" {
				w.textDate = d
			} else {
				w.textDate = readDate(readNodeText(n))
			}
		}
		if words["comment"] || words["comments"] {
			return // comment dates are not the page's date
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.meta(c)
	}
}

// pageDate picks the best date the markup gives.
func (w *readWalker) pageDate() string {
	for _, d := range []string{w.metaDate, w.timeDate, w.textDate} {
		if d != "" {
			return d
		}
	}
	return ""
}

// readDate parses a date from an attribute or a date line.
func readDate(s string) string {
	s = strings.TrimSpace(s)
	if d, ok := structDateLine(s); ok {
		return d
	}
	if len(s) >= 10 {
		if d, ok := structParseDate(s[:10]); ok {
			return d
		}
	}
	return ""
}
