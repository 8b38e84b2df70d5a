package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

func TestLoadConfigGood(t *testing.T) {
	c, err := loadConfig("testdata/config/full.good.yaml", nil)
	if err != nil {
		t.Fatalf("loadConfig: %v", err)
	}
	if c.Neo4j.URI != "neo4j+s://example.databases.neo4j.io" || c.Neo4j.User != "analyst" ||
		c.Neo4j.Database != "probation" || c.Neo4j.Timeout.Seconds() != 30 || c.Batch.Size != 50 ||
		c.Log.Level != "debug" || c.Log.Format != "json" || len(c.Extract.Vocabulary) != 1 {
		t.Errorf("loadConfig(full) = %+v", c)
	}
	c, err = loadConfig("testdata/config/empty.good.yaml", nil)
	if err != nil {
		t.Fatalf("loadConfig(empty): %v", err)
	}
	if c.Neo4j.URI != "bolt://localhost:7687" || c.Batch.Size != 20 || c.Log.Format != "auto" ||
		c.Extract.MaxBytes != 10<<20 || c.Batch.MaxRows != 10000 || c.Neo4j.RetryTime != 30*time.Second {
		t.Errorf("defaults = %+v", c)
	}
}

func TestLoadConfigBad(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"unknown-key.bad.yaml", []string{"url"}},
		{"bad-values.bad.yaml", []string{"neo4j.uri", "batch.size 0", "log.level \"loud\"", "log.format \"xml\"",
			"neo4j.retry_time 0s", "extract.max_bytes 0", "batch.max_rows -1"}},
		{"bad-yaml.bad.yaml", []string{"bad-yaml.bad.yaml"}},
		{"missing.yaml", []string{"missing.yaml"}},
	}
	for _, tt := range tests {
		_, err := loadConfig("testdata/config/"+tt.file, nil)
		if err == nil {
			t.Errorf("loadConfig(%s) succeeded, want an error", tt.file)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("loadConfig(%s) error = %q, want it to mention %q", tt.file, err, w)
			}
		}
	}
}

// TestConfigPrecedence checks flag > env > file > default.
func TestConfigPrecedence(t *testing.T) {
	t.Setenv("KG_NEO4J_USER", "from-env")
	t.Setenv("KG_NEO4J_DATABASE", "env-db")
	t.Setenv("KG_BATCH_SIZE", "7")
	flags := pflag.NewFlagSet("kg", pflag.ContinueOnError)
	flags.String("database", "", "")
	flags.Int("batch-size", 0, "")
	if err := flags.Parse([]string{"--database", "flag-db"}); err != nil {
		t.Fatal(err)
	}
	c, err := loadConfig("testdata/config/full.good.yaml", flags)
	if err != nil {
		t.Fatalf("loadConfig: %v", err)
	}
	if c.Neo4j.Database != "flag-db" {
		t.Errorf("database = %q, want the flag's", c.Neo4j.Database)
	}
	if c.Neo4j.User != "from-env" {
		t.Errorf("user = %q, want the environment's over the file's", c.Neo4j.User)
	}
	if c.Batch.Size != 7 {
		t.Errorf("batch size = %d, want the environment's 7 (the flag was not given)", c.Batch.Size)
	}
	if c.Neo4j.Password != "from-the-file" {
		t.Errorf("password = %q, want the file's", c.Neo4j.Password)
	}
}

// TestConfigFileLocation: a kg.yaml in the working directory is not read
// unless named; the user's config folder's kg/kg.yaml is.
func TestConfigFileLocation(t *testing.T) {
	cwd, home := t.TempDir(), t.TempDir()
	t.Chdir(cwd)
	t.Setenv("XDG_CONFIG_HOME", home)
	if err := os.WriteFile("kg.yaml", []byte("neo4j:\n  uri: bolt://attacker.example:7687\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := loadConfig("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Neo4j.URI != "bolt://localhost:7687" {
		t.Errorf("uri = %q: the working directory's kg.yaml was read", c.Neo4j.URI)
	}
	if c, err := loadConfig("kg.yaml", nil); err != nil || c.Neo4j.URI != "bolt://attacker.example:7687" {
		t.Errorf("--config kg.yaml: uri = %v, %v; want the named file read", c, err)
	}
	if err := os.MkdirAll(filepath.Join(home, "kg"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "kg", "kg.yaml"), []byte("neo4j:\n  uri: bolt://mine.example:7687\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if c, err := loadConfig("", nil); err != nil || c.Neo4j.URI != "bolt://mine.example:7687" {
		t.Errorf("uri = %v, %v; want the user's config file read", c, err)
	}
}

// TestLocalPassword: with no password given, a server on this machine gets
// the one in neo4j.password_file; a server elsewhere never does.
func TestLocalPassword(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	if err := os.MkdirAll(".kg/neo4j", 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(".kg/neo4j/password", []byte("s3cret-local\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, uri, password, want string
	}{
		{"local server", "bolt://localhost:7687", "", "s3cret-local"},
		{"loopback address", "neo4j://127.0.0.1:7690", "", "s3cret-local"},
		{"given password", "bolt://localhost:7687", "given", "given"},
		{"remote server", "neo4j+s://x.databases.neo4j.io", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("KG_NEO4J_URI", tt.uri)
			t.Setenv("KG_NEO4J_PASSWORD", tt.password)
			c, err := loadConfig("", nil)
			if err != nil {
				t.Fatal(err)
			}
			if c.Neo4j.Password != tt.want {
				t.Errorf("password = %q, want %q", c.Neo4j.Password, tt.want)
			}
		})
	}
}
