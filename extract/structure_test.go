package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// structUpdate rewrites the golden files instead of comparing with them:
//
//	go test ./extract -run TestSections -update
var structUpdate = flag.Bool("update", false, "rewrite golden files under testdata/golden")

// structSeedDir is the seed corpus, shared beside the repository.
const structSeedDir = "../../shared/corpus/seeds"

// structSeeds reads the seed corpus, skipping the test when it is absent
// outside CI; in CI its absence is a failure.
func structSeeds(t *testing.T) map[DocID]Document {
	t.Helper()
	if _, err := os.Stat(structSeedDir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("seed corpus missing in CI: %v", err)
		}
		t.Skipf("seed corpus not found: %v", err)
	}
	docs, errs := ReadPaths([]string{structSeedDir})
	for _, err := range errs {
		t.Errorf("ReadPaths: %v", err)
	}
	if len(docs) == 0 {
		t.Fatalf("no documents in %s", structSeedDir)
	}
	m := make(map[DocID]Document)
	for _, d := range docs {
		m[d.ID] = d
	}
	return m
}

// structSection returns the first section whose text contains s, or -1.
func structSection(doc Document, s string) int {
	for i, sec := range doc.Sections {
		if strings.Contains(doc.Text[sec.Start:sec.End], s) {
			return i
		}
	}
	return -1
}

func TestSeedTitles(t *testing.T) {
	docs := structSeeds(t)
	data, err := os.ReadFile("../../shared/gold/seeds.gold.json")
	if err != nil {
		t.Fatalf("gold file: %v", err)
	}
	var gold struct {
		Documents []struct {
			ID    DocID   `json:"id"`
			Title string  `json:"title"`
			Date  *string `json:"date"`
		} `json:"documents"`
	}
	if err := json.Unmarshal(data, &gold); err != nil {
		t.Fatal(err)
	}
	if len(gold.Documents) == 0 {
		t.Fatal("gold file lists no documents")
	}
	for _, g := range gold.Documents {
		doc, ok := docs[g.ID]
		if !ok {
			t.Errorf("seed %s not read", g.ID)
			continue
		}
		want := ""
		if g.Date != nil {
			want = *g.Date
		}
		if doc.Title != g.Title || doc.Date != want {
			t.Errorf("%s: title, date = %q, %q, want %q, %q", g.ID, doc.Title, doc.Date, g.Title, want)
		}
		if i := structSection(doc, g.Title); i < 0 || doc.Sections[i].Kind != SectionTitle {
			t.Errorf("%s: title %q is not a title section", g.ID, g.Title)
		}
	}
}

func TestSeedSections(t *testing.T) {
	docs := structSeeds(t)
	for id, doc := range docs {
		readCheckSections(t, doc)
		if e := structCoverage(doc); e != "" {
			t.Errorf("%s: %s", id, e)
		}
		for i, sec := range doc.Sections {
			if sec.Kind != SectionComment && sec.Kind != SectionPost && sec.Kind != SectionQuote {
				continue
			}
			for _, line := range strings.Split(doc.Text[sec.Start:sec.End], "\n") {
				switch strings.TrimSpace(line) {
				case "ReplyDelete", "Delete", "Replies", "READ SOURCE", "Leave a Reply":
					t.Errorf("%s: %s section %d holds the line %q", id, sec.Kind, i, line)
				}
			}
		}
	}
}

// structCoverage checks that the text outside sections is only white space
// and list markers ("12."), so that nothing is lost.
func structCoverage(doc Document) string {
	at := 0
	gap := func(end int) string {
		for _, f := range strings.Fields(doc.Text[at:end]) {
			if strings.Trim(f, "0123456789") != "." && strings.Trim(f, "#") != "" {
				return fmt.Sprintf("text %q at %d is in no section", f, at)
			}
		}
		return ""
	}
	for _, s := range doc.Sections {
		if e := gap(s.Start); e != "" {
			return e
		}
		at = s.End
	}
	return gap(len(doc.Text))
}

