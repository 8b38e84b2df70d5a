package extract

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name   string
		source string
		data   string
		err    error
		format string
		title  string
		date   string
	}{
		{"text", "a.txt", "Monday, 1 July 2024\n\nA Headline\n\nBody text here.\n", nil, "text", "A Headline", "2024-07-01"},
		{"text ext upper", "A.TXT", "Just a line of text.", nil, "text", "", ""},
		{"text long ext", "a.text", "Title Line\n\nBody.\n", nil, "text", "Title Line", ""},
		{"markdown", "a.md", "# Heading\n\nBody.\n", nil, "markdown", "Heading", ""},
		{"markdown long ext", "a.markdown", "# Heading\n\nBody.\n", nil, "markdown", "Heading", ""},
		{"html", "a.html", "<title>T</title><h1>Big News</h1><p>Body.</p>", nil, "html", "Big News", ""},
		{"htm", "a.htm", "<p>Only a paragraph.</p>", nil, "html", "", ""},
		{"unsupported", "a.pdf", "text", ErrUnsupported, "", "", ""},
		{"no extension", "README", "text", ErrUnsupported, "", "", ""},
		{"empty", "a.txt", "", ErrEmpty, "", "", ""},
		{"white space", "a.md", " \n\t\r\n\u00a0", ErrEmpty, "", "", ""},
		{"nul byte", "a.txt", "some text\x00more", ErrBinary, "", "", ""},
		{"control bytes", "a.txt", "\x01\x02\x03\x04\x05\x06\x07\x08abc", ErrBinary, "", "", ""},
		{"latin-1", "a.txt", "Caf\xe9 society", ErrInvalidUTF8, "", "", ""},
		{"html empty body", "a.html", "<html><script>x()</script></html>", ErrEmpty, "", "", ""},
		{"html invalid", "a.html", "<p>caf\xe9</p>", ErrInvalidUTF8, "", "", ""},
		{"html latin-1", "a.html", "<meta charset=\"windows-1252\"><h1>Caf\xe9 Closes</h1><p>It shut.</p>", nil, "html", "Café Closes", ""},
		{"utf-16 le bom", "a.txt", "\xff\xfeH\x00i\x00 \x00t\x00h\x00e\x00r\x00e\x00", ErrUTF16, "", "", ""},
		{"utf-16 be no bom", "a.md", "\x00H\x00i\x00 \x00t\x00h\x00e\x00r\x00e\x00.", ErrUTF16, "", "", ""},
		{"html too deep", "a.html", strings.Repeat("<div>", 600) + "Deep text." + strings.Repeat("</div>", 600), ErrHTML, "", "", ""},
		{"html utf-16", "a.html", "\xff\xfe<\x00h\x001\x00>\x00H\x00i\x00<\x00/\x00h\x001\x00>\x00", nil, "html", "Hi", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(tt.source, "id", []byte(tt.data))
			if !errors.Is(err, tt.err) || (err != nil) != (tt.err != nil) {
				t.Fatalf("Read(%q) error = %v, want %v", tt.source, err, tt.err)
			}
			if err != nil {
				return
			}
			if doc.ID != "id" || doc.Source != tt.source {
				t.Errorf("Read(%q) ID, Source = %q, %q, want %q, %q", tt.source, doc.ID, doc.Source, "id", tt.source)
			}
			if doc.Format != tt.format || doc.Title != tt.title || doc.Date != tt.date {
				t.Errorf("Read(%q) format, title, date = %q, %q, %q, want %q, %q, %q",
					tt.source, doc.Format, doc.Title, doc.Date, tt.format, tt.title, tt.date)
			}
			if doc.Format != "html" && doc.Text != tt.data {
				t.Errorf("Read(%q).Text = %q, want the data exactly", tt.source, doc.Text)
			}
			readCheckSections(t, doc)
		})
	}
}

func TestReadInvalidUTF8Offset(t *testing.T) {
	_, err := Read("a.txt", "a", []byte("abc\xe2\x82déf"))
	if !errors.Is(err, ErrInvalidUTF8) {
		t.Fatalf("Read error = %v, want ErrInvalidUTF8", err)
	}
	if want := "at byte 3"; !strings.Contains(err.Error(), want) {
		t.Errorf("Read error = %q, want it to contain %q", err, want)
	}
}

// TestReadExact checks that plain text and Markdown keep every byte, line
// ends included, so that offsets are offsets into the file.
func TestReadExact(t *testing.T) {
	for _, name := range []string{"crlf.txt", "post.md", "blog.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", "docs", name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Read(name, "x", data)
		if err != nil {
			t.Fatalf("Read(%q): %v", name, err)
		}
		if doc.Text != string(data) {
			t.Errorf("Read(%q).Text differs from the file", name)
		}
		if name == "crlf.txt" && !strings.Contains(doc.Text, "\r\n") {
			t.Errorf("Read(%q).Text lost its CRLF line ends", name)
		}
	}
}

