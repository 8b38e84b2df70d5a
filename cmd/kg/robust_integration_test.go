package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kgtool/kg/graph"
	"github.com/kgtool/kg/schema"
)

// txLimit returns the test server's db.memory.transaction.max, failing
// under CI (make test starts the server with one) and skipping elsewhere
// when there is none.
func txLimit(t *testing.T) string {
	t.Helper()
	w := useTestServer(t)
	rows, err := w.Read(context.Background(), "SHOW SETTINGS YIELD name, value WHERE name = 'db.memory.transaction.max' RETURN value", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 1 && rows[0]["value"] != "0B" && rows[0]["value"] != "0" {
		return rows[0]["value"].(string)
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("the test server has no transaction memory limit: start it as make test does (KG_NEO4J_TX_MAX)")
	}
	t.Skip("the test server has no transaction memory limit (KG_NEO4J_TX_MAX, as make test sets it)")
	return ""
}

// TestRejectedBatchIntegration: a document whose write exceeds the
// server's transaction memory limit, batched with good ones, fails alone
// with its cause; every good document is imported (exit 3), and the graph
// is the graph of the good documents alone.
func TestRejectedBatchIntegration(t *testing.T) {
	limit := txLimit(t)
	w := useTestServer(t)
	ctx := context.Background()
	dir := corpusV1(t)
	if code, _, stderr := kg(t, "import", dir); code != exitOK {
		t.Fatalf("import of the good documents: exit %d\n%s", code, stderr)
	}
	want := fingerprint(t, w)
	if err := w.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}

	big := strings.Repeat("Alice Brown said the plan failed. ", 30000) // 1 MB, 30,000 sentences
	if err := os.WriteFile(filepath.Join(dir, "2019-06-01-huge.txt"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("KG_BATCH_MAX_ROWS", "1000000") // one batch for all, so that it must be split
	code, _, stderr := kg(t, "import", dir)
	if code != exitPartial {
		t.Fatalf("exit %d, want %d (server limit %s)\n%s", code, exitPartial, limit, stderr)
	}
	failed := lastLog(t, stderr, "document failed")
	if docs, _ := failed["docs"].([]any); len(docs) != 1 || docs[0] != "2019-06-01-huge" ||
		!strings.Contains(failed["error"].(string), "MemoryPool") {
		t.Errorf("document failed line = %v, want the huge document alone with the memory pool as cause", failed)
	}
	if s := lastLog(t, stderr, "imported"); s["added"] != float64(6) || s["failed"] != float64(1) {
		t.Errorf("summary = %v, want 6 added, 1 failed", s)
	}
	if got := fingerprint(t, w); got != want {
		t.Errorf("fingerprint %s, want %s (the good documents alone)", got, want)
	}
	if strings.Contains(stderr, "goroutine ") {
		t.Errorf("a stack trace was printed:\n%s", stderr)
	}
}

// bigCorpus writes n documents of about size bytes each, made of the
// sample articles, so that extraction takes seconds.
func bigCorpus(t *testing.T, n, size int) string {
	t.Helper()
	var text strings.Builder
	for _, f := range mustGlob(t, "testdata/sample/*.txt") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text.Write(b)
		text.WriteString("\n\n")
	}
	body := strings.Repeat(text.String(), size/text.Len()+1)[:size]
	dir := t.TempDir()
	for i := range n {
		name := filepath.Join(dir, fmt.Sprintf("doc-%03d.txt", i))
		if err := os.WriteFile(name, []byte(fmt.Sprintf("Document %d\n\n%s", i, body)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// leases counts the import leases in the graph.
func leases(t *testing.T, w *graph.Writer) int64 {
	t.Helper()
	rows, err := w.Read(context.Background(), "MATCH (l:"+string(schema.Lease)+") RETURN count(l) AS n", nil)
	if err != nil {
		t.Fatal(err)
	}
	return rows[0]["n"].(int64)
}

// exitWithin waits for cmd to end within d and returns its exit code.
func exitWithin(t *testing.T, cmd *exec.Cmd, d time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatalf("wait: %v", err)
		}
		return 0
	case <-time.After(d):
		t.Fatalf("the process did not end within %s", d)
		return -1
	}
}

// TestSignalDuringExtractionIntegration: SIGTERM while the corpus is being
// extracted ends the run within a second or two with exit 5, the summary
// and the lease released (it is taken before extraction); nothing is
// written. A second signal ends a run at once.
func TestSignalDuringExtractionIntegration(t *testing.T) {
	w := useTestServer(t)
	dir := bigCorpus(t, 30, 400<<10)
	for _, signals := range []int{1, 2} {
		t.Run(fmt.Sprintf("%d signals", signals), func(t *testing.T) {
			cmd, stderr := kgProcess(t, "import", "--log-level", "debug", dir)
			sc := bufio.NewScanner(stderr)
			sc.Buffer(make([]byte, 1<<20), 1<<24)
			waitFor(t, sc, "extracting")
			if n := leases(t, w); n != 1 {
				t.Errorf("%d leases during extraction, want 1 (taken before it)", n)
			}
			start := time.Now()
			for range signals {
				if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
					t.Fatal(err)
				}
			}
			var rest strings.Builder
			for sc.Scan() {
				rest.Write(sc.Bytes())
				rest.WriteByte('\n')
			}
			if code := exitWithin(t, cmd, 10*time.Second); code != exitInterrupted {
				t.Errorf("exit %d, want %d\n%s", code, exitInterrupted, rest.String())
			}
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("the run took %s to stop", took)
			}
			if signals == 1 {
				if !strings.Contains(rest.String(), "interrupted during extraction") {
					t.Errorf("no summary line:\n%s", rest.String())
				}
				if n := leases(t, w); n != 0 {
					t.Errorf("%d leases left, want the lease released", n)
				}
			}
			if strings.Contains(rest.String(), "goroutine ") {
				t.Errorf("a stack trace was printed")
			}
			rows, err := w.Read(context.Background(), "MATCH (d:Document) RETURN count(d) AS n", nil)
			if err != nil || rows[0]["n"].(int64) != 0 {
				t.Errorf("documents written = %v (%v), want none", rows, err)
			}
		})
		if err := w.DeleteAll(context.Background()); err != nil { // the lease the second signal left
			t.Fatal(err)
		}
	}
}

// TestSignalDuringImportIntegration: SIGTERM between batches stops the
// import after the batch under way, with the summary of what was written
// and the lease released; a second run finishes the job and the graph is
// the graph of one uninterrupted import.
func TestSignalDuringImportIntegration(t *testing.T) {
	w := useTestServer(t)
	dir := bigCorpus(t, 40, 4<<10)
	if code, _, stderr := kg(t, "import", dir); code != exitOK {
		t.Fatalf("reference import: exit %d\n%s", code, stderr)
	}
	want := fingerprint(t, w)
	if err := w.DeleteAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	cmd, stderr := kgProcess(t, "import", "--log-level", "debug", "--batch-size", "1", dir)
	sc := bufio.NewScanner(stderr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	waitFor(t, sc, "batch written")
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	summary := waitFor(t, sc, "interrupted: the batches written are kept")
	for sc.Scan() {
	}
	if code := exitWithin(t, cmd, 10*time.Second); code != exitInterrupted {
		t.Errorf("exit %d, want %d", code, exitInterrupted)
	}
	added, _ := summary["added"].(float64)
	if added < 1 || added >= 40 {
		t.Errorf("summary %v: want some documents added, not all", summary)
	}
	if n := leases(t, w); n != 0 {
		t.Errorf("%d leases left, want the lease released", n)
	}
	if code, _, stderr := kg(t, "import", dir); code != exitOK {
		t.Fatalf("second import: exit %d\n%s", code, stderr)
	}
	if got := fingerprint(t, w); got != want {
		t.Errorf("fingerprint after an interrupted and a second import %s, want %s", got, want)
	}
}

// proxy forwards TCP connections to target until it is killed: a server
// that goes away mid-import, without stopping the real one.
type proxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newProxy(t *testing.T, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(s, c); s.Close() }()
			go func() { _, _ = io.Copy(c, s); c.Close() }()
		}
	}()
	t.Cleanup(p.kill)
	return p
}

