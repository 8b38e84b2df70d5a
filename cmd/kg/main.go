package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/kgtool/kg/graph"
)

// Exit codes. Partial means some inputs failed while the others went through.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitPartial = 3
)

// errPartial marks a run in which some inputs failed; their errors were
// logged one by one.
var errPartial = errors.New("some inputs failed")

// usageError marks a mistake in the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitInterrupted: SIGINT or SIGTERM stopped the run at a transaction
// boundary; what was written before stays, and a re-run goes on from it.
const exitInterrupted = 5

// errInterrupted is the cause of the context of a run stopped by a signal.
var errInterrupted = errors.New("interrupted")

func main() {
	ctx, stop := signalContext(os.Stderr)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// signalContext returns a context that the first SIGINT or SIGTERM
// cancels, with errInterrupted as its cause: extraction stops between
// documents, an import after the batch under way, and the lease is
// released. A second signal ends the process at once (the lease then
// expires by itself). stop undoes it.
func signalContext(stderr io.Writer) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			cancel(fmt.Errorf("%w by %v", errInterrupted, sig))
		case <-done:
			return
		}
		select {
		case sig := <-sigs:
			fmt.Fprintf(stderr, "kg: %v again: stopping at once; a lease left behind expires by itself\n", sig)
			os.Exit(exitInterrupted)
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}

// app is what every command shares: the streams, the config and the logger,
// set up once before a command runs.
type app struct {
	stdout, stderr io.Writer
	configPath     string
	cfg            *Config
	log            zerolog.Logger
	// terminal is stderr when it is a terminal: progress is drawn there.
	terminal io.Writer
}

// run executes the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	a := &app{stdout: stdout, stderr: stderr, log: zerolog.Nop()}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	if cause := context.Cause(ctx); errors.Is(err, errInterrupted) || ctx.Err() != nil && errors.Is(cause, errInterrupted) {
		if a.cfg == nil {
			fmt.Fprintf(stderr, "kg: %v\n", cause)
		} else {
			a.log.Error().Msg(cause.Error() + ": stopped at a transaction boundary; run it again to go on")
		}
		return exitInterrupted
	}
	if errors.Is(err, errPartial) {
		return exitPartial
	}
	if errors.Is(err, graph.ErrBusy) {
		a.log.Error().Msg(err.Error())
		return exitBusy
	}
	var uerr usageError
	if errors.As(err, &uerr) || a.cfg == nil {
		fmt.Fprintf(stderr, "kg: %v\n", err)
		if errors.As(err, &uerr) {
			return exitUsage
		}
		return exitFailure
	}
	a.log.Error().Msg(explain(err))
	return exitFailure
}

// explain adds what to do to the errors a user meets first.
func explain(err error) string {
	msg := err.Error()
	switch {
	case errors.Is(err, graph.ErrAuth):
		msg += " (check KG_NEO4J_USER and KG_NEO4J_PASSWORD; the local server's password is in .kg/neo4j/password)"
	case errors.Is(err, graph.ErrUnreachable):
		msg += " (is Neo4j running? `make up` starts a local one; KG_NEO4J_URI names another)"
	case errors.Is(err, graph.ErrNoDatabase):
		msg += " (create it, or set KG_NEO4J_DATABASE to an existing one)"
	}
	return msg
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "kg",
		Short:         "Build an evidence-backed knowledge graph in Neo4j from news articles and blog posts",
		Long:          manual,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.setup(cmd)
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&a.configPath, "config", "", "config file (default kg/kg.yaml in the user's config folder, if present; never one of the working directory unless named)")
	pf.String("uri", "", "Neo4j URI (env KG_NEO4J_URI)")
	pf.String("user", "", "Neo4j user (env KG_NEO4J_USER)")
	pf.String("database", "", "Neo4j database (env KG_NEO4J_DATABASE; default: the server's default)")
	pf.StringSlice("vocabulary", nil, "YAML vocabulary files laid over the built-in one (env KG_EXTRACT_VOCABULARY)")
	pf.Int("batch-size", 0, "documents per write transaction (env KG_BATCH_SIZE)")
	pf.String("log-level", "", "trace, debug, info, warn or error (env KG_LOG_LEVEL)")
	pf.String("log-format", "", "auto, console or json (env KG_LOG_FORMAT)")
	root.AddCommand(a.extractCmd(), a.importCmd(), a.schemaCmd(), a.evalCmd(), a.statsCmd(), a.fingerprintCmd(), a.queryCmd(), a.browserCmd(), a.parseCmd())
	return root
}

// setup loads the config and builds the logger, once.
func (a *app) setup(cmd *cobra.Command) error {
	cfg, err := loadConfig(a.configPath, cmd.Flags())
	if err != nil {
		return usageError{err}
	}
	a.cfg = cfg
	lvl, _ := zerolog.ParseLevel(cfg.Log.Level)
	var w io.Writer = a.stderr
	console := cfg.Log.Format == "console"
	if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		console = console || cfg.Log.Format == "auto"
		if cfg.Log.Format != "json" {
			a.terminal = a.stderr
		}
	}
	if console {
		w = zerolog.ConsoleWriter{Out: a.stderr, TimeFormat: "15:04:05"}
	}
	a.log = zerolog.New(w).With().Timestamp().Logger().Level(lvl)
	if a.configPath == "" {
		if _, err := os.Stat("kg.yaml"); err == nil {
			a.log.Warn().Msg("kg.yaml in the working directory is not read unless named: pass --config kg.yaml")
		}
	}
	return nil
}

// open connects to the configured Neo4j.
func (a *app) open(ctx context.Context) (*graph.Writer, error) {
	return graph.Open(ctx, graph.Options{
		URI: a.cfg.Neo4j.URI, User: a.cfg.Neo4j.User, Password: a.cfg.Neo4j.Password,
		Database: a.cfg.Neo4j.Database, ConnectTimeout: a.cfg.Neo4j.Timeout, RetryTime: a.cfg.Neo4j.RetryTime,
	}, a.log)
}

// withGraph is the RunE of a command that works on the database: it opens
// it, runs f, and closes it.
func (a *app) withGraph(f func(context.Context, *graph.Writer) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, _ []string) error {
		ctx := cmd.Context()
		w, err := a.open(ctx)
		if err != nil {
			return err
		}
		defer w.Close(ctx)
		return f(ctx, w)
	}
}

func needPaths(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return usageError{fmt.Errorf("%s: name at least one file or folder", cmd.CommandPath())}
	}
	return nil
}
