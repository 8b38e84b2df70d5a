package main

import (
	"fmt"
	"os"
	"sort"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kgtool/kg/extract/score"
	"github.com/kgtool/kg/schema"
)

func sortedNames(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (a *app) evalCmd() *cobra.Command {
	var show int
	var minEntity, minRelation float64
	var minLabel map[string]string
	cmd := &cobra.Command{
		Use:   "eval GOLD.json PATH...",
		Short: "Score extraction against a gold graph: precision, recall and F1 per label and type",
		Long: `Eval extracts PATH and scores the result against GOLD.json, a gold graph written to
the annotation guidelines: an entity matches when its label is equal and its
normalised name equals the gold name or an alias; optional gold items are neither
required nor penalised; extra nodes for one gold entity are false positives;
relations count once per corpus. --show N lists up to N misses and false
positives per section. --min-entity-f1 and --min-relation-f1 make eval exit 1
below a bar, and --min-label-f1 Person=0.9,... per label, so CI can hold the
line.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usageError{fmt.Errorf("eval: want GOLD.json and at least one file or folder")}
			}
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("gold: %w", err)
			}
			gold, err := score.LoadGold(f)
			f.Close()
			if err != nil {
				return fmt.Errorf("gold %s: %w", args[0], err)
			}
			res, failed, err := a.extract(args[1:])
			if err != nil {
				return err
			}
			rep := score.Evaluate(gold, res)
			if err := rep.Write(a.stdout, show); err != nil {
				return err
			}
			if e := rep.EntityF1(); e < minEntity {
				return fmt.Errorf("entity F1 %.3f is below --min-entity-f1 %.3f", e, minEntity)
			}
			if r := rep.RelationF1(); r < minRelation {
				return fmt.Errorf("relation F1 %.3f is below --min-relation-f1 %.3f", r, minRelation)
			}
			for _, name := range sortedNames(minLabel) {
				l, err := schema.ParseLabel(name)
				if err != nil {
					return usageError{fmt.Errorf("--min-label-f1: %w", err)}
				}
				bar, err := strconv.ParseFloat(minLabel[name], 64)
				if err != nil {
					return usageError{fmt.Errorf("--min-label-f1 %s=%s: %w", name, minLabel[name], err)}
				}
				if f := rep.LabelF1(l); f < bar {
					return fmt.Errorf("%s F1 %.3f is below --min-label-f1 %s=%.3f", name, f, name, bar)
				}
			}
			if failed > 0 {
				return errPartial
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&show, "show", 0, "list up to N misses and false positives per section")
	cmd.Flags().Float64Var(&minEntity, "min-entity-f1", 0, "exit 1 when the overall entity F1 is below this")
	cmd.Flags().Float64Var(&minRelation, "min-relation-f1", 0, "exit 1 when the overall relation F1 is below this")
	cmd.Flags().StringToStringVar(&minLabel, "min-label-f1", nil, "exit 1 when a label's F1 is below its bar, e.g. Person=0.9,Organisation=0.9")
	return cmd
}
