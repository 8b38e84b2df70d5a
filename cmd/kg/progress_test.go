package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

func TestProgressBar(t *testing.T) {
	var term bytes.Buffer
	p := newProgress(&term, zerolog.Nop(), 4)
	clock := p.start
	p.now = func() time.Time { return clock }
	clock = clock.Add(2 * time.Second)
	p.add(1)
	if got := term.String(); !strings.Contains(got, "1/4 docs") || !strings.Contains(got, "0.5 docs/s") || !strings.Contains(got, "ETA 6s") {
		t.Errorf("bar = %q, want 1/4 docs at 0.5 docs/s, ETA 6s", got)
	}
	clock = clock.Add(6 * time.Second)
	p.add(3)
	if got := term.String(); !strings.HasSuffix(got, "\n") || !strings.Contains(got, "[##############################] 4/4") {
		t.Errorf("finished bar = %q", got)
	}
}

func TestProgressLog(t *testing.T) {
	var logs bytes.Buffer
	p := newProgress(nil, zerolog.New(&logs), 100)
	clock := p.start
	p.now = func() time.Time { return clock }
	for i := 0; i < 10; i++ {
		clock = clock.Add(time.Second)
		p.add(5) // one log line per 10 s of work, and one at the end
	}
	clock = clock.Add(time.Second)
	p.add(50)
	if n := strings.Count(logs.String(), `"message":"progress"`); n != 2 {
		t.Errorf("%d progress lines, want 2:\n%s", n, logs.String())
	}
	if !strings.Contains(logs.String(), `"docs":100,"of":100`) {
		t.Errorf("no final line:\n%s", logs.String())
	}
}
