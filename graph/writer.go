package graph

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/rs/zerolog"

	"github.com/kgtool/kg/schema"
)

// Errors Open returns, each wrapped with the server's address (never the
// password), so that the CLI can say in one line what to fix.
var (
	ErrAuth        = errors.New("graph: authentication failed")
	ErrUnreachable = errors.New("graph: server unreachable")
	ErrNoDatabase  = errors.New("graph: database not found")
	ErrBadURI      = errors.New("graph: bad URI")
	// ErrRejected: the server refused a write for what it carries (its
	// memory pool exhausted, a value it does not accept). Retrying the
	// same batch cannot help; a smaller one may pass.
	ErrRejected = errors.New("graph: write rejected")
)

// RejectedError is a write the server refused for what it carries; it
// unwraps to ErrRejected. It does not wrap the driver's error, so that the
// driver does not retry it (a memory pool exhausted is a transient error
// to the driver, retried for its whole retry time).
type RejectedError struct {
	Code, Msg string
}

// Error returns "graph: write rejected: CODE: message".
func (e *RejectedError) Error() string {
	return fmt.Sprintf("%v: %s: %s", ErrRejected, e.Code, e.Msg)
}

// Unwrap returns ErrRejected.
func (e *RejectedError) Unwrap() error { return ErrRejected }

// rejected returns err as a *RejectedError when the server refused the
// write for its content, else err.
func rejected(err error) error {
	var nerr *neo4j.Neo4jError
	if !errors.As(err, &nerr) {
		return err
	}
	switch {
	case strings.Contains(nerr.Code, "MemoryPoolOutOfMemoryError"),
		strings.Contains(nerr.Code, "MemoryLimit"),
		strings.HasPrefix(nerr.Code, "Neo.ClientError.Statement."),
		strings.HasPrefix(nerr.Code, "Neo.ClientError.Schema."),
		strings.HasPrefix(nerr.Code, "Neo.ClientError.Transaction.TransactionTimedOut"):
		return &RejectedError{Code: nerr.Code, Msg: nerr.Msg}
	}
	return err
}

// Options say how to reach Neo4j.
type Options struct {
	// URI is bolt://, neo4j:// or their +s/+ssc variants (Aura and clusters).
	URI      string
	User     string
	Password string
	// Database is the database to write to; "" means the server's default.
	Database string
	// ConnectTimeout bounds how long Open waits for the server.
	ConnectTimeout time.Duration
	// RetryTime bounds how long a failing transaction is retried (a server
	// that went away, a transient error) before the error is returned;
	// 0 means the driver's default, 30s.
	RetryTime time.Duration
}

// Writer writes batches to Neo4j. It is safe for one goroutine at a time.
type Writer struct {
	driver neo4j.DriverWithContext
	opts   Options
	log    zerolog.Logger
}

// Stats counts what a write changed, from the server's own counters.
type Stats struct {
	NodesCreated, NodesDeleted int
	RelsCreated, RelsDeleted   int
	PropertiesSet              int
}

func (s *Stats) add(c neo4j.Counters) {
	s.NodesCreated += c.NodesCreated()
	s.NodesDeleted += c.NodesDeleted()
	s.RelsCreated += c.RelationshipsCreated()
	s.RelsDeleted += c.RelationshipsDeleted()
	s.PropertiesSet += c.PropertiesSet()
}

// Add adds o to s.
func (s *Stats) Add(o Stats) {
	s.NodesCreated += o.NodesCreated
	s.NodesDeleted += o.NodesDeleted
	s.RelsCreated += o.RelsCreated
	s.RelsDeleted += o.RelsDeleted
	s.PropertiesSet += o.PropertiesSet
}

// Open connects to Neo4j and checks that the database answers.
func Open(ctx context.Context, opts Options, log zerolog.Logger) (*Writer, error) {
	u, err := url.Parse(opts.URI)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("%w %q: want bolt://host:port or neo4j://host:port", ErrBadURI, opts.URI)
	}
	switch u.Scheme {
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
	default:
		return nil, fmt.Errorf("%w %q: scheme %q is not bolt, neo4j or their +s/+ssc variants", ErrBadURI, opts.URI, u.Scheme)
	}
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = 10 * time.Second
	}
	driver, err := neo4j.NewDriverWithContext(opts.URI, neo4j.BasicAuth(opts.User, opts.Password, ""), func(c *config.Config) {
		c.Log = driverLog{log}
		c.SocketConnectTimeout = opts.ConnectTimeout
		c.ConnectionAcquisitionTimeout = opts.ConnectTimeout
		c.UserAgent = "kg"
		if opts.RetryTime > 0 {
			c.MaxTransactionRetryTime = opts.RetryTime
		}
	})
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrBadURI, opts.URI, err)
	}
	w := &Writer{driver: driver, opts: opts, log: log}
	cctx, cancel := context.WithTimeout(ctx, 2*opts.ConnectTimeout)
	defer cancel()
	if err := driver.VerifyConnectivity(cctx); err != nil {
		_ = driver.Close(ctx)
		return nil, w.classify(err)
	}
	if _, err := w.Read(cctx, "RETURN 1", nil); err != nil {
		_ = driver.Close(ctx)
		return nil, w.classify(err)
	}
	return w, nil
}

