package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/extract/analysis"
	"github.com/kgtool/kg/extract/conllu"
	"github.com/kgtool/kg/extract/ner"
	"github.com/kgtool/kg/schema"
)

func (a *app) parseCmd() *cobra.Command {
	var evalPath string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "parse [PATH...] | parse --eval GOLD.conllu|GOLD.iob2 [--json]",
		Short: "Print the linguistic analysis of documents as CoNLL-U, or score it on a treebank",
		Long: `Parse reads documents as kg import does and prints what the linguistic layer
makes of them, in CoNLL-U: sentences, tokens, lemmas, UPOS and XPOS tags,
features, dependency heads and relations. MISC carries TokenRange=START:END,
the token's byte offsets in the document text (for HTML, in the extracted
text), SpaceAfter=No where no space follows, and NER=B-PER, I-ORG, ... for the
names found. Sentence comments give the document id and the text.

--eval GOLD.conllu analyses the gold words of a treebank (gold tokenisation,
predicted tags) and prints UPOS, XPOS, lemma accuracy, UAS and LAS; when the
file carries GUM entity annotations, person/organisation/place span scores
too. --eval GOLD.iob2 scores entity spans on a Universal NER file. --json
prints one JSON object.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if evalPath != "" && len(args) > 0 {
				return usageError{fmt.Errorf("--eval takes no PATH")}
			}
			if evalPath == "" {
				if asJSON {
					return usageError{fmt.Errorf("--json goes with --eval")}
				}
				if err := needPaths(cmd, args); err != nil {
					return err
				}
			} else if _, err := os.Stat(evalPath); err != nil {
				return fmt.Errorf("read gold file: %w", err)
			}
			// The model takes about two seconds to load: checks come first.
			m, err := analysis.Default()
			if err != nil {
				return err
			}
			vocab, err := schema.LoadVocabulary(a.cfg.Extract.Vocabulary...)
			if err != nil {
				return err
			}
			an := m.NewAnalyser(ner.NewGazetteer(vocab))
			if evalPath != "" {
				return a.parseEval(an, evalPath, asJSON)
			}
			return a.parseDocs(an, args)
		},
	}
	cmd.Flags().StringVar(&evalPath, "eval", "", "score the analysis against a gold CoNLL-U or IOB2 file")
	cmd.Flags().BoolVar(&asJSON, "json", false, "with --eval, print one JSON object")
	return cmd
}

// parseDocs prints the analysis of every document, one at a time, each
// read within the configured size limit; unreadable files are logged with
// their cause and make the exit code partial.
func (a *app) parseDocs(an *analysis.Analyser, paths []string) error {
	files, errs := extract.List(paths)
	w := bufio.NewWriter(a.stdout)
	for _, f := range files {
		doc, err := extract.ReadFileLimit(f, a.cfg.Extract.MaxBytes)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if err := writeDocConllu(w, an, doc); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	for _, err := range errs {
		a.log.Error().Err(err).Msg("skipped")
	}
	if len(errs) > 0 {
		return errPartial
	}
	return nil
}

// writeDocConllu analyses the sections of doc that are not boilerplate (all
// of it when it has none) and writes them as CoNLL-U.
func writeDocConllu(w io.Writer, an *analysis.Analyser, doc extract.Document) error {
	var sents []analysis.Sentence
	if len(doc.Sections) == 0 {
		sents = an.Analyse(doc.Text)
	}
	for _, sec := range doc.Sections {
		if sec.Kind != extract.SectionBoilerplate {
			sents = append(sents, an.AnalyseSpan(doc.Text, sec.Start, sec.End)...)
		}
	}
	for i, s := range sents {
		cs := &conllu.Sentence{}
		if i == 0 {
			cs.Comments = append(cs.Comments, "newdoc id = "+string(doc.ID))
		}
		cs.Comments = append(cs.Comments,
			fmt.Sprintf("sent_id = %s-%d", doc.ID, i+1),
			"text = "+strings.Join(strings.Fields(doc.Text[s.Start:s.End]), " "))
		ner := entityTags(s)
		for k, t := range s.Tokens {
			misc := "TokenRange=" + strconv.Itoa(t.Start) + ":" + strconv.Itoa(t.End)
			if k+1 < len(s.Tokens) && s.Tokens[k+1].Start == t.End {
				misc += "|SpaceAfter=No"
			}
			if ner[k] != "" {
				misc += "|NER=" + ner[k]
			}
			cs.Tokens = append(cs.Tokens, conllu.Token{
				ID: k + 1, Form: t.Form, Lemma: t.Lemma, UPOS: t.UPOS, XPOS: t.XPOS,
				Feats: t.Feats, Head: t.Head, Deprel: t.Deprel, Misc: misc,
			})
		}
		if err := conllu.Write(w, cs); err != nil {
			return err
		}
	}
	return nil
}

// entityTags gives each token of s its IOB2 entity tag, or "".
func entityTags(s analysis.Sentence) []string {
	out := make([]string, len(s.Tokens))
	for _, e := range s.Entities {
		for k := e.Start; k < e.End && k < len(out); k++ {
			if k == e.Start {
				out[k] = "B-" + e.Label
			} else {
				out[k] = "I-" + e.Label
			}
		}
	}
	return out
}

// parseEval scores the analysis on a gold file.
func (a *app) parseEval(an *analysis.Analyser, path string, asJSON bool) error {
	out := map[string]any{}
	var entities map[string]ner.PRF
	if strings.HasSuffix(path, ".iob2") {
		gold, err := ner.ReadUNER(path)
		if err != nil {
			return fmt.Errorf("read gold file: %w", err)
		}
		entities = an.EvaluateEntities(gold)
		out["sentences"] = len(gold)
	} else {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("read gold file: %w", err)
		}
		gold, err := conllu.ReadAll(f, path)
		f.Close()
		if err != nil {
			return fmt.Errorf("read gold file: %w", err)
		}
		s := an.Evaluate(gold)
		out["upos"], out["xpos"], out["lemma"], out["uas"], out["las"] = s.UPOS, s.XPOS, s.Lemma, s.UAS, s.LAS
		out["sentences"], out["tokens"] = s.Sentences, s.Tokens
		if spans, err := ner.ReadGUM(path); err == nil && hasSpans(spans) {
			entities = an.EvaluateEntities(spans)
		}
	}
	if entities != nil {
		ents := map[string]any{}
		for label, prf := range entities {
			ents[label] = map[string]any{"precision": prf.Precision, "recall": prf.Recall, "f1": prf.F1,
				"gold": prf.Gold, "predicted": prf.Predicted, "correct": prf.Correct}
		}
		out["entities"] = ents
	}
	if asJSON {
		enc := json.NewEncoder(a.stdout)
		return enc.Encode(out)
	}
	return writeEvalTable(a.stdout, path, out, entities)
}

func hasSpans(ss []ner.Sentence) bool {
	for _, s := range ss {
		if len(s.Spans) > 0 {
			return true
		}
	}
	return false
}

func writeEvalTable(w io.Writer, path string, out map[string]any, entities map[string]ner.PRF) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s: %v sentences", path, out["sentences"])
	if t, ok := out["tokens"]; ok {
		fmt.Fprintf(bw, ", %v tokens (gold tokenisation, predicted tags)\n", t)
		for _, k := range []string{"upos", "xpos", "lemma", "uas", "las"} {
			fmt.Fprintf(bw, "  %-6s %.4f\n", strings.ToUpper(k), out[k])
		}
	} else {
		fmt.Fprintln(bw)
	}
	if entities != nil {
		labels := make([]string, 0, len(entities))
		for l := range entities {
			labels = append(labels, l)
		}
		sort.Strings(labels)
		fmt.Fprintf(bw, "  %-6s %9s %6s %6s %5s %5s %5s\n", "entity", "precision", "recall", "F1", "gold", "pred", "ok")
		for _, l := range labels {
			p := entities[l]
			fmt.Fprintf(bw, "  %-6s %9.4f %6.4f %6.4f %5d %5d %5d\n", l, p.Precision, p.Recall, p.F1, p.Gold, p.Predicted, p.Correct)
		}
	}
	return bw.Flush()
}
