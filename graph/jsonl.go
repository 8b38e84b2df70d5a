package graph

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/kgtool/kg/extract"
)

// The JSON Lines records of `kg extract`: one object per line, documents,
// then nodes, then edges, each in the result's (deterministic) order.
type (
	docLine struct {
		Kind   string  `json:"kind"`
		ID     string  `json:"id"`
		Title  string  `json:"title"`
		Date   *string `json:"date"`
		Source string  `json:"source"`
		Format string  `json:"format"`
		// Text is given for formats whose text is not the file's bytes.
		Text string `json:"text,omitempty"`
	}
	nodeLine struct {
		Kind      string   `json:"kind"`
		Label     string   `json:"label"`
		Key       string   `json:"key"`
		Name      string   `json:"name"`
		Aliases   []string `json:"aliases"`
		Documents []string `json:"documents"`
		Merges    []string `json:"merges,omitempty"`
		Value     *float64 `json:"value,omitempty"`
		Currency  string   `json:"currency,omitempty"`
		ValueText string   `json:"value_text,omitempty"`
	}
	evidenceLine struct {
		Document string  `json:"document"`
		Start    int     `json:"start"`
		End      int     `json:"end"`
		Text     string  `json:"text"`
		Rule     string  `json:"rule"`
		Score    float64 `json:"score"`
	}
	edgeLine struct {
		Kind       string         `json:"kind"`
		Type       string         `json:"type"`
		From       string         `json:"from"`
		To         string         `json:"to"`
		Role       string         `json:"role,omitempty"`
		Rule       string         `json:"rule"`
		Confidence float64        `json:"confidence"`
		Evidence   []evidenceLine `json:"evidence"`
	}
)

// WriteJSONL writes r as JSON Lines to w.
func WriteJSONL(w io.Writer, r extract.Result) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, d := range r.Documents {
		l := docLine{Kind: "document", ID: string(d.ID), Title: d.Title, Source: d.Source, Format: d.Format}
		if d.Date != "" {
			date := d.Date
			l.Date = &date
		}
		if d.Format != "text" && d.Format != "markdown" {
			l.Text = d.Text
		}
		if err := enc.Encode(l); err != nil {
			return err
		}
	}
	for _, e := range r.Entities {
		l := nodeLine{Kind: "node", Label: string(e.Label), Key: string(e.ID), Name: e.Name,
			Aliases: nonNil(e.Aliases), Currency: e.Currency, ValueText: e.ValueText}
		for _, d := range e.Docs {
			l.Documents = append(l.Documents, string(d))
		}
		l.Documents = nonNil(l.Documents)
		for _, m := range e.Merges {
			l.Merges = append(l.Merges, m.Form+" → "+m.Into+": "+m.Reason)
		}
		if e.ValueText != "" {
			v := e.Value
			l.Value = &v
		}
		if err := enc.Encode(l); err != nil {
			return err
		}
	}
	for _, rel := range r.Relations {
		l := edgeLine{Kind: "edge", Type: string(rel.Type), From: string(rel.From), To: string(rel.To), Role: rel.Role}
		best := -1.0
		var scores []float64
		for _, ev := range rel.Evidence {
			l.Evidence = append(l.Evidence, evidenceLine{Document: string(ev.Doc), Start: ev.Start, End: ev.End,
				Text: ev.Text, Rule: ev.Rule, Score: ev.Score})
			scores = append(scores, ev.Score)
			if ev.Score > best {
				best, l.Rule = ev.Score, ev.Rule
			}
		}
		l.Confidence = Confidence(scores)
		if err := enc.Encode(l); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