// classify turns a driver error into one of the sentinels where it is one.
func (w *Writer) classify(err error) error {
	where := w.opts.URI
	if w.opts.Database != "" {
		where += " database " + w.opts.Database
	}
	var rerr *RejectedError
	if errors.As(err, &rerr) {
		return fmt.Errorf("%s: %w", where, rerr)
	}
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) {
		switch {
		case strings.HasPrefix(nerr.Code, "Neo.ClientError.Security."):
			return fmt.Errorf("%w for user %q at %s: %s", ErrAuth, w.opts.User, where, nerr.Msg)
		case nerr.Code == "Neo.ClientError.Database.DatabaseNotFound":
			return fmt.Errorf("%w: %s", ErrNoDatabase, where)
		}
		return fmt.Errorf("%s: %s: %s", where, nerr.Code, nerr.Msg)
	}
	if unreachable(err) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: %s: %v", ErrUnreachable, where, err)
	}
	return fmt.Errorf("%s: %w", where, err)
}

// unreachable reports whether err says the server could not be reached:
// a connectivity error, or the retries of a transaction running out on
// one.
func unreachable(err error) bool {
	var cerr *neo4j.ConnectivityError
	if errors.As(err, &cerr) {
		return true
	}
	var lim *neo4j.TransactionExecutionLimit
	if errors.As(err, &lim) && len(lim.Errors) > 0 {
		last := lim.Errors[len(lim.Errors)-1]
		var nerr *neo4j.Neo4jError
		return !errors.As(last, &nerr) && (errors.As(last, &cerr) || strings.Contains(last.Error(), "onnect"))
	}
	return false
}

// Close releases the driver.
func (w *Writer) Close(ctx context.Context) error { return w.driver.Close(ctx) }

func (w *Writer) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return w.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: w.opts.Database})
}

// ApplySchema creates the constraints and indexes of schema.Statements and
// waits until the indexes are online. It is idempotent.
func (w *Writer) ApplySchema(ctx context.Context) error {
	s := w.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	for _, stmt := range schema.Statements() {
		res, err := s.Run(ctx, stmt, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("apply schema: %w", w.classify(err))
		}
	}
	res, err := s.Run(ctx, "CALL db.awaitIndexes(300)", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("await indexes: %w", w.classify(err))
	}
	return nil
}

// Read runs a read query and returns its rows as maps.
func (w *Writer) Read(ctx context.Context, query string, params map[string]any) ([]map[string]any, error) {
	rows, _, err := w.ReadColumns(ctx, query, params)
	return rows, err
}

// Write replaces the contribution of b.Docs with b, in one managed write
// transaction (the driver retries it on transient errors; the unit is
// idempotent). See the package comment for what is retracted and kept.
func (w *Writer) Write(ctx context.Context, b Batch) (Stats, error) {
	s := w.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	out, err := s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		var st Stats
		if err := w.write(ctx, tx, b, &st); err != nil {
			return nil, rejected(err)
		}
		return st, nil
	})
	if err != nil {
		return Stats{}, fmt.Errorf("write documents %s: %w", docRange(b.Docs), w.classify(err))
	}
	st := out.(Stats)
	w.log.Debug().Int("docs", len(b.Docs)).Int("nodes_created", st.NodesCreated).
		Int("rels_created", st.RelsCreated).Msg("batch written")
	return st, nil
}

func docRange(docs []string) string {
	switch len(docs) {
	case 0:
		return "(none)"
	case 1:
		return docs[0]
	}
	return docs[0] + ".." + docs[len(docs)-1]
}

type txRunner struct {
	ctx context.Context
	tx  neo4j.ManagedTransaction
	st  *Stats
}

func (r txRunner) run(query string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := r.tx.Run(r.ctx, query, params)
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(r.ctx)
	if err != nil {
		return nil, err
	}
	sum, err := res.Consume(r.ctx)
	if err != nil {
		return nil, err
	}
	r.st.add(sum.Counters())
	return recs, nil
}

func (r txRunner) rows(query string, rows []map[string]any) error {
	if len(rows) == 0 {
		return nil
	}
	_, err := r.run(query, map[string]any{"rows": rows})
	return err
}