func TestReadError(t *testing.T) {
	err := error(&ReadError{Path: "docs/a.bin", Err: ErrBinary})
	if got, want := err.Error(), "read docs/a.bin: extract: binary file"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, ErrBinary) {
		t.Errorf("errors.Is(%v, ErrBinary) = false, want true", err)
	}
	var re *ReadError
	if !errors.As(err, &re) || re.Path != "docs/a.bin" {
		t.Errorf("errors.As(%v) = %v, want the ReadError", err, re)
	}
}

func TestReadPaths(t *testing.T) {
	docs, errs := ReadPaths([]string{filepath.Join("testdata", "docs")})
	var ids []DocID
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	wantIDs := []DocID{"blog", "blogger", "crlf", "news", "oldblogger", "post", "thread", "wordpress"}
	if !reflect.DeepEqual(ids, wantIDs) {
		t.Errorf("ReadPaths ids = %q, want %q", ids, wantIDs)
	}
	// The folder's bad files are errors; the .pdf is skipped silently.
	want := map[string]error{"binary.txt": ErrBinary, "empty.txt": ErrEmpty, "latin1.txt": ErrInvalidUTF8}
	if len(errs) != len(want) {
		t.Errorf("ReadPaths gave %d errors, want %d: %v", len(errs), len(want), errs)
	}
	for _, err := range errs {
		var re *ReadError
		if !errors.As(err, &re) {
			t.Errorf("error %v is not a *ReadError", err)
			continue
		}
		if w, ok := want[filepath.Base(re.Path)]; !ok || !errors.Is(err, w) {
			t.Errorf("error %v, want one of %v", err, want)
		}
	}
}

func TestReadPathsTree(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("corpus/b.txt", "Second\n\nText.\n")
	write("corpus/sub/a.md", "# First\n\nText.\n")
	write("corpus/.hidden.txt", "Hidden\n")
	write("corpus/.git/c.txt", "Hidden too\n")
	write("corpus/image.png", "\x89PNG")
	write("corpus/bad.txt", "\x00\x01")
	dup := write("other/b.txt", "Same id as corpus/b\n")
	pdf := write("other/x.pdf", "pdf")
	lone := write("other/lone.md", "# Lone\n")

	docs, errs := ReadPaths([]string{filepath.Join(dir, "corpus"), dup, pdf, lone, filepath.Join(dir, "missing")})
	var ids []DocID
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if want := []DocID{"b", "lone", "sub/a"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ReadPaths ids = %q, want %q", ids, want)
	}
	if docs[0].Source != filepath.Join(dir, "corpus", "b.txt") {
		t.Errorf("doc b Source = %q, want the first file with that id", docs[0].Source)
	}
	var got []string
	for _, err := range errs {
		var re *ReadError
		if !errors.As(err, &re) {
			t.Fatalf("error %v is not a *ReadError", err)
		}
		rel, _ := filepath.Rel(dir, re.Path)
		got = append(got, filepath.ToSlash(rel))
	}
	want := []string{"missing", "corpus/bad.txt", "other/b.txt", "other/x.pdf"}
	if !readSameSet(got, want) {
		t.Errorf("ReadPaths errors for %q, want %q (%v)", got, want, errs)
	}
	for _, err := range errs {
		if strings.HasSuffix(err.(*ReadError).Path, ".pdf") && !errors.Is(err, ErrUnsupported) {
			t.Errorf("named .pdf: error %v, want ErrUnsupported", err)
		}
	}
}