func TestSeedComments(t *testing.T) {
	docs := structSeeds(t)
	tests := []struct {
		id       DocID
		comments int // as the page counts them, replies included
		replies  int
	}{
		{"000_4d5e1bcf5c394feb", 7, 2},
		{"001_3369557d161e048a", 33, 15},
		{"002_dacaa8da64c944ec", 22, 10},
		{"003_9af33f08b2b91798", 0, 0},
		{"004_4b34ee96ce484cb9", 63, 31},
	}
	for _, tt := range tests {
		doc, ok := docs[tt.id]
		if !ok {
			t.Errorf("seed %s not read", tt.id)
			continue
		}
		n, replies := 0, 0
		for _, s := range doc.Sections {
			if s.Kind == SectionComment {
				n++
				if s.Parent >= 0 {
					replies++
				}
			}
		}
		// A comment cut by a rule ("____") is two sections.
		if n < tt.comments || n > tt.comments+tt.comments/10 || replies != tt.replies {
			t.Errorf("%s: %d comment sections, %d replies; want about %d, %d", tt.id, n, replies, tt.comments, tt.replies)
		}
	}
}

func TestSeedThreads(t *testing.T) {
	docs := structSeeds(t)
	tests := []struct {
		name   string
		id     DocID
		text   string // a phrase inside the section
		kind   SectionKind
		author string
		parent string // a phrase inside the parent section, or "" for none
	}{
		{"twitter quote", "000_4d5e1bcf5c394feb", "wish to speak out of turn", SectionQuote, "", "From Twitter"},
		{"signed reply", "000_4d5e1bcf5c394feb", "once upon a time, the client", SectionComment, "Getafix", "Do not the people designing"},
		{"sign-off", "000_4d5e1bcf5c394feb", "'Getafix", SectionSignature, "Getafix", ""},
		{"unsigned reply", "000_4d5e1bcf5c394feb", "good to be reminded", SectionComment, "", "Do not the people designing"},
		{"quoted article", "000_4d5e1bcf5c394feb", "first tranche of contracts", SectionQuote, "", ""},
		{"glued header", "001_3369557d161e048a", "let them fail\", and they will", SectionComment, "Probation Officer", ""},
		{"signed comment", "001_3369557d161e048a", "everyone on a tag", SectionComment, "Getafix", ""},
		{"signed reply 2", "001_3369557d161e048a", "not much hope for a rehabilitation", SectionComment, "Getafix", "Blame the government"},
		{"article after :-", "001_3369557d161e048a", "ill-advised", SectionQuote, "", ""},
		{"postscript", "001_3369557d161e048a", "already prompted some discussion", SectionPost, "", ""},
		{"editor", "002_dacaa8da64c944ec", "Nicola Carr (Editor)", SectionSignature, "Nicola Carr", ""},
		{"signed 002", "002_dacaa8da64c944ec", "fly in the ointment", SectionComment, "Getafix", ""},
		{"obituary reply", "004_4b34ee96ce484cb9", "Our friend John Shember", SectionComment, "", "OBITUARY"},
		{"news body", "003_9af33f08b2b91798", "Presenting a scathing annual report", SectionPost, "", ""},
		{"section label", "003_9af33f08b2b91798", "Money", SectionBoilerplate, "", ""},
		{"cookie notice", "003_9af33f08b2b91798", "This website uses cookies", SectionBoilerplate, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, ok := docs[tt.id]
			if !ok {
				t.Fatalf("seed %s not read", tt.id)
			}
			i := structSection(doc, tt.text)
			if i < 0 {
				t.Fatalf("no section holds %q", tt.text)
			}
			s := doc.Sections[i]
			if s.Kind != tt.kind || s.Author != tt.author {
				t.Errorf("section with %q: kind, author = %q, %q, want %q, %q", tt.text, s.Kind, s.Author, tt.kind, tt.author)
			}
			switch {
			case tt.parent == "" && s.Parent != -1 && s.Kind != SectionQuote:
				t.Errorf("section with %q: parent = %d, want -1", tt.text, s.Parent)
			case tt.parent != "" && s.Parent < 0:
				t.Errorf("section with %q: parent = -1, want the comment with %q", tt.text, tt.parent)
			case tt.parent != "" && structSection(doc, tt.parent) != s.Parent:
				p := doc.Sections[s.Parent]
				t.Errorf("section with %q: parent is %q, want the comment with %q", tt.text, doc.Text[p.Start:p.End], tt.parent)
			}
		})
	}
}

// structGolden is the golden form of a Document's sections.
type structGolden struct {
	ID       DocID                 `json:"id"`
	Format   string                `json:"format"`
	Title    string                `json:"title"`
	Date     string                `json:"date"`
	Sections []structGoldenSection `json:"sections"`
}

type structGoldenSection struct {
	Kind   SectionKind `json:"kind"`
	Start  int         `json:"start"`
	End    int         `json:"end"`
	Author string      `json:"author,omitempty"`
	Parent int         `json:"parent"`
	Text   string      `json:"text,omitempty"`
}