func (w *Writer) write(ctx context.Context, tx neo4j.ManagedTransaction, b Batch, st *Stats) error {
	r := txRunner{ctx, tx, st}
	docs := b.Docs
	inBatch := map[string]bool{}
	for _, d := range docs {
		inBatch[d] = true
	}
	types := make([]string, len(schema.FactTypes))
	for i, t := range schema.FactTypes {
		types[i] = string(t)
	}

	// 1. What the documents contributed before.
	final := map[string]*Fact{}
	var order []string
	addOld := func(recs []*neo4j.Record) error {
		for _, rec := range recs {
			f, err := factFromRecord(rec)
			if err != nil {
				return err
			}
			if final[f.id()] != nil {
				continue
			}
			kept := f.Evidence[:0]
			for _, e := range f.Evidence {
				if !inBatch[e.Doc] {
					kept = append(kept, e)
				}
			}
			f.Evidence = kept
			final[f.id()] = f
			order = append(order, f.id())
		}
		return nil
	}
	recs, err := r.run(qOldFacts, map[string]any{"docs": docs, "types": types})
	if err != nil {
		return err
	}
	if err := addOld(recs); err != nil {
		return err
	}
	var pairs []map[string]any
	for _, f := range b.Facts {
		if final[f.id()] == nil {
			pairs = append(pairs, map[string]any{"type": string(f.Type), "from": f.From, "to": f.To})
		}
	}
	if len(pairs) > 0 {
		recs, err := r.run(qPairFacts, map[string]any{"pairs": pairs})
		if err != nil {
			return err
		}
		if err := addOld(recs); err != nil {
			return err
		}
	}
	touched := map[string]bool{}
	recs, err = r.run(qOldMentioned, map[string]any{"docs": docs})
	if err != nil {
		return err
	}
	for _, rec := range recs {
		if k, ok := rec.Values[0].(string); ok {
			touched[k] = true
		}
	}

	// 2. Retract it.
	for _, q := range []string{qRetractMentions, qRetractSentences} {
		if _, err := r.run(q, map[string]any{"docs": docs}); err != nil {
			return err
		}
	}
	var gone []string
	present := map[string]bool{}
	for _, row := range b.Documents {
		present[row["id"].(string)] = true
	}
	for _, d := range docs {
		if !present[d] {
			gone = append(gone, d)
		}
	}
	if len(gone) > 0 {
		if _, err := r.run(qRemoveDocuments, map[string]any{"docs": gone}); err != nil {
			return err
		}
	}

	// 3. Write what they say now.
	if err := r.rows(qDocuments, b.Documents); err != nil {
		return err
	}
	if err := r.rows(qSentences, b.Sentences); err != nil {
		return err
	}
	for _, l := range schema.EntityLabels {
		if err := r.rows(entityQuery(l), b.Entities[l]); err != nil {
			return err
		}
		for _, row := range b.Entities[l] {
			touched[row["key"].(string)] = true
		}
	}
	if err := r.rows(qMentions, b.Mentions); err != nil {
		return err
	}
	for _, f := range b.Facts {
		g := final[f.id()]
		if g == nil {
			g = &Fact{Type: f.Type, From: f.From, To: f.To}
			final[f.id()] = g
			order = append(order, f.id())
		}
		g.Evidence = append(g.Evidence, f.Evidence...)
	}
	sort.Strings(order)
	set := map[schema.RelType][]map[string]any{}
	del := map[schema.RelType][]map[string]any{}
	for _, id := range order {
		f := final[id]
		touched[f.From], touched[f.To] = true, true
		row := map[string]any{"from": f.From, "to": f.To}
		if len(f.Evidence) == 0 {
			del[f.Type] = append(del[f.Type], row)
			continue
		}
		row["props"] = edgeProps(f.Type, f.Evidence)
		set[f.Type] = append(set[f.Type], row)
	}
	for _, t := range schema.FactTypes {
		if err := r.rows(deleteFactQuery(t), del[t]); err != nil {
			return err
		}
		if err := r.rows(setFactQuery(t), set[t]); err != nil {
			return err
		}
	}

	// 4. Entity properties derived from every document that mentions them;
	// entities no document mentions any more are deleted.
	keys := sortedKeys(touched)
	if len(keys) == 0 {
		return nil
	}
	recs, err = r.run(qDerived, map[string]any{"keys": keys})
	if err != nil {
		return err
	}
	var derived []map[string]any
	var orphans []string
	for _, rec := range recs {
		m := rec.AsMap()
		docs := stringList(m["docs"])
		if len(docs) == 0 {
			orphans = append(orphans, m["key"].(string))
			continue
		}
		name, _ := m["name"].(string)
		aliases := map[string]bool{}
		for _, fs := range lists(m["forms"]) {
			for _, f := range fs {
				if f != name {
					aliases[f] = true
				}
			}
		}
		merges := map[string]bool{}
		for _, ms := range lists(m["merges"]) {
			for _, x := range ms {
				merges[x] = true
			}
		}
		sort.Strings(docs)
		derived = append(derived, map[string]any{
			"key": m["key"], "aliases": sortedKeys(aliases), "docs": docs,
			"merges": sortedKeys(merges), "count": m["count"],
		})
	}
	if err := r.rows(qSetDerived, derived); err != nil {
		return err
	}
	if len(orphans) > 0 {
		if _, err := r.run(qDeleteEntities, map[string]any{"keys": orphans}); err != nil {
			return err
		}
	}
	return nil
}

