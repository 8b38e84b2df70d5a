package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kgtool/kg/graph"
	"github.com/kgtool/kg/graph/graphtest"
	"github.com/kgtool/kg/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

const seeds = "../../../shared/corpus/seeds"

// seedsDir returns the seed corpus, which lives beside the repository and
// is never copied into it.
func seedsDir(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(seeds); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("seed corpus missing under CI: %v", err)
		}
		t.Skipf("seed corpus not found at %s", seeds)
	}
	return seeds
}

// kg runs the CLI in-process with JSON logs, as a job would.
func kg(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"--log-format", "json"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

type line struct {
	Kind      string         `json:"kind"`
	ID        string         `json:"id"`
	Title     *string        `json:"title"`
	Date      *string        `json:"date"`
	Source    string         `json:"source"`
	Format    string         `json:"format"`
	Text      string         `json:"text"`
	Label     string         `json:"label"`
	Key       string         `json:"key"`
	Name      string         `json:"name"`
	Aliases   []string       `json:"aliases"`
	Documents []string       `json:"documents"`
	Type      string         `json:"type"`
	From      string         `json:"from"`
	To        string         `json:"to"`
	Rule      string         `json:"rule"`
	Evidence  []evidenceLine `json:"evidence"`
}

type evidenceLine struct {
	Document string   `json:"document"`
	Start    *int     `json:"start"`
	End      *int     `json:"end"`
	Text     string   `json:"text"`
	Rule     string   `json:"rule"`
	Score    *float64 `json:"score"`
}

// checkContract checks the JSON Lines contract of `kg extract`: required
// fields, references that resolve, and evidence offsets that cut their text
// out of the document exactly.
func checkContract(t *testing.T, out string) (docs, nodes, edges int) {
	t.Helper()
	texts := map[string]string{}
	keys := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	n := 0
	for sc.Scan() {
		n++
		raw := sc.Bytes()
		var l line
		if err := json.Unmarshal(raw, &l); err != nil {
			t.Fatalf("line %d is not JSON: %v", n, err)
		}
		switch l.Kind {
		case "document":
			docs++
			if l.ID == "" || l.Title == nil || !bytes.Contains(raw, []byte(`"date":`)) {
				t.Errorf("line %d: document without id, title or date: %s", n, raw)
			}
			text := l.Text
			if l.Format == "text" || l.Format == "markdown" {
				b, err := os.ReadFile(l.Source)
				if err != nil {
					t.Fatalf("line %d: read %s: %v", n, l.Source, err)
				}
				text = string(b)
			}
			texts[l.ID] = text
		case "node":
			nodes++
			if l.Label == "" || l.Key == "" || l.Name == "" || l.Aliases == nil || len(l.Documents) == 0 {
				t.Errorf("line %d: node without label, key, name, aliases or documents: %s", n, raw)
			}
			if keys[l.Key] {
				t.Errorf("line %d: duplicate node key %s", n, l.Key)
			}
			keys[l.Key] = true
		case "edge":
			edges++
			if l.Type == "" || !keys[l.From] || !keys[l.To] {
				t.Errorf("line %d: edge with unknown type or ends: %s", n, raw)
			}
			if len(l.Evidence) == 0 {
				t.Errorf("line %d: edge without evidence: %s", n, raw)
			}
			for _, e := range l.Evidence {
				text, ok := texts[e.Document]
				switch {
				case !ok:
					t.Errorf("line %d: evidence in unknown document %q", n, e.Document)
				case e.Start == nil || e.End == nil || *e.Start < 0 || *e.End > len(text) || *e.Start >= *e.End:
					t.Errorf("line %d: evidence offsets out of range: %+v", n, e)
				case text[*e.Start:*e.End] != e.Text:
					t.Errorf("line %d: %s[%d:%d] = %q, evidence text %q", n, e.Document, *e.Start, *e.End, text[*e.Start:*e.End], e.Text)
				}
				if e.Rule == "" || e.Score == nil || *e.Score <= 0 || *e.Score > 1 {
					t.Errorf("line %d: evidence without rule or with score outside (0,1]: %+v", n, e)
				}
			}
		default:
			t.Errorf("line %d: unknown kind %q", n, l.Kind)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs, nodes, edges
}

func TestExtractContract(t *testing.T) {
	for _, dir := range []string{"testdata/sample", seedsDir(t)} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			code, out, stderr := kg(t, "extract", dir)
			if code != exitOK {
				t.Fatalf("kg extract %s: exit %d\n%s", dir, code, stderr)
			}
			docs, nodes, edges := checkContract(t, out)
			if docs < 5 || nodes == 0 || edges == 0 {
				t.Errorf("kg extract %s: %d documents, %d nodes, %d edges", dir, docs, nodes, edges)
			}
			_, again, _ := kg(t, "extract", dir)
			if again != out {
				t.Errorf("kg extract %s is not deterministic", dir)
			}
		})
	}
}

func TestExtractToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.jsonl")
	code, stdout, stderr := kg(t, "extract", "testdata/sample", "-o", out)
	if code != exitOK || stdout != "" {
		t.Fatalf("kg extract -o: exit %d, stdout %q\n%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	checkContract(t, string(b))
}

func TestExtractGolden(t *testing.T) {
	code, out, stderr := kg(t, "extract", "testdata/sample")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	golden := "testdata/golden/sample.jsonl"
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/kg -run Golden -update)", err)
	}
	if out != string(want) {
		t.Errorf("kg extract testdata/sample differs from %s; if the change is meant, run make golden and review the diff", golden)
	}
}

// TestBadInputs: each bad file gives its own error naming the file and the
// cause, the good one still comes through, and the exit code says so.
func TestBadInputs(t *testing.T) {
	code, out, stderr := kg(t, "extract", "testdata/bad")
	if code != exitPartial {
		t.Errorf("exit %d, want %d (partial)\n%s", code, exitPartial, stderr)
	}
	for _, want := range []string{"empty.txt", "binary", "invalid-utf8.txt"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not name %s:\n%s", want, stderr)
		}
	}
	if n := strings.Count(stderr, `"level":"error"`); n != 3 {
		t.Errorf("%d error lines, want 3 (one per bad file):\n%s", n, stderr)
	}
	if docs, _, _ := checkContract(t, out); docs != 1 {
		t.Errorf("%d documents extracted, want the 1 good one", docs)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := [][]string{
		{"extract"},
		{"import"},
		{"eval", "gold.json"},
		{"extract", "--no-such-flag", "x"},
		{"--config", "testdata/config/bad-values.bad.yaml", "extract", "testdata/sample"},
	}
	for _, args := range tests {
		if code, _, stderr := kg(t, args...); code != exitUsage {
			t.Errorf("kg %v: exit %d, want %d\n%s", args, code, exitUsage, stderr)
		}
	}
}

// useTestServer points the CLI at the test server, wiped.
func useTestServer(t *testing.T) *graph.Writer {
	t.Helper()
	w := graphtest.Open(t)
	o := graphtest.Options(t)
	t.Setenv("KG_NEO4J_URI", o.URI)
	t.Setenv("KG_NEO4J_USER", o.User)
	t.Setenv("KG_NEO4J_PASSWORD", o.Password)
	return w
}

func TestImportSeedsTwiceIntegration(t *testing.T) {
	dir := seedsDir(t)
	w := useTestServer(t)
	ctx := context.Background()
	if code, _, stderr := kg(t, "import", dir); code != exitOK {
		t.Fatalf("first import: exit %d\n%s", code, stderr)
	}
	first, err := w.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c1, err := w.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := kg(t, "import", dir); code != exitOK {
		t.Fatalf("second import: exit %d\n%s", code, stderr)
	}
	second, err := w.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c2, err := w.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(first, second) {
		t.Errorf("the second import changed the graph: digest %s, then %s", graph.Digest(first), graph.Digest(second))
		shown := 0
		for _, l := range second {
			if _, found := slices.BinarySearch(first, l); !found && shown < 5 {
				t.Errorf("new after the second import: %.400s", l)
				shown++
			}
		}
	}
	if !slices.Equal(c1.Nodes, c2.Nodes) || !slices.Equal(c1.Rels, c2.Rels) {
		t.Errorf("counts changed: %v then %v", c1, c2)
	}
	if code, out, _ := kg(t, "stats"); code != exitOK || !strings.Contains(out, "last import that wrote") || !strings.Contains(out, "Person") {
		t.Errorf("kg stats: exit %d\n%s", code, out)
	}
	for _, c := range c1.Nodes {
		if c.Name == "Document" && c.Count != 5 {
			t.Errorf("%d documents, want 5", c.Count)
		}
		if (c.Name == "Person" || c.Name == "Organisation") && c.Count == 0 {
			t.Errorf("no %s nodes", c.Name)
		}
	}
}

