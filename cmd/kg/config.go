package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rs/zerolog"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Config is every setting of kg. It is loaded once, by viper, with the
// precedence flag > KG_* environment variable > config file > default.
type Config struct {
	Neo4j struct {
		// URI of the server: bolt://, neo4j://, neo4j+s:// (Aura, clusters).
		URI      string `mapstructure:"uri"`
		User     string `mapstructure:"user"`
		Password string `mapstructure:"password"`
		// PasswordFile holds the password of a server on this machine
		// when none is given: the local server's, made at its first start.
		PasswordFile string        `mapstructure:"password_file"`
		Database     string        `mapstructure:"database"`
		Timeout      time.Duration `mapstructure:"timeout"`
		// RetryTime bounds how long a failing write is retried: a server
		// that stays unreachable ends the run after about this long.
		RetryTime time.Duration `mapstructure:"retry_time"`
	} `mapstructure:"neo4j"`
	Extract struct {
		// Vocabulary lists YAML files laid over the built-in vocabulary.
		Vocabulary []string `mapstructure:"vocabulary"`
		// MaxBytes is the size limit of one document: a larger file is
		// reported and skipped, never read whole.
		MaxBytes int64 `mapstructure:"max_bytes"`
	} `mapstructure:"extract"`
	Import struct {
		// Prune removes the documents of a corpus folder that are no longer in it.
		Prune bool `mapstructure:"prune"`
		// PruneMax is the largest share (0 to 1) of a corpus's stored
		// documents a prune may remove: more looks like a missing mount,
		// and the run refuses.
		PruneMax float64 `mapstructure:"prune_max"`
		// Wait bounds how long an import waits for another one to finish.
		Wait time.Duration `mapstructure:"wait"`
		// LeaseTTL is how long the import lease outlives a run that died.
		LeaseTTL time.Duration `mapstructure:"lease_ttl"`
	} `mapstructure:"import"`
	Batch struct {
		// Size is the number of documents written per transaction.
		Size int `mapstructure:"size"`
		// MaxRows bounds the rows (sentences, entities, mentions, evidence)
		// of one transaction; a document with more is written alone.
		MaxRows int `mapstructure:"max_rows"`
	} `mapstructure:"batch"`
	Log struct {
		Level  string `mapstructure:"level"`
		Format string `mapstructure:"format"`
	} `mapstructure:"log"`
}

// defaults are the value of every key: viper reads KG_* variables only for
// keys it knows, so each key has one.
var defaults = map[string]any{
	"neo4j.uri":           "bolt://localhost:7687",
	"neo4j.user":          "neo4j",
	"neo4j.password":      "",
	"neo4j.password_file": ".kg/neo4j/password",
	"neo4j.database":      "",
	"neo4j.timeout":       "10s",
	"neo4j.retry_time":    "30s",
	"extract.vocabulary":  []string{},
	"extract.max_bytes":   10 << 20,
	"batch.size":          20,
	"batch.max_rows":      10000,
	"import.prune":        false,
	"import.prune_max":    0.2,
	"import.wait":         "0s",
	"import.lease_ttl":    "60s",
	"log.level":           "info",
	"log.format":          "auto",
}

// flagKeys binds command-line flags to config keys.
var flagKeys = map[string]string{
	"uri":        "neo4j.uri",
	"user":       "neo4j.user",
	"database":   "neo4j.database",
	"vocabulary": "extract.vocabulary",
	"batch-size": "batch.size",
	"prune":      "import.prune",
	"prune-max":  "import.prune_max",
	"wait":       "import.wait",
	"lease-ttl":  "import.lease_ttl",
	"log-level":  "log.level",
	"log-format": "log.format",
}

// loadConfig reads the configuration. path is the --config flag: ""
// means kg/kg.yaml in the user's config folder (userConfigFile) if there
// is one, never a file of the working directory: a kg.yaml dropped in a
// folder kg happens to run in could point it, and its password, at
// another server. List values in the environment (KG_EXTRACT_VOCABULARY)
// are separated by spaces.
func loadConfig(path string, flags *pflag.FlagSet) (*Config, error) {
	v := viper.New()
	for k, d := range defaults {
		v.SetDefault(k, d)
		if err := v.BindEnv(k, envName(k)); err != nil {
			return nil, fmt.Errorf("bind %s: %w", envName(k), err)
		}
	}
	if flags != nil {
		for name, key := range flagKeys {
			if f := flags.Lookup(name); f != nil {
				if err := v.BindPFlag(key, f); err != nil {
					return nil, fmt.Errorf("bind flag --%s: %w", name, err)
				}
			}
		}
	}
	if path == "" {
		if p := userConfigFile(); p != "" {
			if _, err := os.Stat(p); err == nil {
				path = p
			}
		}
	}
	if path != "" {
		v.SetConfigFile(path)
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("config %s: %w", path, err)
		}
	}
	var c Config
	if err := v.UnmarshalExact(&c); err != nil {
		return nil, fmt.Errorf("config %s: %w", orDefault(path, "(defaults)"), err)
	}
	if err := c.localPassword(); err != nil {
		return nil, fmt.Errorf("config %s: %w", orDefault(path, "(defaults)"), err)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("config %s: %w", orDefault(path, "(defaults and environment)"), err)
	}
	return &c, nil
}