func factFromRecord(rec *neo4j.Record) (*Fact, error) {
	m := rec.AsMap()
	t, err := schema.ParseRelType(fmt.Sprint(m["type"]))
	if err != nil {
		return nil, err
	}
	f := &Fact{Type: t, From: fmt.Sprint(m["from"]), To: fmt.Sprint(m["to"])}
	props, _ := m["props"].(map[string]any)
	ids := stringList(props["evidence"])
	docs := stringList(props["evidence_docs"])
	rules := stringList(props["evidence_rules"])
	roles := stringList(props["evidence_roles"])
	scores, _ := props["evidence_scores"].([]any)
	for i, id := range ids {
		e := Evidence{ID: id}
		if i < len(docs) {
			e.Doc = docs[i]
		}
		if i < len(rules) {
			e.Rule = rules[i]
		}
		if i < len(roles) {
			e.Role = roles[i]
		}
		if i < len(scores) {
			e.Score, _ = scores[i].(float64)
		}
		f.Evidence = append(f.Evidence, e)
	}
	return f, nil
}

func stringList(v any) []string {
	xs, _ := v.([]any)
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func lists(v any) [][]string {
	xs, _ := v.([]any)
	out := make([][]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, stringList(x))
	}
	return out
}

// Count is the number of nodes of a label or relationships of a type.
type Count struct {
	Name  string
	Count int64
}

// Counts are the graph's nodes by label and relationships by type, in
// schema order.
type Counts struct {
	Nodes, Rels []Count
}

// Counts counts the graph's nodes and relationships by label and type.
func (w *Writer) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	labels := append(append([]schema.Label{}, schema.EntityLabels...), schema.Document, schema.Sentence)
	for _, l := range labels {
		rows, err := w.Read(ctx, fmt.Sprintf("MATCH (n:%s) RETURN count(n) AS n", l), nil)
		if err != nil {
			return c, err
		}
		c.Nodes = append(c.Nodes, Count{string(l), rows[0]["n"].(int64)})
	}
	types := append(append([]schema.RelType{}, schema.FactTypes...), schema.Mentions, schema.HasSentence)
	for _, t := range types {
		rows, err := w.Read(ctx, fmt.Sprintf("MATCH ()-[r:%s]->() RETURN count(r) AS n", t), nil)
		if err != nil {
			return c, err
		}
		c.Rels = append(c.Rels, Count{string(t), rows[0]["n"].(int64)})
	}
	return c, nil
}

// DeleteAll deletes every relationship and then every node of the
// database, a few thousand per transaction, so that a server with a small
// transaction memory limit can still be emptied (detaching a node with
// many relationships at once cannot). The tests use it on their own
// server; kg never calls it on a user's database.
func (w *Writer) DeleteAll(ctx context.Context) error {
	s := w.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	for _, q := range []string{
		"MATCH ()-[r]->() WITH r LIMIT 5000 DELETE r RETURN count(*) AS n",
		"MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n",
	} {
		for {
			n, err := s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
				res, err := tx.Run(ctx, q, nil)
				if err != nil {
					return nil, err
				}
				rec, err := res.Single(ctx)
				if err != nil {
					return nil, err
				}
				return rec.Values[0], nil
			})
			if err != nil {
				return fmt.Errorf("delete all: %w", w.classify(err))
			}
			if n.(int64) == 0 {
				break
			}
		}
	}
	return nil
}

// ReadColumns runs a read query and returns its rows and column names,
// in the query's order.
func (w *Writer) ReadColumns(ctx context.Context, query string, params map[string]any) ([]map[string]any, []string, error) {
	s := w.session(ctx, neo4j.AccessModeRead)
	defer s.Close(ctx)
	var keys []string
	out, err := s.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, query, params)
		if err != nil {
			return nil, err
		}
		if keys, err = res.Keys(); err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		rows := make([]map[string]any, len(recs))
		for i, r := range recs {
			rows[i] = r.AsMap()
		}
		return rows, nil
	})
	if err != nil {
		return nil, nil, w.classify(err)
	}
	return out.([]map[string]any), keys, nil
}