// TestSavedQueriesIntegration runs every saved query through `kg query`
// over the imported seeds: each must run and return rows.
func TestSavedQueriesIntegration(t *testing.T) {
	dir := seedsDir(t)
	useTestServer(t)
	if code, _, stderr := kg(t, "import", dir); code != exitOK {
		t.Fatalf("import: exit %d\n%s", code, stderr)
	}
	params := map[string][]string{
		"about":    {"--param", "name=Napo"},
		"evidence": {"--param", "from=Ian Lawrence", "--param", "type=AFFILIATED_WITH"},
		"search":   {"--param", "q=Grayling"},
	}
	qs, err := schema.Queries()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		code, out, stderr := kg(t, append([]string{"query", q.Name, "--json"}, params[q.Name]...)...)
		if code != exitOK {
			t.Errorf("kg query %s: exit %d\n%s", q.Name, code, stderr)
			continue
		}
		if rows := strings.Count(out, "\n"); rows == 0 {
			t.Errorf("kg query %s returned no rows", q.Name)
		}
	}
	if code, out, _ := kg(t, "query", "roles"); code != exitOK || !strings.Contains(out, "general secretary") {
		t.Errorf("kg query roles (table): exit %d\n%s", code, out)
	}
}

func TestImportBadInputsIntegration(t *testing.T) {
	w := useTestServer(t)
	code, _, stderr := kg(t, "import", "testdata/bad")
	if code != exitPartial {
		t.Errorf("exit %d, want %d\n%s", code, exitPartial, stderr)
	}
	rows, err := w.Read(context.Background(), "MATCH (d:Document) RETURN d.id AS id", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Errorf("documents in the graph = %v, want only the good one", rows)
	}
}

// TestConnectionErrorsIntegration: each failure to reach the database is
// one clear line and exit 1, never a stack trace or the password.
func TestConnectionErrorsIntegration(t *testing.T) {
	o := graphtest.Options(t)
	tests := []struct {
		name, env, value, want string
	}{
		{"wrong password", "KG_NEO4J_PASSWORD", "wrong-password-123", "authentication failed"},
		{"unreachable", "KG_NEO4J_URI", "bolt://127.0.0.1:1", "unreachable"},
		{"unknown database", "KG_NEO4J_DATABASE", "nosuchdb", "database not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("KG_NEO4J_URI", o.URI)
			t.Setenv("KG_NEO4J_PASSWORD", o.Password)
			t.Setenv("KG_NEO4J_TIMEOUT", "3s")
			t.Setenv(tt.env, tt.value)
			code, _, stderr := kg(t, "import", "testdata/sample")
			if code != exitFailure {
				t.Errorf("exit %d, want %d", code, exitFailure)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			last := lines[len(lines)-1]
			if !strings.Contains(last, tt.want) {
				t.Errorf("last stderr line %q does not say %q", last, tt.want)
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, o.Password) || strings.Contains(stderr, "wrong-password-123") {
				t.Errorf("stderr shows a stack trace or a password:\n%s", stderr)
			}
		})
	}
}

