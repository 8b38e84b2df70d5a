package graph

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgtool/kg/schema"
)

// ImportRecord sums up an import that wrote to the graph.
type ImportRecord struct {
	At                                         time.Time
	Added, Changed, Unchanged, Removed, Failed int
	Stats                                      Stats
	Took                                       time.Duration
}

var qRecordImport = fmt.Sprintf(`MERGE (i:%s {name: 'last'})
SET i.at = datetime.realtime(), i.added = $added, i.changed = $changed, i.unchanged = $unchanged,
    i.removed = $removed, i.failed = $failed, i.nodes_created = $nodes_created, i.nodes_deleted = $nodes_deleted,
    i.rels_created = $rels_created, i.rels_deleted = $rels_deleted, i.took_ms = $took_ms`, schema.ImportLog)

var qLastImport = fmt.Sprintf(`MATCH (i:%s {name: 'last'}) RETURN i {.*} AS i`, schema.ImportLog)

// RecordImport stores r as the last import, replacing the one before.
func (w *Writer) RecordImport(ctx context.Context, r ImportRecord) error {
	s := w.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	_, err := s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, qRecordImport, map[string]any{
			"added": r.Added, "changed": r.Changed, "unchanged": r.Unchanged, "removed": r.Removed, "failed": r.Failed,
			"nodes_created": r.Stats.NodesCreated, "nodes_deleted": r.Stats.NodesDeleted,
			"rels_created": r.Stats.RelsCreated, "rels_deleted": r.Stats.RelsDeleted, "took_ms": r.Took.Milliseconds(),
		})
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	})
	if err != nil {
		return fmt.Errorf("record import: %w", w.classify(err))
	}
	return nil
}

// LastImport returns the last import that wrote, if any.
func (w *Writer) LastImport(ctx context.Context) (ImportRecord, bool, error) {
	rows, err := w.Read(ctx, qLastImport, nil)
	if err != nil || len(rows) == 0 {
		return ImportRecord{}, false, err
	}
	m, _ := rows[0]["i"].(map[string]any)
	n := func(k string) int { v, _ := m[k].(int64); return int(v) }
	r := ImportRecord{
		Added: n("added"), Changed: n("changed"), Unchanged: n("unchanged"), Removed: n("removed"), Failed: n("failed"),
		Stats: Stats{NodesCreated: n("nodes_created"), NodesDeleted: n("nodes_deleted"),
			RelsCreated: n("rels_created"), RelsDeleted: n("rels_deleted")},
		Took: time.Duration(n("took_ms")) * time.Millisecond,
	}
	if t, ok := m["at"].(time.Time); ok {
		r.At = t
	}
	return r, true, nil
}
