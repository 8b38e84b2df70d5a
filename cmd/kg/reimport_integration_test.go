package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kgtool/kg/graph"
)

// TestMain lets a test run this very binary as kg, so that a real process
// can be killed halfway through an import.
func TestMain(m *testing.M) {
	if os.Getenv("KG_TEST_AS_KG") == "1" {
		ctx, stop := signalContext(os.Stderr)
		code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// kgProcess starts kg as a child process with JSON logs.
func kgProcess(t *testing.T, args ...string) (*exec.Cmd, io.ReadCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"--log-format", "json"}, args...)...)
	cmd.Env = append(os.Environ(), "KG_TEST_AS_KG=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd, stderr
}

// waitFor reads JSON log lines until one has message msg, and returns it.
func waitFor(t *testing.T, sc *bufio.Scanner, msg string) map[string]any {
	t.Helper()
	for sc.Scan() {
		var l map[string]any
		if json.Unmarshal(sc.Bytes(), &l) == nil && l["message"] == msg {
			return l
		}
	}
	t.Fatalf("the process ended without logging %q", msg)
	return nil
}

// corpusV1 copies the sample corpus into a folder of the test's.
func corpusV1(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob("testdata/sample/*")
	if err != nil || len(files) < 5 {
		t.Fatalf("sample corpus: %v (%d files)", err, len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// toV2 changes one document, deletes one and adds one.
func toV2(t *testing.T, dir string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) < 2 {
		t.Fatalf("want two .txt files in %s", dir)
	}
	f, err := os.OpenFile(files[0], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString("\n\nUpdate: Councillor Wendell Okafor, chair of the Marsh Vale Justice Forum, said the reforms had been a costly failure.\n")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(files[1]); err != nil {
		t.Fatal(err)
	}
	added := "Monday 2 March 2020\n\nA New Voice\n\nTamsin Achterberg, director of the Fenwick Probation Alliance, said the Ministry of Justice had mishandled the contracts.\n"
	if err := os.WriteFile(filepath.Join(dir, "2020-03-02-new-voice.txt"), []byte(added), 0o644); err != nil {
		t.Fatal(err)
	}
}

func fingerprint(t *testing.T, w *graph.Writer) string {
	t.Helper()
	d, err := w.Dump(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return graph.Digest(d)
}

// lastLog returns the last JSON log line of stderr with message msg.
func lastLog(t *testing.T, stderr, msg string) map[string]any {
	t.Helper()
	var found map[string]any
	for _, line := range strings.Split(stderr, "\n") {
		var l map[string]any
		if json.Unmarshal([]byte(line), &l) == nil && l["message"] == msg {
			found = l
		}
	}
	if found == nil {
		t.Fatalf("no %q log line in:\n%s", msg, stderr)
	}
	return found
}

func TestReimportConvergesIntegration(t *testing.T) {
	w := useTestServer(t)
	ctx := context.Background()
	dir := corpusV1(t)
	if code, _, stderr := kg(t, "import", "--prune", dir); code != exitOK {
		t.Fatalf("import v1: exit %d\n%s", code, stderr)
	}
	toV2(t, dir)
	code, _, stderr := kg(t, "import", "--prune", dir)
	if code != exitOK {
		t.Fatalf("import v2: exit %d\n%s", code, stderr)
	}
	s := lastLog(t, stderr, "imported")
	if s["added"] != 1.0 || s["removed"] != 1.0 || s["changed"].(float64) < 1 {
		t.Errorf("v2 summary = %v, want 1 added, 1 removed, at least 1 changed", s)
	}
	incremental := fingerprint(t, w)

	if err := w.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := kg(t, "import", dir); code != exitOK {
		t.Fatalf("fresh import of v2: exit %d\n%s", code, stderr)
	}
	if fresh := fingerprint(t, w); fresh != incremental {
		t.Errorf("v1 then v2 = %s, fresh v2 = %s: the re-import did not converge", incremental, fresh)
	}

	// Unchanged: nothing is written.
	code, _, stderr = kg(t, "import", "--prune", dir)
	if code != exitOK {
		t.Fatalf("import unchanged: exit %d\n%s", code, stderr)
	}
	s = lastLog(t, stderr, "imported")
	for _, k := range []string{"added", "changed", "removed", "nodes_created", "nodes_deleted", "rels_created", "rels_deleted"} {
		if s[k] != 0.0 {
			t.Errorf("unchanged re-import: %s = %v, want 0 (%v)", k, s[k], s)
		}
	}
	if fingerprint(t, w) != incremental {
		t.Error("unchanged re-import changed the graph")
	}

	// Dry run: the plan, and no write.
	toV2(t, dir) // changes one more document and deletes another
	code, out, stderr := kg(t, "import", "--prune", "--dry-run", dir)
	if code != exitOK || !strings.Contains(out, "change\t") || !strings.Contains(out, "remove\t") {
		t.Errorf("dry run: exit %d, plan %q\n%s", code, out, stderr)
	}
	if fingerprint(t, w) != incremental {
		t.Error("dry run changed the graph")
	}
}

// TestKilledImportIntegration kills an import after its first batch and
// runs it again: the graph equals an uninterrupted import, and the lease
// the dead run left expires.
func TestKilledImportIntegration(t *testing.T) {
	w := useTestServer(t)
	ctx := context.Background()
	dir := corpusV1(t)
	if code, _, stderr := kg(t, "import", dir); code != exitOK {
		t.Fatalf("import: exit %d\n%s", code, stderr)
	}
	want := fingerprint(t, w)
	if err := w.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	if err := w.ApplySchema(ctx); err != nil {
		t.Fatal(err)
	}

	cmd, stderr := kgProcess(t, "import", "--batch-size", "1", "--log-level", "debug", "--lease-ttl", "3s", dir)
	sc := bufio.NewScanner(stderr)
	waitFor(t, sc, "batch written")
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if fingerprint(t, w) == want {
		t.Fatal("the killed run finished before it was killed; nothing was tested")
	}

	// The dead run's lease is still there: without waiting, the next run
	// is refused; with a wait longer than the lease, it goes through.
	code, _, stderrText := kg(t, "import", dir)
	if code != exitBusy || !strings.Contains(stderrText, "another import is running") {
		t.Errorf("import during the dead run's lease: exit %d, want %d\n%s", code, exitBusy, stderrText)
	}
	start := time.Now()
	if code, _, stderrText := kg(t, "import", "--wait", "30s", dir); code != exitOK {
		t.Fatalf("re-run: exit %d\n%s", code, stderrText)
	}
	t.Logf("the re-run waited %s for the dead run's lease", time.Since(start).Round(100*time.Millisecond))
	if got := fingerprint(t, w); got != want {
		t.Errorf("killed then re-run = %s, uninterrupted = %s", got, want)
	}
}

// TestConcurrentImportsIntegration: while one run holds the lease, another
// waits and writes nothing; it goes on once the lease is released.
func TestConcurrentImportsIntegration(t *testing.T) {
	w := useTestServer(t)
	ctx := context.Background()
	lease, err := w.Acquire(ctx, "import", "the-test", 10*time.Second, 0)
	if err != nil {
		t.Fatal(err)
	}
	cmd, stderr := kgProcess(t, "import", "--wait", "60s", "testdata/sample")
	sc := bufio.NewScanner(stderr)
	waitFor(t, sc, "waiting for another import to finish")
	rows, err := w.Read(ctx, "MATCH (d:Document) RETURN count(d) AS n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := rows[0]["n"].(int64); n != 0 {
		t.Errorf("%d documents written while another run held the lease", n)
	}
	if err := lease.Release(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, sc, "imported")
	if err := cmd.Wait(); err != nil {
		t.Errorf("the waiting import: %v", err)
	}
	if _, err := w.Acquire(ctx, "import", "the-test", 10*time.Second, 0); err != nil {
		t.Errorf("the finished import did not release its lease: %v", err)
	}
}
