package score

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/schema"
)

func ent(l schema.Label, name string) extract.Entity {
	return extract.Entity{ID: extract.Key(l, name), Label: l, Name: name}
}

func rel(t schema.RelType, from, to extract.Entity, evidence string) extract.Relation {
	return extract.Relation{Type: t, From: from.ID, To: to.ID, Evidence: []extract.Evidence{
		{Doc: "inspection", Span: extract.Span{Start: 0, End: len(evidence)}, Text: evidence, Rule: "test", Score: 1},
	}}
}

// result builds a system result from entities and relations.
func result(es []extract.Entity, rs []extract.Relation) extract.Result {
	return extract.Result{Entities: es, Relations: rs}
}

// perfect returns the result a flawless extractor would give for g: every
// gold entity under its canonical name and every gold relation.
func perfect(g *Gold) extract.Result {
	ids := map[string]extract.Entity{}
	var es []extract.Entity
	for _, e := range g.Entities {
		x := ent(e.Label, e.Name)
		ids[e.ID] = x
		es = append(es, x)
	}
	var rs []extract.Relation
	for _, r := range g.Relations {
		rs = append(rs, rel(r.Type, ids[r.From], ids[r.To], r.Evidence))
	}
	return result(es, rs)
}

// System entities for the cases below, named as an extractor might.
var (
	stacey      = ent(schema.Person, "Glenys Stacey")
	dameGlenys  = ent(schema.Person, "Dame Glenys")
	surname     = ent(schema.Person, "Stacey")
	lawrence    = ent(schema.Person, "Ian Lawrence")
	getafix     = ent(schema.Person, "Getafix")
	hmip        = ent(schema.Organisation, "HMIP")
	watchdog    = ent(schema.Organisation, "The Watchdog")
	napo        = ent(schema.Organisation, "NAPO")
	moj         = ent(schema.Organisation, "the Ministry-of-Justice")
	sodexo      = ent(schema.Organisation, "Sodexo")
	interserve  = ent(schema.Organisation, "Interserve")
	staceyOrg   = ent(schema.Organisation, "Glenys Stacey")
	annual      = ent(schema.Report, "Annual report")
	crc         = ent(schema.Contract, "CRC contracts")
	tr          = ent(schema.Policy, "Transforming Rehabilitation")
	trAcronym   = ent(schema.Policy, "TR")
	allRequired = []extract.Entity{stacey, lawrence, hmip, napo, moj, sodexo, crc, tr}
)