// localPassword fills in the password, when none was given and the server
// is on this machine, from neo4j.password_file (the local server keeps its
// random password there). A server elsewhere never gets it.
func (c *Config) localPassword() error {
	if c.Neo4j.Password != "" || c.Neo4j.PasswordFile == "" {
		return nil
	}
	u, err := url.Parse(c.Neo4j.URI)
	if err != nil {
		return nil // Validate says what is wrong with the URI
	}
	switch u.Hostname() {
	case "localhost", "127.0.0.1", "::1":
	default:
		return nil
	}
	b, err := os.ReadFile(c.Neo4j.PasswordFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("neo4j.password_file: %w", err)
	}
	c.Neo4j.Password = strings.TrimSpace(string(b))
	return nil
}

// userConfigFile is kg's config file in the user's config folder
// ($XDG_CONFIG_HOME/kg/kg.yaml, else ~/.config/kg/kg.yaml on Linux), or ""
// when there is no such folder.
func userConfigFile() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "kg", "kg.yaml")
}

// envName is the environment variable of a config key: neo4j.uri is KG_NEO4J_URI.
func envName(key string) string {
	return "KG_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// Validate reports every problem of c at once.
func (c *Config) Validate() error {
	var errs []error
	if u, err := url.Parse(c.Neo4j.URI); err != nil || u.Host == "" {
		errs = append(errs, fmt.Errorf("neo4j.uri %q: want a URI such as bolt://localhost:7687", c.Neo4j.URI))
	} else {
		switch u.Scheme {
		case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
		default:
			errs = append(errs, fmt.Errorf("neo4j.uri %q: scheme must be bolt, neo4j or their +s/+ssc variants", c.Neo4j.URI))
		}
	}
	if c.Neo4j.User == "" {
		errs = append(errs, errors.New("neo4j.user is empty"))
	}
	if c.Neo4j.Timeout <= 0 {
		errs = append(errs, fmt.Errorf("neo4j.timeout %s: must be positive", c.Neo4j.Timeout))
	}
	if c.Neo4j.RetryTime <= 0 {
		errs = append(errs, fmt.Errorf("neo4j.retry_time %s: must be positive", c.Neo4j.RetryTime))
	}
	if c.Batch.MaxRows < 1 {
		errs = append(errs, fmt.Errorf("batch.max_rows %d: must be positive", c.Batch.MaxRows))
	}
	if c.Extract.MaxBytes < 1 {
		errs = append(errs, fmt.Errorf("extract.max_bytes %d: must be positive", c.Extract.MaxBytes))
	}
	if c.Import.PruneMax < 0 || c.Import.PruneMax > 1 {
		errs = append(errs, fmt.Errorf("import.prune_max %g: must be between 0 and 1", c.Import.PruneMax))
	}
	if c.Import.Wait < 0 {
		errs = append(errs, fmt.Errorf("import.wait %s: must not be negative", c.Import.Wait))
	}
	if c.Import.LeaseTTL < 3*time.Second {
		errs = append(errs, fmt.Errorf("import.lease_ttl %s: must be at least 3s", c.Import.LeaseTTL))
	}
	if c.Batch.Size < 1 || c.Batch.Size > 10000 {
		errs = append(errs, fmt.Errorf("batch.size %d: must be between 1 and 10000", c.Batch.Size))
	}
	if _, err := zerolog.ParseLevel(c.Log.Level); err != nil || c.Log.Level == "" {
		errs = append(errs, fmt.Errorf("log.level %q: want trace, debug, info, warn or error", c.Log.Level))
	}
	switch c.Log.Format {
	case "auto", "console", "json":
	default:
		errs = append(errs, fmt.Errorf("log.format %q: want auto, console or json", c.Log.Format))
	}
	return errors.Join(errs...)
}