func structGoldenOf(doc Document, withText bool) []byte {
	g := structGolden{ID: doc.ID, Format: doc.Format, Title: doc.Title, Date: doc.Date, Sections: []structGoldenSection{}}
	for _, s := range doc.Sections {
		gs := structGoldenSection{Kind: s.Kind, Start: s.Start, End: s.End, Author: s.Author, Parent: s.Parent}
		if withText {
			gs.Text = doc.Text[s.Start:s.End]
		}
		g.Sections = append(g.Sections, gs)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(g); err != nil {
		panic(err) // a plain struct always encodes
	}
	return b.Bytes()
}

// structCheckGolden compares got with the golden file at path, or rewrites
// the file under -update.
func structCheckGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *structUpdate {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./extract -run TestSections -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("sections differ from %s (rerun with -update and review the diff):\n%s", path, got)
	}
}

// TestSections compares the sections of every fixture, and (without their
// text, which is not ours to copy) of every seed, with golden files.
func TestSections(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "docs", "*.*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, p := range files {
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Read(name, DocID(strings.TrimSuffix(name, filepath.Ext(name))), data)
			if err != nil {
				t.Fatalf("Read(%q): %v", name, err)
			}
			readCheckSections(t, doc)
			if e := structCoverage(doc); e != "" {
				t.Error(e)
			}
			structCheckGolden(t, filepath.Join("testdata", "golden", "sections", name+".json"), structGoldenOf(doc, true))
		})
	}
	t.Run("seeds", func(t *testing.T) {
		for id, doc := range structSeeds(t) {
			structCheckGolden(t, filepath.Join("testdata", "golden", "sections", "seeds", string(id)+".json"), structGoldenOf(doc, false))
		}
	})
}