// TestListSpecialFiles: only regular files are listed; links are followed
// only to regular files inside the folder, and everything else is an
// error naming the path and the cause. No special file is ever opened
// (a FIFO would hang the test).
func TestListSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "corpus")
	outside := filepath.Join(dir, "outside")
	for _, d := range []string{root, outside, filepath.Join(root, "sub")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, text string) {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, "good.txt"), "Good\n\nText.\n")
	write(filepath.Join(root, "sub", "inner.txt"), "Inner\n\nText.\n")
	write(filepath.Join(outside, "secret.txt"), "Secret\n")
	link("good.txt", "alias.txt")                          // inside: followed
	link(filepath.Join(outside, "secret.txt"), "leak.txt") // leaves the folder
	link("/dev/zero", "zero.txt")                          // a device
	link("/dev/urandom", "random.md")                      // a device
	link("missing.txt", "dangling.txt")                    // broken
	link(outside, "folder")                                // a folder: never walked
	link("/dev/null", "null.pdf")                          // unsupported extension: silent
	if err := syscall.Mkfifo(filepath.Join(root, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}

	files, errs := List([]string{root})
	var ids []string
	for _, f := range files {
		ids = append(ids, string(f.ID))
	}
	if want := []string{"alias", "good", "sub/inner"}; !readSameSet(ids, want) {
		t.Errorf("List ids = %q, want %q", ids, want)
	}
	tests := []struct {
		name string
		id   DocID
		err  error
	}{
		{"leak.txt", "leak", ErrOutsideRoot},
		{"zero.txt", "zero", ErrNotRegular},
		{"random.md", "random", ErrNotRegular},
		{"dangling.txt", "dangling", fs.ErrNotExist},
		{"folder", "", ErrSymlinkDir},
		{"pipe.txt", "pipe", ErrNotRegular},
	}
	got := map[string]*ReadError{}
	for _, err := range errs {
		var re *ReadError
		if !errors.As(err, &re) {
			t.Fatalf("error %v is not a *ReadError", err)
		}
		got[filepath.Base(re.Path)] = re
	}
	if len(got) != len(tests) {
		t.Errorf("List gave %d errors, want %d: %v", len(errs), len(tests), errs)
	}
	for _, tt := range tests {
		re := got[tt.name]
		if re == nil {
			t.Errorf("no error for %s", tt.name)
			continue
		}
		if re.ID != tt.id || !errors.Is(re, tt.err) || !strings.Contains(re.Error(), tt.name) {
			t.Errorf("%s: error %v (id %q), want %v (id %q) naming the path", tt.name, re, re.ID, tt.err, tt.id)
		}
	}

	// A folder named explicitly may be a link: it is walked, with the same ids.
	named := filepath.Join(dir, "named")
	if err := os.Symlink(root, named); err != nil {
		t.Fatal(err)
	}
	viaLink, linkErrs := List([]string{named})
	var linkIDs []string
	for _, f := range viaLink {
		linkIDs = append(linkIDs, string(f.ID))
		if !strings.HasPrefix(f.Path, named) {
			t.Errorf("List(link) path %s, want it under %s", f.Path, named)
		}
	}
	if !readSameSet(linkIDs, ids) || len(linkErrs) != len(errs) {
		t.Errorf("List(link to the folder) = %q, %d errors; want %q, %d errors", linkIDs, len(linkErrs), ids, len(errs))
	}

	// A file named explicitly may be a link anywhere, but only to a regular file.
	for _, tt := range []struct {
		path string
		err  error
	}{
		{filepath.Join(root, "leak.txt"), nil},
		{filepath.Join(root, "zero.txt"), ErrNotRegular},
		{filepath.Join(root, "pipe.txt"), ErrNotRegular},
	} {
		files, errs := List([]string{tt.path})
		if tt.err == nil && (len(files) != 1 || len(errs) != 0) || tt.err != nil && (len(errs) != 1 || !errors.Is(errs[0], tt.err)) {
			t.Errorf("List(%s) = %v, %v, want error %v", tt.path, files, errs, tt.err)
		}
	}
}

// TestReadBytes: the size limit is checked before reading and enforced by
// the read; a special file is refused before it is opened.
func TestReadBytes(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.txt")
	if err := os.WriteFile(small, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		max  int64
		n    int
		err  error
	}{
		{"under the limit", small, 100, 10, nil},
		{"at the limit", small, 10, 10, nil},
		{"over the limit", small, 9, 0, ErrTooLarge},
		{"default limit", small, 0, 10, nil},
		{"fifo", fifo, 100, 0, ErrNotRegular},
		{"device", "/dev/zero", 100, 0, ErrNotRegular},
		{"missing", filepath.Join(dir, "none.txt"), 100, 0, fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := ReadBytes(tt.path, tt.max)
			if !errors.Is(err, tt.err) || (err != nil) != (tt.err != nil) || len(data) != tt.n {
				t.Errorf("ReadBytes(%s, %d) = %d bytes, %v, want %d, %v", tt.path, tt.max, len(data), err, tt.n, tt.err)
			}
		})
	}
	// A file read through ReadFileLimit over the limit is a ReadError naming it.
	_, err := ReadFileLimit(File{Path: small, ID: "small"}, 5)
	var re *ReadError
	if !errors.As(err, &re) || re.ID != "small" || !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), small) {
		t.Errorf("ReadFileLimit over the limit = %v, want a ReadError with ErrTooLarge naming the path", err)
	}
}

func readSameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := make(map[string]int)
	for _, s := range a {
		m[s]++
	}
	for _, s := range b {
		m[s]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestReadHTML(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "docs", "news.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read("news.html", "news", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{"tracking", "color: black", "uses cookies", "Sport", "enable JavaScript", "All rights reserved", "Share on Twitter", "Harbour wall repairs"} {
		if strings.Contains(doc.Text, absent) {
			t.Errorf("Text contains %q, which should have been dropped", absent)
		}
	}
	for _, present := range []string{
		"£250,000", "“overdue”", "ignored warnings", "the council's decision",
		"Wavecrest Marine, which runs three boats,\nsaid", "Ferry operator fined over missed sailings",
	} {
		if !strings.Contains(doc.Text, present) {
			t.Errorf("Text lacks %q:\n%s", present, doc.Text)
		}
	}
	if !strings.Contains(doc.Text, "\n\n") {
		t.Errorf("Text has no blank line between blocks:\n%s", doc.Text)
	}
	if doc.Title != "Ferry operator fined over missed sailings" || doc.Date != "2024-04-02" {
		t.Errorf("title, date = %q, %q", doc.Title, doc.Date)
	}
}

// readCheckSections fails t unless doc's sections are within its text, in
// order, without overlap, trimmed, and with parents that are comments.
func readCheckSections(t *testing.T, doc Document) {
	t.Helper()
	if err := readSectionsErr(doc); err != "" {
		t.Errorf("%s: %s", doc.ID, err)
	}
}

// readSectionsErr describes the first broken section invariant, or "".
func readSectionsErr(doc Document) string {
	end := 0
	for i, s := range doc.Sections {
		switch {
		case s.Start < end || s.End <= s.Start || s.End > len(doc.Text):
			return fmt.Sprintf("section %d %v out of order or bounds (text %d bytes)", i, s.Span, len(doc.Text))
		case strings.TrimSpace(doc.Text[s.Start:s.End]) != doc.Text[s.Start:s.End]:
			return fmt.Sprintf("section %d %v not trimmed", i, s.Span)
		case s.Parent < -1 || s.Parent >= len(doc.Sections) || s.Parent == i:
			return fmt.Sprintf("section %d has parent %d out of range", i, s.Parent)
		case s.Parent >= 0 && doc.Sections[s.Parent].Kind != SectionComment:
			return fmt.Sprintf("section %d has parent %d that is not a comment", i, s.Parent)
		}
		end = s.End
	}
	return ""
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"Tuesday 3 December 2019\n\nA Title\n\nBody.\n\n2 comments:\n\n  1. Hi.\n\n    ReplyDelete\n    Replies\n    1. Reply.\n\n      'Sig\n\n      Delete\n",
		"Money\n\nHeadline Here\n\nText.\r\n\r\nREAD SOURCE\n",
		"---\ntitle: x\n---\n# T\n",
		"  1. \n  2. x said...\n",
		"\"q\"\n\n\"",
	} {
		f.Add("a.txt", []byte(s))
	}
	for _, s := range hostileSeeds(1 << 14) {
		f.Add("a.txt", []byte(s))
	}
	if files, err := filepath.Glob(filepath.Join("testdata", "docs", "*")); err == nil {
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil && len(data) < 4096 {
				f.Add(filepath.Base(p), data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		ext := []string{".txt", ".md", ".html"}[len(name)%3]
		doc, err := Read("f"+ext, "f", data)
		if err != nil {
			return
		}
		if e := readSectionsErr(doc); e != "" {
			t.Fatalf("Read(%q): %s", data, e)
		}
		if ext != ".html" && doc.Text != string(data) {
			t.Fatalf("Read(%q).Text is not the data", data)
		}
	})
}

func FuzzReadHTML(f *testing.F) {
	for _, s := range []string{
		"<p>a</p><ol><li class=comment><cite class=user>U</cite><p class=comment-content>x<br><br>'S</p><ol><li class=comment>y</li></ol></li></ol>",
		"<dl><dt class='comment-author' id=c12345>A said...</dt><dd class=comment-body>t</dd></dl>",
		"<title>A | B</title><h1>A</h1><time datetime=2020-02-30>x</time><pre> a\n b</pre>",
		"<div class=comment><div class=comment>",
		strings.Repeat("<div>", 600) + "Deep text." + strings.Repeat("</div>", 600),
		strings.Repeat("<p>“", 2000),
	} {
		f.Add([]byte(s))
	}
	for _, name := range []string{"news.html", "blogger.html", "wordpress.html"} {
		if data, err := os.ReadFile(filepath.Join("testdata", "docs", name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		doc, err := Read("f.html", "f", data)
		if err != nil {
			return
		}
		if e := readSectionsErr(doc); e != "" {
			t.Fatalf("Read(%q): %s", data, e)
		}
	})
}