// TestBrowserIntegration: the test server serves Neo4j Browser, which the
// local Neo4j assembles from Maven Central beside the server.
func TestBrowserIntegration(t *testing.T) {
	graphtest.Options(t)
	url := os.Getenv("KG_TEST_NEO4J_BROWSER")
	if url == "" {
		t.Skip("KG_TEST_NEO4J_BROWSER is not set; `make test` sets it")
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !bytes.Contains(bytes.ToLower(body), []byte("<html")) {
		t.Errorf("GET %s: %s, %d bytes: want the Browser's page", url, resp.Status, len(body))
	}
}

func TestBrowserCommand(t *testing.T) {
	code, out, _ := kg(t, "browser")
	if code != exitOK || !strings.Contains(out, ":style {") || !strings.Contains(out, "http://localhost:7474/browser/") {
		t.Errorf("kg browser: exit %d\n%s", code, out)
	}
	code, out, _ = kg(t, "browser", "--style")
	if code != exitOK || !strings.HasPrefix(out, ":style {") || strings.Count(out, "\n") != 1 {
		t.Errorf("kg browser --style: exit %d, %q", code, out)
	}
}

// hostileCorpus builds a folder of good documents beside files kg must
// refuse without reading: links to devices, a named pipe, a link out of
// the folder and a file larger than any good one (290 kB). It returns
// the folder and the names of the bad files.
func hostileCorpus(t *testing.T) (string, []string) {
	t.Helper()
	dir := corpusV1(t)
	outside := filepath.Join(t.TempDir(), "elsewhere.txt")
	if err := os.WriteFile(outside, []byte("Outside\n\nNot part of the corpus.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"zero.txt": "/dev/zero", "urandom.md": "/dev/urandom", "leak.txt": outside} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := "Big File\n\n" + strings.Repeat("Nobody said anything at all. ", 10000)
	if err := os.WriteFile(filepath.Join(dir, "big.txt"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, []string{"zero.txt", "urandom.md", "leak.txt", "pipe.txt", "big.txt"}
}

// TestSpecialFiles: devices, pipes, links out of the folder and files over
// extract.max_bytes are each one error naming the file and its cause; the
// good documents come through and the exit code is 3.
func TestSpecialFiles(t *testing.T) {
	dir, bad := hostileCorpus(t)
	_, good, _ := kg(t, "extract", corpusV1(t))
	limit := 0
	for _, f := range mustGlob(t, filepath.Join(dir, "*")) {
		if fi, err := os.Lstat(f); err == nil && fi.Mode().IsRegular() && filepath.Base(f) != "big.txt" {
			limit = max(limit, int(fi.Size()))
		}
	}
	t.Setenv("KG_EXTRACT_MAX_BYTES", strconv.Itoa(limit))
	code, out, stderr := kg(t, "extract", dir)
	if code != exitPartial {
		t.Errorf("exit %d, want %d\n%s", code, exitPartial, stderr)
	}
	causes := map[string]string{"zero.txt": "character device", "urandom.md": "character device",
		"leak.txt": "outside the folder", "pipe.txt": "named pipe", "big.txt": "too large"}
	for _, name := range bad {
		found := false
		for _, l := range strings.Split(stderr, "\n") {
			if strings.Contains(l, name) && strings.Contains(l, causes[name]) && strings.Contains(l, `"level":"error"`) {
				found = true
			}
		}
		if !found {
			t.Errorf("no error line names %s with %q:\n%s", name, causes[name], stderr)
		}
	}
	if n := strings.Count(stderr, `"level":"error"`); n != len(bad) {
		t.Errorf("%d error lines, want %d", n, len(bad))
	}
	if strings.Count(out, `"kind":"document"`) != strings.Count(good, `"kind":"document"`) {
		t.Errorf("the good documents did not all come through")
	}
}

func mustGlob(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestExtractOutputNeverReplaces: -o replaces a regular file atomically
// but never replaces anything else: a link keeps pointing at its target
// (which gets the output), a pipe and /dev/null are written in place and
// stay what they were, and a folder is refused.
func TestExtractOutputNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.jsonl")
	if err := os.WriteFile(target, []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.jsonl")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.jsonl")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	read := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(fifo) // blocks until kg opens the pipe to write
		read <- string(b)
	}()
	tests := []struct {
		name, path string
		code       int
		mode       fs.FileMode // the type the path must still have
	}{
		{"new file", filepath.Join(dir, "new.jsonl"), exitOK, 0},
		{"regular file", target, exitOK, 0},
		{"symlink", link, exitOK, fs.ModeSymlink},
		{"fifo", fifo, exitOK, fs.ModeNamedPipe},
		{"device", os.DevNull, exitOK, fs.ModeDevice | fs.ModeCharDevice},
		{"folder", dir, exitFailure, fs.ModeDir},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := kg(t, "extract", "testdata/sample", "-o", tt.path)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", code, tt.code, stderr)
			}
			info, err := os.Lstat(tt.path)
			if err != nil || info.Mode().Type() != tt.mode {
				t.Fatalf("%s is now %v (%v), want type %v", tt.path, info.Mode(), err, tt.mode)
			}
		})
	}
	if b, err := os.ReadFile(target); err != nil || !strings.Contains(string(b), `"kind":"document"`) {
		t.Errorf("the link's target does not hold the output: %.80q", b)
	} else if info, _ := os.Stat(target); info.Mode().Perm() != 0o640 {
		t.Errorf("the target's mode is %v, want it kept (0640)", info.Mode().Perm())
	}
	select {
	case got := <-read:
		if !strings.Contains(got, `"kind":"document"`) {
			t.Errorf("the pipe's reader got %.80q, want the output", got)
		}
	case <-time.After(10 * time.Second):
		t.Error("nothing came out of the pipe")
	}
}