// kill closes the listener and every connection.
func (p *proxy) kill() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

// TestServerGoneIntegration: a server that goes away mid-import ends the
// run within neo4j.retry_time and the connection timeout, with the
// summary of what was written and one clear last line, exit 1.
func TestServerGoneIntegration(t *testing.T) {
	useTestServer(t)
	u, err := url.Parse(os.Getenv("KG_TEST_NEO4J_URI"))
	if err != nil {
		t.Fatal(err)
	}
	p := newProxy(t, u.Host)
	t.Setenv("KG_NEO4J_URI", "bolt://"+p.ln.Addr().String())
	t.Setenv("KG_NEO4J_RETRY_TIME", "3s")
	t.Setenv("KG_NEO4J_TIMEOUT", "2s")
	dir := bigCorpus(t, 60, 4<<10)
	cmd, stderr := kgProcess(t, "import", "--log-level", "debug", "--batch-size", "1", dir)
	sc := bufio.NewScanner(stderr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	waitFor(t, sc, "batch written")
	p.kill()
	start := time.Now()
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	code := exitWithin(t, cmd, 30*time.Second)
	took := time.Since(start)
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	if took > 15*time.Second {
		t.Errorf("the run took %s to end, want about retry time + timeout", took)
	}
	all := strings.Join(lines, "\n")
	if !strings.Contains(all, "stopped: the batches written are kept") {
		t.Errorf("no summary line:\n%s", all)
	}
	if last := lines[len(lines)-1]; !strings.Contains(last, "unreachable") {
		t.Errorf("last line %q does not say the server is unreachable", last)
	}
	if strings.Contains(all, "goroutine ") {
		t.Errorf("a stack trace was printed")
	}
}

// documentIDs returns the ids of the graph's documents, sorted.
func documentIDs(t *testing.T, w *graph.Writer) []string {
	t.Helper()
	rows, err := w.Read(context.Background(), "MATCH (d:Document) RETURN d.id AS id ORDER BY id", nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rows {
		ids = append(ids, r["id"].(string))
	}
	return ids
}

// TestPruneGuardIntegration: a corpus reduced to one stray file refuses to
// prune (exit 1, nothing removed) unless --prune-max allows it; a
// sub-folder replaced by a symbolic link is not followed and its
// documents are not pruned.
func TestPruneGuardIntegration(t *testing.T) {
	w := useTestServer(t)
	dir := corpusV1(t)
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range mustGlob(t, filepath.Join(dir, "*.txt"))[:2] {
		if err := os.Rename(f, filepath.Join(sub, filepath.Base(f))); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := kg(t, "import", "--prune", dir); code != exitOK {
		t.Fatalf("first import: exit %d\n%s", code, stderr)
	}
	all := documentIDs(t, w)
	if len(all) != 6 {
		t.Fatalf("documents %v, want 6", all)
	}

	// A sub-folder that became a link to a copy of itself: not walked, not pruned.
	moved := filepath.Join(t.TempDir(), "sub")
	if err := os.Rename(sub, moved); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(moved, sub); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := kg(t, "import", "--prune", dir)
	if code != exitPartial || !strings.Contains(stderr, "not pruning") || !strings.Contains(stderr, "symbolic link to a folder") {
		t.Errorf("import with a linked sub-folder: exit %d, want %d with the link named and pruning skipped\n%s", code, exitPartial, stderr)
	}
	if got := documentIDs(t, w); !slices.Equal(got, all) {
		t.Errorf("documents after the linked sub-folder = %v, want all %v", got, all)
	}
	if err := os.Remove(sub); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(moved, sub); err != nil {
		t.Fatal(err)
	}

	// A mount that did not come up: one stray file left.
	for _, f := range append(mustGlob(t, filepath.Join(dir, "*.*")), sub) {
		if err := os.RemoveAll(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("# Mount point\n\nThe corpus is mounted here.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = kg(t, "import", "--prune", dir)
	if code != exitFailure || !strings.Contains(stderr, "refusing to prune 6 of the 6 documents") || !strings.Contains(stderr, "--prune-max") {
		t.Errorf("import of a stray file: exit %d, want %d and a clear refusal\n%s", code, exitFailure, stderr)
	}
	if got := documentIDs(t, w); !slices.Equal(got, all) {
		t.Errorf("documents after the refusal = %v, want all %v", got, all)
	}
	if code, _, stderr := kg(t, "import", "--prune", "--prune-max", "1", dir); code != exitOK {
		t.Errorf("import with --prune-max 1: exit %d\n%s", code, stderr)
	}
	if got := documentIDs(t, w); !slices.Equal(got, []string{"README"}) {
		t.Errorf("documents after --prune-max 1 = %v, want only README", got)
	}
}

// TestSeparateFoldersIntegration: importing two folders in separate runs,
// in either order, gives the graph of one import of both: an entity named
// in both is one node, whichever run saw it first.
func TestSeparateFoldersIntegration(t *testing.T) {
	w := useTestServer(t)
	ctx := context.Background()
	root := t.TempDir()
	a, b := filepath.Join(root, "a"), filepath.Join(root, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for i, f := range mustGlob(t, "testdata/sample/*") {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		to := []string{a, b}[i%2]
		if err := os.WriteFile(filepath.Join(to, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	runs := []struct {
		name string
		args [][]string
	}{
		{"A+B", [][]string{{a, b}}},
		{"A then B", [][]string{{a}, {b}}},
		{"B then A", [][]string{{b}, {a}}},
		{"A, B, then A+B", [][]string{{a}, {b}, {a, b}}},
	}
	var want string
	for _, r := range runs {
		if err := w.DeleteAll(ctx); err != nil {
			t.Fatal(err)
		}
		for _, args := range r.args {
			if code, _, stderr := kg(t, append([]string{"import", "--prune"}, args...)...); code != exitOK {
				t.Fatalf("%s: import %v: exit %d\n%s", r.name, args, code, stderr)
			}
		}
		got := fingerprint(t, w)
		if want == "" {
			want = got
		} else if got != want {
			t.Errorf("%s: fingerprint %s, want %s (one import of both)", r.name, got, want)
		}
	}
}

// TestLocalServerFilesIntegration: the test server that make test starts
// (docker/neo4j/neo4j.sh) keeps its random password in a 0600 file in a
// 0700 state folder, and its auth file is for its owner only.
func TestLocalServerFilesIntegration(t *testing.T) {
	useTestServer(t)
	state := filepath.Join("..", "..", ".kg", "neo4j-test")
	if _, err := os.Stat(state); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no test server state at %s under CI: %v", state, err)
		}
		t.Skipf("the test server was not started by make test: %v", err)
	}
	tests := []struct {
		path     string
		perm     fs.FileMode
		optional bool // absent under Docker, where data is in a volume
	}{
		{state, 0o700, false},
		{filepath.Join(state, "password"), 0o600, false},
		{filepath.Join(state, "data"), 0o700, true},
		{filepath.Join(state, "data", "dbms", "auth.ini"), 0o600, true},
	}
	for _, tt := range tests {
		info, err := os.Stat(tt.path)
		if err != nil {
			if !tt.optional {
				t.Errorf("%s: %v", tt.path, err)
			}
			continue
		}
		if got := info.Mode().Perm(); got != tt.perm {
			t.Errorf("%s has mode %v, want %v", tt.path, got, tt.perm)
		}
	}
	b, err := os.ReadFile(filepath.Join(state, "password"))
	switch pw := strings.TrimSpace(string(b)); {
	case err != nil:
		t.Error(err)
	case pw == "kg-local-pass" && os.Getenv("CI") != "true":
		t.Log("a server made before random passwords keeps its old one; wipe .kg/neo4j-test to get a random one")
	case len(pw) < 16:
		t.Errorf("the password file holds %d characters, want a random password", len(pw))
	}
}

// TestHostileCorpusIntegration is the acceptance test of issue 10: good
// documents beside every input that once cost the run (links to /dev/zero
// and /dev/urandom, a named pipe, a link out of the folder, a 50 MB line, a
// 300 MB file, 1 MB of quotation marks, of "Mr. ", and of "X said"
// sentences whose write exceeds the test server's transaction memory).
// The run ends in seconds with exit 3, names every bad file and its
// cause, prints no stack trace, and leaves the graph of the good documents
// alone.
func TestHostileCorpusIntegration(t *testing.T) {
	txLimit(t)
	w := useTestServer(t)
	ctx := context.Background()
	dir, bad := hostileCorpus(t)
	if err := os.Remove(filepath.Join(dir, "big.txt")); err != nil { // under the default limit: a good document here
		t.Fatal(err)
	}
	bad = slices.DeleteFunc(bad, func(s string) bool { return s == "big.txt" })
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("quotes.txt", "Quotes\n\n"+strings.Repeat(`He said "no" and "yes" and "`, 40000))
	write("mr.txt", strings.Repeat("Mr. ", 1<<18))
	write("said.txt", strings.Repeat("Alice Brown said the plan failed. ", 30000))
	write("line50.txt", strings.Repeat("the council and the board ", 2<<20)) // 52 MB, one line
	f, err := os.Create(filepath.Join(dir, "huge300.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(300 << 20); err != nil { // 300 MB that cost no disk
		t.Fatal(err)
	}
	f.Close()
	bad = append(bad, "line50.txt", "huge300.txt", "said.txt")
	causes := map[string]string{"zero.txt": "character device", "urandom.md": "character device",
		"leak.txt": "outside the folder", "pipe.txt": "named pipe", "line50.txt": "too large",
		"huge300.txt": "too large", "said.txt": "MemoryPool"}

	t.Setenv("KG_NEO4J_RETRY_TIME", "5s")
	start := time.Now()
	code, _, stderr := kg(t, "import", dir)
	took := time.Since(start)
	if code != exitPartial {
		t.Errorf("exit %d, want %d", code, exitPartial)
	}
	if took > 90*time.Second {
		t.Errorf("the run took %s", took)
	}
	for _, name := range bad {
		found := false
		for _, l := range strings.Split(stderr, "\n") {
			if strings.Contains(l, `"level":"error"`) && strings.Contains(l, strings.TrimSuffix(name, filepath.Ext(name))) && strings.Contains(l, causes[name]) {
				found = true
			}
		}
		if !found {
			t.Errorf("no error line names %s with %q", name, causes[name])
		}
	}
	if strings.Contains(stderr, "goroutine ") {
		t.Errorf("a stack trace was printed")
	}
	if s := lastLog(t, stderr, "imported"); s["failed"] != float64(len(bad)) {
		t.Errorf("summary %v: want %d failed", s, len(bad))
	}
	got := fingerprint(t, w)

	for _, name := range bad {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := kg(t, "import", dir); code != exitOK {
		t.Fatalf("import of the good documents alone: exit %d\n%s", code, stderr)
	}
	if want := fingerprint(t, w); got != want {
		t.Errorf("fingerprint %s, want %s (the good documents alone)", got, want)
	}
	t.Logf("hostile corpus imported in %s", took.Round(time.Millisecond))
}