func TestEvaluate(t *testing.T) {
	g := loadGold(t, "testdata/basic.gold.json")
	// The gold has 8 required entities and 6 required relations.
	tests := []struct {
		name      string
		ents      []extract.Entity
		rels      []extract.Relation
		ent, rel  Count
		byLabel   map[schema.Label]Count // checked only for the labels given
		relByType map[schema.RelType]Count
	}{
		{name: "nothing found", ent: Count{FN: 8}, rel: Count{FN: 6}},
		{name: "aliases match", ents: []extract.Entity{dameGlenys, hmip, trAcronym, ent(schema.Organisation, "MoJ")},
			ent: Count{TP: 4, FN: 4}, rel: Count{FN: 6}},
		{name: "normalised names match", ents: []extract.Entity{moj, napo, ent(schema.Contract, "contracts worth £3.7bn.")},
			ent: Count{TP: 3, FN: 5}, rel: Count{FN: 6}},
		{name: "duplicates are false positives", ents: []extract.Entity{stacey, dameGlenys, surname},
			ent: Count{TP: 1, FP: 2, FN: 7}, rel: Count{FN: 6},
			byLabel: map[schema.Label]Count{schema.Person: {TP: 1, FP: 2, FN: 1}}},
		{name: "alias duplicates too", ents: []extract.Entity{hmip, watchdog},
			ent: Count{TP: 1, FP: 1, FN: 7}, rel: Count{FN: 6}},
		{name: "optional entities are not counted", ents: []extract.Entity{getafix, annual},
			ent: Count{FN: 8}, rel: Count{FN: 6}},
		{name: "wrong label is a miss and a false positive", ents: []extract.Entity{staceyOrg},
			ent: Count{FP: 1, FN: 8}, rel: Count{FN: 6},
			byLabel: map[schema.Label]Count{schema.Person: {FN: 2}, schema.Organisation: {FP: 1, FN: 4}}},
		{name: "unknown entity is a false positive", ents: []extract.Entity{interserve},
			ent: Count{FP: 1, FN: 8}, rel: Count{FN: 6}},
		{name: "all required", ents: allRequired, ent: Count{TP: 8}, rel: Count{FN: 6}},
		{name: "relation found", ents: allRequired,
			rels: []extract.Relation{rel(schema.AwardedTo, crc, sodexo, "Sodexo took six areas.")},
			ent:  Count{TP: 8}, rel: Count{TP: 1, FN: 5},
			relByType: map[schema.RelType]Count{schema.AwardedTo: {TP: 1}, schema.Criticised: {FN: 2}}},
		{name: "relation direction matters", ents: allRequired,
			rels: []extract.Relation{rel(schema.AwardedTo, sodexo, crc, "Sodexo took six areas.")},
			ent:  Count{TP: 8}, rel: Count{FP: 1, FN: 6},
			relByType: map[schema.RelType]Count{schema.AwardedTo: {FP: 1, FN: 1}}},
		{name: "relation type matters", ents: allRequired,
			rels: []extract.Relation{rel(schema.Criticised, lawrence, napo, "Lawrence spoke for Napo.")},
			ent:  Count{TP: 8}, rel: Count{FP: 1, FN: 6}},
		{name: "relation counted once across evidence", ents: []extract.Entity{stacey, dameGlenys, tr, trAcronym},
			rels: []extract.Relation{
				rel(schema.Criticised, stacey, tr, "Stacey said it could not be mended."),
				rel(schema.Criticised, stacey, tr, "Her report was damning."),
				rel(schema.Criticised, dameGlenys, trAcronym, "Dame Glenys was blunt about TR."),
			},
			ent: Count{TP: 2, FP: 2, FN: 6}, rel: Count{TP: 1, FN: 5}},
		{name: "false positive relation counted once", ents: allRequired,
			rels: []extract.Relation{
				rel(schema.Criticised, lawrence, sodexo, "Lawrence named Sodexo."),
				rel(schema.Criticised, lawrence, sodexo, "He named Sodexo again."),
			},
			ent: Count{TP: 8}, rel: Count{FP: 1, FN: 6}},
		{name: "optional relation is not counted", ents: allRequired,
			rels: []extract.Relation{rel(schema.Criticised, napo, tr, "Napo opposed TR.")},
			ent:  Count{TP: 8}, rel: Count{FN: 6}},
		{name: "relation with an optional end is not counted", ents: append([]extract.Entity{getafix, annual}, allRequired...),
			rels: []extract.Relation{
				rel(schema.Authored, stacey, annual, "She wrote the annual report."),
				rel(schema.Criticised, getafix, tr, "Getafix had no time for TR."),
				rel(schema.Criticised, getafix, interserve, "Getafix had no time for Interserve."),
			},
			ent: Count{TP: 8}, rel: Count{FN: 6}},
		{name: "relation with an unmatched end is a false positive", ents: append([]extract.Entity{interserve}, allRequired...),
			rels: []extract.Relation{rel(schema.Criticised, interserve, tr, "Interserve doubted TR.")},
			ent:  Count{TP: 8, FP: 1}, rel: Count{FP: 1, FN: 6}},
		{name: "relation from a wrong-label entity is a false positive", ents: []extract.Entity{staceyOrg, tr},
			rels: []extract.Relation{rel(schema.Criticised, staceyOrg, tr, "Stacey said it could not be mended.")},
			ent:  Count{TP: 1, FP: 1, FN: 7}, rel: Count{FP: 1, FN: 6}},
		{name: "relation to an entity not in the result is a false positive", ents: allRequired,
			rels: []extract.Relation{{Type: schema.Criticised, From: stacey.ID, To: "policy:unknown"}},
			ent:  Count{TP: 8}, rel: Count{FP: 1, FN: 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Evaluate(g, result(tt.ents, tt.rels))
			if r.Entities != tt.ent {
				t.Errorf("entities = %+v, want %+v", r.Entities, tt.ent)
			}
			if r.Relations != tt.rel {
				t.Errorf("relations = %+v, want %+v", r.Relations, tt.rel)
			}
			for _, c := range r.ByLabel {
				if want, ok := tt.byLabel[c.Label]; ok && c.Count != want {
					t.Errorf("%s = %+v, want %+v", c.Label, c.Count, want)
				}
			}
			for _, c := range r.ByType {
				if want, ok := tt.relByType[c.Type]; ok && c.Count != want {
					t.Errorf("%s = %+v, want %+v", c.Type, c.Count, want)
				}
			}
			if got, want := len(r.EntityMisses), tt.ent.FN; got != want {
				t.Errorf("%d entity misses listed, want %d", got, want)
			}
			if got, want := len(r.EntityFPs), tt.ent.FP; got != want {
				t.Errorf("%d entity false positives listed, want %d", got, want)
			}
			if got, want := len(r.RelationMisses), tt.rel.FN; got != want {
				t.Errorf("%d relation misses listed, want %d", got, want)
			}
			if got, want := len(r.RelationFPs), tt.rel.FP; got != want {
				t.Errorf("%d relation false positives listed, want %d", got, want)
			}
		})
	}
}

