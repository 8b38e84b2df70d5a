package graph

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgtool/kg/schema"
)

// ErrBusy is returned by Acquire when another run holds the lease.
var ErrBusy = errors.New("graph: another import is running")

// ErrLeaseLost is returned when a lease could not be renewed before it
// expired: another run may have taken it, so this one must stop writing.
var ErrLeaseLost = errors.New("graph: import lease lost")

// Lease is a named lock held in the database, so that two runs against one
// database never interleave. It expires unless renewed, so a run that dies
// leaves it behind for at most its time to live.
type Lease struct {
	w      *Writer
	name   string
	holder string
	ttl    time.Duration

	stop chan struct{}
	done chan struct{}
	mu   sync.Mutex
	err  error
}

// The lease is taken under the node's write lock (the first SET), so that
// two runs reading an expired lease at once cannot both take it.
var qAcquire = fmt.Sprintf(`MERGE (l:%s {name: $name})
SET l.locked = true
WITH l, (l.holder IS NULL OR l.holder = $holder OR l.expires < datetime.realtime()) AS free
SET l.holder = CASE WHEN free THEN $holder ELSE l.holder END,
    l.expires = CASE WHEN free THEN datetime.realtime() + duration({milliseconds: $ttl}) ELSE l.expires END
REMOVE l.locked
RETURN free, l.holder AS holder, toString(l.expires) AS expires`, schema.Lease)

var qRelease = fmt.Sprintf(`MATCH (l:%s {name: $name}) WHERE l.holder = $holder DELETE l`, schema.Lease)

// Acquire takes the lease name for holder, waiting up to wait for another
// holder to release it or for its lease to expire, and renews it every
// third of ttl until Release. The error wraps ErrBusy when the wait ends
// with another holder.
func (w *Writer) Acquire(ctx context.Context, name, holder string, ttl, wait time.Duration) (*Lease, error) {
	if ttl < time.Second {
		ttl = time.Second
	}
	deadline := time.Now().Add(wait)
	for {
		free, other, expires, err := w.tryAcquire(ctx, name, holder, ttl)
		if err != nil {
			return nil, fmt.Errorf("acquire lease %s: %w", name, err)
		}
		if free {
			l := &Lease{w: w, name: name, holder: holder, ttl: ttl, stop: make(chan struct{}), done: make(chan struct{})}
			go l.renew()
			return l, nil
		}
		left := time.Until(deadline)
		if left <= 0 {
			return nil, fmt.Errorf("%w: %s holds the lease until %s (it is renewed while that run lives)", ErrBusy, other, expires)
		}
		w.log.Info().Str("holder", other).Str("expires", expires).Msg("waiting for another import to finish")
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(min(left, time.Second)):
		}
	}
}

func (w *Writer) tryAcquire(ctx context.Context, name, holder string, ttl time.Duration) (bool, string, string, error) {
	s := w.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	out, err := s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, qAcquire, map[string]any{"name": name, "holder": holder, "ttl": ttl.Milliseconds()})
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		return rec.AsMap(), nil
	})
	if err != nil {
		return false, "", "", w.classify(err)
	}
	m := out.(map[string]any)
	return m["free"] == true, fmt.Sprint(m["holder"]), fmt.Sprint(m["expires"]), nil
}

func (l *Lease) renew() {
	defer close(l.done)
	t := time.NewTicker(l.ttl / 3)
	defer t.Stop()
	last := time.Now()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), l.ttl/3)
		free, other, _, err := l.w.tryAcquire(ctx, l.name, l.holder, l.ttl)
		cancel()
		switch {
		case err == nil && free:
			last = time.Now()
		case err == nil:
			l.fail(fmt.Errorf("%w: %s holds it now", ErrLeaseLost, other))
			return
		case time.Since(last) > l.ttl:
			l.fail(fmt.Errorf("%w: not renewed for %s: %v", ErrLeaseLost, time.Since(last).Round(time.Second), err))
			return
		default:
			l.w.log.Warn().Err(err).Msg("lease renewal failed; retrying")
		}
	}
}

func (l *Lease) fail(err error) {
	l.mu.Lock()
	l.err = err
	l.mu.Unlock()
}

// Err returns ErrLeaseLost (wrapped) once the lease could not be kept.
// Writers check it between batches.
func (l *Lease) Err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

// Release stops renewing and deletes the lease if this holder still has it.
func (l *Lease) Release(ctx context.Context) error {
	close(l.stop)
	<-l.done
	s := l.w.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	_, err := s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, qRelease, map[string]any{"name": l.name, "holder": l.holder})
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	})
	if err != nil {
		return fmt.Errorf("release lease %s: %w", l.name, l.w.classify(err))
	}
	return nil
}