func TestFixtureThreads(t *testing.T) {
	tests := []struct {
		file   string
		text   string
		kind   SectionKind
		author string
		parent string
	}{
		{"blog.txt", "Older than the harbour wall", SectionComment, "", "Not surprised"},
		{"blog.txt", "The council knew", SectionComment, "Bosun", "Not surprised"},
		{"blog.txt", "Another cancellation", SectionComment, "Deckhand", ""},
		{"blog.txt", "delivered a new excuse", SectionQuote, "", "Gazette letters page"},
		{"blog.txt", "Bring the service back", SectionComment, "Anonymous", ""},
		{"blog.txt", "Tom Rudd, said", SectionQuote, "", ""},
		{"blog.txt", "keep an eye on this", SectionPost, "Jim Ferrier", ""},
		{"blog.txt", "Newer Post", SectionBoilerplate, "", ""},
		{"blogger.html", "never checked because", SectionComment, "Quay Keeper", ""},
		{"blogger.html", "The answer was no", SectionComment, "Anonymous", "never checked because"},
		{"blogger.html", "lose the contract", SectionComment, "Deckhand", ""},
		{"blogger.html", "Nobody seems surprised", SectionPost, "Jim Ferrier", ""},
		{"blogger.html", "Harbour Watch", SectionBoilerplate, "", ""},
		{"oldblogger.html", "Third time this month", SectionComment, "Anonymous", ""},
		{"oldblogger.html", "not told either", SectionComment, "Quay Keeper", ""},
		{"oldblogger.html", "Posted by Jim Ferrier", SectionBoilerplate, "", ""},
		{"wordpress.html", "too late for the summer", SectionComment, "Ada Pennant", ""},
		{"wordpress.html", "will ask about that", SectionComment, "Tom Rudd", "too late for the summer"},
		{"news.html", "By Mary Quill", SectionSignature, "Mary Quill", ""},
		{"news.html", "Transport", SectionBoilerplate, "", ""},
		{"crlf.txt", "Share this", SectionBoilerplate, "", ""},
		{"thread.txt", "Sunday gaps hurt", SectionComment, "Ada Pennant", ""},
		{"thread.txt", "always cut Sundays", SectionComment, "Deckhand", ""},
		{"thread.txt", "- Deck", SectionSignature, "Deck", ""},
		{"thread.txt", "Harbour Notes", SectionBoilerplate, "", ""},
		{"post.md", "Audit Office", SectionPost, "Jim Ferrier", ""},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join("testdata", "docs", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Read(tt.file, "x", data)
		if err != nil {
			t.Fatal(err)
		}
		i := structSection(doc, tt.text)
		if i < 0 {
			t.Errorf("%s: no section holds %q", tt.file, tt.text)
			continue
		}
		s := doc.Sections[i]
		if s.Kind != tt.kind || s.Author != tt.author {
			t.Errorf("%s: section with %q: kind, author = %q, %q, want %q, %q", tt.file, tt.text, s.Kind, s.Author, tt.kind, tt.author)
		}
		want := -1
		if tt.parent != "" {
			want = structSection(doc, tt.parent)
		}
		if s.Parent != want && !(tt.kind == SectionQuote && tt.parent == "") {
			t.Errorf("%s: section with %q: parent = %d, want %d (%q)", tt.file, tt.text, s.Parent, want, tt.parent)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tuesday 3 December 2019", "2019-12-03"},
		{"Monday, 28 January 2019", "2019-01-28"},
		{"29 October 2016", "2016-10-29"},
		{"3rd December 2019", "2019-12-03"},
		{"Sat 5 Apr 2024", "2024-04-05"},
		{"December 3, 2019", "2019-12-03"},
		{"Sept 9 2021", "2021-09-09"},
		{"2019-12-03", "2019-12-03"},
		{"2019-12-03T10:13:00Z", "2019-12-03"},
		{"2024-04-02T08:30:00+01:00", "2024-04-02"},
		{"2019/12/3", "2019-12-03"},
		{"31 February 2019", ""},
		{"3 Smarch 2019", ""},
		{"2019-13-01", ""},
		{"Money", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := structParseDate(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("structParseDate(%q) = %q, %v, want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestDateLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tuesday 3 December 2019", "2019-12-03"},
		{"Published: 3 December 2019", "2019-12-03"},
		{"Posted on May 1, 2024", "2024-05-01"},
		{"Updated 4 June 2020 at 10:13", "2020-06-04"},
		{"29 October 2016 at 15:29", "2016-10-29"},
		{"Wednesday 4 March 2020 18.05 GMT", "2020-03-04"},
		{"The talks ended on 3 December 2019", ""},
		{"TR2 Will Also Be a Disaster", ""},
	}
	for _, tt := range tests {
		got, ok := structDateLine(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("structDateLine(%q) = %q, %v, want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestCommentHead(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Probation Officer29 October 2016 at 15:29", "Probation Officer"},
		{"Jo Bloggs 1 May 2024 at 9:05 pm", "Jo Bloggs"},
		{"Anonymous said...", "Anonymous"},
		{"Jo said…", "Jo"},
		{"Ada Pennant says:", "Ada Pennant"},
		{"Jim Brown October 28, 2014 at 6:51 PM", "Jim Brown"},
		{"Anonymous28 Oct 2014, 18:07", "Anonymous"},
		{"I agree with what the minister said...", ""},
		{"Rioting at HMP Lewis tonight.", ""},
	}
	for _, tt := range tests {
		got, ok := structCommentHead(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("structCommentHead(%q) = %q, %v, want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestSignOff(t *testing.T) {
	tests := []struct{ in, want string }{
		{"'Getafix", "Getafix"},
		{"'Getafix'", "Getafix"},
		{"- Jo Bloggs", "Jo Bloggs"},
		{"~Sam", "Sam"},
		{"Getafix", ""},
		{"- and then they left.", ""},
		{"\"Don't wish to speak out of turn\"", ""},
	}
	for _, tt := range tests {
		got, ok := structSignOff(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("structSignOff(%q) = %q, %v, want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestHeader(t *testing.T) {
	tests := []struct {
		name, text, title, date string
	}{
		{"date then title", "Tuesday 3 December 2019\n\nA Title\n\nText of the post.\n", "A Title", "2019-12-03"},
		{"label then title", "News\n\nMinister Quits Over Ferry Row\n\nText of the story.\n", "Minister Quits Over Ferry Row", ""},
		{"title then byline and date", "Ferry Row Deepens\nBy Jo Bloggs\n3 May 2024\n\nText.\n", "Ferry Row Deepens", "2024-05-03"},
		{"one-word title", "Postscript\n\nA long first paragraph that runs on.\n", "Postscript", ""},
		{"no title", "This file starts with running text, like a letter.\n", "", ""},
		{"bom", "\uFEFFA Title\n\nText.\n", "A Title", ""},
	}
	for _, tt := range tests {
		doc, err := Read("x.txt", "x", []byte(tt.text))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if doc.Title != tt.title || doc.Date != tt.date {
			t.Errorf("%s: title, date = %q, %q, want %q, %q", tt.name, doc.Title, doc.Date, tt.title, tt.date)
		}
		readCheckSections(t, doc)
	}
}
