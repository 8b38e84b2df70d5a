// Package graphtest connects tests to the Neo4j test server.
//
// The server is named by KG_TEST_NEO4J_URI (user neo4j, password
// KG_TEST_NEO4J_PASSWORD, default the one docker/neo4j/neo4j.sh keeps in
// .kg/neo4j-test/password at the repository's root); `make test` starts one and
// sets it. Without it a test is skipped, except under CI=true, where a
// missing server is a failure. Under -short every integration test is
// skipped. The database is wiped first, so Open refuses any server that is
// not on this machine unless KG_TEST_NEO4J_WIPE=yes.
package graphtest

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/kgtool/kg/graph"
)

// Options returns the test server's connection options, or skips (fails
// under CI=true) when there is none.
func Options(t testing.TB) graph.Options {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test skipped under -short")
	}
	uri := os.Getenv("KG_TEST_NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but KG_TEST_NEO4J_URI is not set: integration tests need the test server that `make test` starts")
		}
		t.Skip("KG_TEST_NEO4J_URI is not set; `make test` starts a test server and sets it")
	}
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatalf("KG_TEST_NEO4J_URI: %v", err)
	}
	if h := u.Hostname(); h != "localhost" && h != "127.0.0.1" && h != "::1" && os.Getenv("KG_TEST_NEO4J_WIPE") != "yes" {
		t.Fatalf("refusing to use %s: the tests delete everything in its database; set KG_TEST_NEO4J_WIPE=yes if that is meant", uri)
	}
	pass := os.Getenv("KG_TEST_NEO4J_PASSWORD")
	if pass == "" {
		pass = statePassword()
	}
	return graph.Options{URI: uri, User: "neo4j", Password: pass}
}

// Open connects to the test server, wipes it and applies the schema. The
// writer is closed when the test ends.
func Open(t testing.TB) *graph.Writer {
	t.Helper()
	opts := Options(t)
	ctx := context.Background()
	w, err := graph.Open(ctx, opts, zerolog.Nop())
	if err != nil {
		t.Fatalf("open the test server %s: %v", opts.URI, err)
	}
	t.Cleanup(func() { w.Close(ctx) })
	if err := w.DeleteAll(ctx); err != nil {
		t.Fatalf("wipe the test server: %v", err)
	}
	if err := w.ApplySchema(ctx); err != nil {
		t.Fatalf("apply schema: %v", err)
	}
	return w
}

// statePassword returns the test server's password as docker/neo4j/neo4j.sh
// keeps it, in .kg/neo4j-test/password at the root of the repository (the
// folder above the test's with go.mod), or "" when there is none.
func statePassword() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			b, err := os.ReadFile(filepath.Join(dir, ".kg", "neo4j-test", "password"))
			if err != nil {
				return ""
			}
			return strings.TrimSpace(string(b))
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}
