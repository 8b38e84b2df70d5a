package score

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// quoteMax is how much of an evidence sentence a listing shows.
const quoteMax = 120

// Write prints the report: a table of counts and scores per entity label and
// per relation type with the overall (micro-averaged) line under each, then,
// when show > 0, up to show entity misses, entity false positives, relation
// misses and relation false positives, each with a note saying why.
func (r *Report) Write(w io.Writer, show int) error {
	width := len("relations")
	for _, c := range r.ByLabel {
		width = max(width, len(c.Label))
	}
	for _, c := range r.ByType {
		width = max(width, len(c.Type))
	}
	var b strings.Builder
	head := func(name string) {
		fmt.Fprintf(&b, "%-*s %5s %5s %5s %9s %7s %7s\n", width, name, "tp", "fp", "fn", "precision", "recall", "F1")
	}
	row := func(name string, c Count) {
		fmt.Fprintf(&b, "%-*s %5d %5d %5d %9.3f %7.3f %7.3f\n", width, name, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	}
	head("entities")
	for _, c := range r.ByLabel {
		row(string(c.Label), c.Count)
	}
	row("all", r.Entities)
	b.WriteString("\n")
	head("relations")
	for _, c := range r.ByType {
		row(string(c.Type), c.Count)
	}
	row("all", r.Relations)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	if show <= 0 {
		return nil
	}

	var lines []string
	section := func(title string, n int, item func(i int) string) {
		if n == 0 {
			return
		}
		head := fmt.Sprintf("\n%s (%d):", title, n)
		if n > show {
			head = fmt.Sprintf("\n%s (%d, first %d):", title, n, show)
		}
		lines = append(lines, head)
		for i := 0; i < n && i < show; i++ {
			lines = append(lines, "  "+item(i))
		}
	}
	section("entity misses", len(r.EntityMisses), func(i int) string {
		m := r.EntityMisses[i]
		s := fmt.Sprintf("%s %q [%s]", m.Gold.Label, m.Gold.Name, m.Gold.ID)
		if len(m.Gold.Docs) > 0 {
			s += " in " + string(m.Gold.Docs[0])
			if len(m.Gold.Docs) > 1 {
				s += fmt.Sprintf(" (+%d)", len(m.Gold.Docs)-1)
			}
		}
		return note(s, m.Note)
	})
	section("entity false positives", len(r.EntityFPs), func(i int) string {
		f := r.EntityFPs[i]
		s := fmt.Sprintf("%s %q", f.Entity.Label, f.Entity.Name)
		if len(f.Entity.Mentions) > 0 {
			m := f.Entity.Mentions[0]
			s += fmt.Sprintf(" at %s@%d:%d", m.Doc, m.Start, m.End)
		} else if len(f.Entity.Docs) > 0 {
			s += " in " + string(f.Entity.Docs[0])
		}
		return note(s, f.Note)
	})
	section("relation misses", len(r.RelationMisses), func(i int) string {
		m := r.RelationMisses[i]
		s := fmt.Sprintf("%s %q -> %q", m.Gold.Type, m.From, m.To)
		if m.Gold.Role != "" {
			s += fmt.Sprintf(" role %q", m.Gold.Role)
		}
		s = note(s, m.Note)
		if m.Gold.Evidence != "" {
			s += "\n      " + quote(m.Gold.Evidence)
			if len(m.Gold.Docs) > 0 {
				s += " in " + string(m.Gold.Docs[0])
			}
		}
		return s
	})
	section("relation false positives", len(r.RelationFPs), func(i int) string {
		f := r.RelationFPs[i]
		s := fmt.Sprintf("%s %q -> %q", f.Relation.Type, f.From, f.To)
		if f.Same > 1 {
			s += fmt.Sprintf(" (x%d)", f.Same)
		}
		s = note(s, f.Note)
		if len(f.Relation.Evidence) > 0 {
			ev := f.Relation.Evidence[0]
			s += fmt.Sprintf("\n      %s at %s@%d:%d", quote(ev.Text), ev.Doc, ev.Start, ev.End)
		}
		return s
	})
	for _, l := range lines {
		if _, err := fmt.Fprintln(w, l); err != nil {
			return err
		}
	}
	return nil
}

func note(s, n string) string {
	if n == "" {
		return s
	}
	return s + ": " + n
}

// quote shortens s to quoteMax bytes on a rune boundary, folds white space
// and quotes it.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > quoteMax {
		cut := quoteMax
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return fmt.Sprintf("%q", s)
}
