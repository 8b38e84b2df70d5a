package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/rs/zerolog"
)

// progress reports how far a long import is: a bar with documents per
// second and the time left on a terminal, and a structured log line every
// interval otherwise.
type progress struct {
	out      io.Writer // the terminal, or nil to log instead
	log      zerolog.Logger
	total    int
	done     int
	start    time.Time
	last     time.Time
	interval time.Duration
	now      func() time.Time
}

func newProgress(terminal io.Writer, log zerolog.Logger, total int) *progress {
	start := time.Now()
	return &progress{out: terminal, log: log, total: total, start: start, last: start, interval: 10 * time.Second, now: time.Now}
}

// add counts n more documents done.
func (p *progress) add(n int) {
	if p == nil || p.total == 0 {
		return
	}
	p.done += n
	t := p.now()
	elapsed := t.Sub(p.start)
	rate := float64(p.done) / max(elapsed.Seconds(), 1e-9)
	eta := time.Duration(float64(p.total-p.done)/max(rate, 1e-9)) * time.Second
	if p.out != nil {
		const width = 30
		filled := width * p.done / p.total
		fmt.Fprintf(p.out, "\r[%s%s] %d/%d docs  %.1f docs/s  ETA %s ", strings.Repeat("#", filled),
			strings.Repeat(".", width-filled), p.done, p.total, rate, eta.Round(time.Second))
		if p.done >= p.total {
			fmt.Fprintln(p.out)
		}
		return
	}
	if t.Sub(p.last) >= p.interval || p.done >= p.total {
		p.last = t
		p.log.Info().Int("docs", p.done).Int("of", p.total).Float64("docs_per_s", float64(int(rate*10))/10).
			Dur("eta", eta.Round(time.Second)).Msg("progress")
	}
}