func TestEvaluatePerfect(t *testing.T) {
	g := loadGold(t, "testdata/basic.gold.json")
	r := Evaluate(g, perfect(g))
	if r.EntityF1() != 1 || r.RelationF1() != 1 {
		t.Errorf("perfect: entities %+v, relations %+v, want F1 1", r.Entities, r.Relations)
	}
	for _, l := range schema.EntityLabels {
		if got := r.LabelF1(l); got != 1 {
			t.Errorf("LabelF1(%s) = %v, want 1", l, got)
		}
	}
}

func TestCount(t *testing.T) {
	tests := []struct {
		c           Count
		p, r, f1    float64
		description string
	}{
		{Count{}, 1, 1, 1, "nothing to find, nothing found"},
		{Count{TP: 2, FP: 1, FN: 1}, 2.0 / 3, 2.0 / 3, 2.0 / 3, "balanced"},
		{Count{TP: 3, FP: 1}, 0.75, 1, 6.0 / 7, "all found, one wrong"},
		{Count{FN: 4}, 1, 0, 0, "nothing found"},
		{Count{FP: 2}, 0, 1, 0, "only wrong"},
	}
	for _, tt := range tests {
		p, r, f1 := tt.c.Precision(), tt.c.Recall(), tt.c.F1()
		if !near(p, tt.p) || !near(r, tt.r) || !near(f1, tt.f1) {
			t.Errorf("%s: %+v = P %v R %v F1 %v, want %v %v %v", tt.description, tt.c, p, r, f1, tt.p, tt.r, tt.f1)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestWrite(t *testing.T) {
	g := loadGold(t, "testdata/basic.gold.json")
	ents := []extract.Entity{stacey, dameGlenys, staceyOrg, lawrence, hmip, interserve, moj, sodexo, crc, tr}
	rels := []extract.Relation{
		rel(schema.Criticised, stacey, tr, "Stacey said the model could not be mended."),
		rel(schema.AwardedTo, sodexo, crc, "Sodexo took six of the areas when the contracts were let."),
		rel(schema.Criticised, interserve, tr, "Interserve doubted TR at length, in a sentence long enough that the listing has to cut it short well before it reaches its very end."),
		rel(schema.Criticised, interserve, tr, "Interserve doubted TR."),
	}
	r := Evaluate(g, result(ents, rels))
	for _, show := range []int{0, 2, 10} {
		var buf bytes.Buffer
		if err := r.Write(&buf, show); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, fmt.Sprintf("testdata/write-show%d.golden", show), buf.Bytes())
	}
}
