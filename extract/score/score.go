package score

import (
	"fmt"
	"sort"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/schema"
)

// Count holds true positives, false positives and false negatives.
type Count struct {
	TP, FP, FN int
}

// Precision returns TP/(TP+FP), and 1 when nothing was predicted (no
// prediction is wrong); Recall then shows what was missed.
func (c Count) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP/(TP+FN), and 1 when there was nothing to find.
func (c Count) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of Precision and Recall: 1 when there was
// nothing to find and nothing was found.
func (c Count) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

func (c *Count) add(o Count) {
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
}

// LabelCount is the count for one entity label.
type LabelCount struct {
	Label schema.Label
	Count
}

// TypeCount is the count for one relation type.
type TypeCount struct {
	Type schema.RelType
	Count
}

// EntityMiss is a required gold entity that no system entity matched.
type EntityMiss struct {
	Gold GoldEntity
	// Note says what came close: a system entity of the same name under
	// another label.
	Note string
}

// EntityFP is a system entity counted as a false positive.
type EntityFP struct {
	Entity extract.Entity
	// Note says why: a second match for one gold entity, a wrong label, or
	// no gold entity of that name.
	Note string
}

// RelationMiss is a required gold relation that no system relation matched.
type RelationMiss struct {
	Gold GoldRelation
	// From and To are the canonical names of the gold ends.
	From, To string
	Note     string
}

// RelationFP is a system relation counted as a false positive, standing for
// every system relation with the same type and ends.
type RelationFP struct {
	Relation extract.Relation
	// From and To are the names of the system ends.
	From, To string
	Note     string
	// Same is how many system relations were folded into this one.
	Same int
}

// Report is the score of one extraction against one gold file. Counts are
// micro-averaged: the overall figures add up the items of every label or
// type. Lists are sorted by label or type order, then by name.
type Report struct {
	Entities  Count
	Relations Count
	// ByLabel has a row for every entity label, in schema.EntityLabels
	// order, then any other label the system produced.
	ByLabel []LabelCount
	// ByType has a row for every fact type, in schema.FactTypes order, then
	// any other type the system produced.
	ByType []TypeCount

	EntityMisses   []EntityMiss
	EntityFPs      []EntityFP
	RelationMisses []RelationMiss
	RelationFPs    []RelationFP
}

// EntityF1 returns the overall F1 for entities.
func (r *Report) EntityF1() float64 { return r.Entities.F1() }

// RelationF1 returns the overall F1 for relations.
func (r *Report) RelationF1() float64 { return r.Relations.F1() }

// LabelF1 returns the F1 for entities of label l (1 when the label has no
// items on either side).
func (r *Report) LabelF1(l schema.Label) float64 {
	for _, c := range r.ByLabel {
		if c.Label == l {
			return c.F1()
		}
	}
	return Count{}.F1()
}

// TypeF1 returns the F1 for relations of type t.
func (r *Report) TypeF1(t schema.RelType) float64 {
	for _, c := range r.ByType {
		if c.Type == t {
			return c.F1()
		}
	}
	return Count{}.F1()
}

type form struct {
	label schema.Label
	name  string
}

// Evaluate scores r against g. A system entity matches the gold entity of
// the same label one of whose names it shares once normalised; when several
// match one gold entity, the first is the true positive and the others are
// false positives. System entities matching an optional gold entity are not
// counted. A system relation counts when its type and both mapped ends equal
// a gold relation's; relations are counted once per (type, from, to), and a
// relation with an end on an optional entity, or equal to an optional gold
// relation, is not counted.
func Evaluate(g *Gold, r extract.Result) *Report {
	owner := map[form]int{}      // normalised name under a label -> gold entity
	byName := map[string][]int{} // normalised name under any label -> gold entities
	for i := range g.Entities {
		e := &g.Entities[i]
		for _, f := range e.Forms() {
			k := form{e.Label, f}
			if _, ok := owner[k]; !ok {
				owner[k] = i
				byName[f] = append(byName[f], i)
			}
		}
	}

	labels := map[schema.Label]*Count{}
	lc := func(l schema.Label) *Count {
		if labels[l] == nil {
			labels[l] = new(Count)
		}
		return labels[l]
	}

	rep := new(Report)

	// Entities.
	goldOf := map[extract.EntityID]int{} // system entity -> gold entity
	sysName := map[extract.EntityID]string{}
	hits := make([][]int, len(g.Entities))
	sysByName := map[string][]int{}
	for i, e := range r.Entities {
		sysName[e.ID] = e.Name
		n := extract.Normalize(e.Name)
		sysByName[n] = append(sysByName[n], i)
		gi, ok := owner[form{e.Label, n}]
		if !ok {
			lc(e.Label).FP++
			rep.EntityFPs = append(rep.EntityFPs, EntityFP{Entity: e, Note: wrongLabel(g, byName[n], e.Label)})
			continue
		}
		if _, seen := goldOf[e.ID]; !seen {
			goldOf[e.ID] = gi
		}
		hits[gi] = append(hits[gi], i)
	}
	for gi := range g.Entities {
		ge := &g.Entities[gi]
		if ge.Optional {
			continue
		}
		if len(hits[gi]) == 0 {
			lc(ge.Label).FN++
			rep.EntityMisses = append(rep.EntityMisses, EntityMiss{Gold: *ge, Note: foundAs(r.Entities, sysByName, ge)})
			continue
		}
		lc(ge.Label).TP++
		first := r.Entities[hits[gi][0]]
		for _, si := range hits[gi][1:] {
			lc(ge.Label).FP++
			rep.EntityFPs = append(rep.EntityFPs, EntityFP{
				Entity: r.Entities[si],
				Note:   fmt.Sprintf("duplicate: gold %q already matched by %q", ge.ID, first.Name),
			})
		}
	}

	// Relations.
	goldRel := map[relKey]int{}
	for i, gr := range g.Relations {
		goldRel[relKey{gr.Type, gr.From, gr.To}] = i
	}
	types := map[schema.RelType]*Count{}
	tc := func(t schema.RelType) *Count {
		if types[t] == nil {
			types[t] = new(Count)
		}
		return types[t]
	}
	found := make([]bool, len(g.Relations))
	fps := map[relKey]int{} // -> index in rep.RelationFPs
	end := func(id extract.EntityID) (string, *GoldEntity) {
		if gi, ok := goldOf[id]; ok {
			return g.Entities[gi].ID, &g.Entities[gi]
		}
		// Prefixed so that a system id never equals a gold id.
		return "system:" + string(id), nil
	}
	for _, sr := range r.Relations {
		from, fe := end(sr.From)
		to, te := end(sr.To)
		k := relKey{sr.Type, from, to}
		if fe != nil && te != nil {
			if gi, ok := goldRel[k]; ok {
				if !g.Relations[gi].Optional && !found[gi] {
					found[gi] = true
					tc(sr.Type).TP++
				}
				continue
			}
		}
		if (fe != nil && fe.Optional) || (te != nil && te.Optional) {
			continue
		}
		if i, ok := fps[k]; ok {
			rep.RelationFPs[i].Same++
			continue
		}
		tc(sr.Type).FP++
		fps[k] = len(rep.RelationFPs)
		rep.RelationFPs = append(rep.RelationFPs, RelationFP{
			Relation: sr,
			From:     nameOr(sysName, sr.From),
			To:       nameOr(sysName, sr.To),
			Note:     relNote(goldRel, k, fe, te),
			Same:     1,
		})
	}
	names := map[string]string{}
	for _, ge := range g.Entities {
		names[ge.ID] = ge.Name
	}
	matched := map[string]bool{}
	for _, gi := range goldOf {
		matched[g.Entities[gi].ID] = true
	}
	for gi, gr := range g.Relations {
		if gr.Optional || found[gi] {
			continue
		}
		tc(gr.Type).FN++
		rep.RelationMisses = append(rep.RelationMisses, RelationMiss{
			Gold: gr, From: names[gr.From], To: names[gr.To],
			Note: missNote(matched, gr),
		})
	}

	for _, l := range schema.EntityLabels {
		lc(l)
	}
	for l, c := range labels {
		rep.ByLabel = append(rep.ByLabel, LabelCount{l, *c})
		rep.Entities.add(*c)
	}
	sort.Slice(rep.ByLabel, func(i, j int) bool {
		a, b := rep.ByLabel[i].Label, rep.ByLabel[j].Label
		if oa, ob := schema.LabelOrder(a), schema.LabelOrder(b); oa != ob {
			return oa < ob
		}
		return a < b
	})
	for _, t := range schema.FactTypes {
		tc(t)
	}
	for t, c := range types {
		rep.ByType = append(rep.ByType, TypeCount{t, *c})
		rep.Relations.add(*c)
	}
	sort.Slice(rep.ByType, func(i, j int) bool {
		a, b := rep.ByType[i].Type, rep.ByType[j].Type
		if oa, ob := typeOrder(a), typeOrder(b); oa != ob {
			return oa < ob
		}
		return a < b
	})

	sort.SliceStable(rep.EntityMisses, func(i, j int) bool {
		a, b := rep.EntityMisses[i].Gold, rep.EntityMisses[j].Gold
		return less(schema.LabelOrder(a.Label), schema.LabelOrder(b.Label), a.Name, b.Name)
	})
	sort.SliceStable(rep.EntityFPs, func(i, j int) bool {
		a, b := rep.EntityFPs[i].Entity, rep.EntityFPs[j].Entity
		return less(schema.LabelOrder(a.Label), schema.LabelOrder(b.Label), a.Name, b.Name)
	})
	sort.SliceStable(rep.RelationMisses, func(i, j int) bool {
		a, b := rep.RelationMisses[i], rep.RelationMisses[j]
		return less(typeOrder(a.Gold.Type), typeOrder(b.Gold.Type), a.From+"\x00"+a.To, b.From+"\x00"+b.To)
	})
	sort.SliceStable(rep.RelationFPs, func(i, j int) bool {
		a, b := rep.RelationFPs[i], rep.RelationFPs[j]
		return less(typeOrder(a.Relation.Type), typeOrder(b.Relation.Type), a.From+"\x00"+a.To, b.From+"\x00"+b.To)
	})
	return rep
}

func less(oa, ob int, a, b string) bool {
	if oa != ob {
		return oa < ob
	}
	return a < b
}

func typeOrder(t schema.RelType) int {
	for i, x := range schema.FactTypes {
		if x == t {
			return i
		}
	}
	return len(schema.FactTypes)
}

func nameOr(names map[extract.EntityID]string, id extract.EntityID) string {
	if n, ok := names[id]; ok {
		return n
	}
	return string(id)
}

// wrongLabel explains an unmatched system entity of label l.
func wrongLabel(g *Gold, same []int, l schema.Label) string {
	for _, gi := range same {
		if ge := &g.Entities[gi]; ge.Label != l {
			return fmt.Sprintf("wrong label: gold %q is a %s", ge.ID, ge.Label)
		}
	}
	return "not in gold"
}

// foundAs explains a missed gold entity: a system entity has one of its
// names under another label.
func foundAs(sys []extract.Entity, byName map[string][]int, ge *GoldEntity) string {
	for _, f := range ge.Forms() {
		for _, si := range byName[f] {
			if e := sys[si]; e.Label != ge.Label {
				return fmt.Sprintf("found as %s %q", e.Label, e.Name)
			}
		}
	}
	return ""
}

// relKey identifies a relation once per corpus.
type relKey struct {
	t        schema.RelType
	from, to string
}

// relNote explains a false positive relation k.
func relNote(goldRel map[relKey]int, k relKey, fe, te *GoldEntity) string {
	switch {
	case fe == nil && te == nil:
		return "neither end is a gold entity"
	case fe == nil:
		return "from is not a gold entity"
	case te == nil:
		return "to is not a gold entity"
	}
	if _, ok := goldRel[relKey{k.t, k.to, k.from}]; ok {
		return "wrong direction: gold has " + k.to + " -> " + k.from
	}
	for _, t := range schema.FactTypes {
		if _, ok := goldRel[relKey{t, k.from, k.to}]; ok && t != k.t {
			return "wrong type: gold has " + string(t)
		}
	}
	return "not in gold"
}

// missNote explains a missed gold relation by the ends that were not found.
func missNote(matched map[string]bool, gr GoldRelation) string {
	switch from, to := matched[gr.From], matched[gr.To]; {
	case !from && !to:
		return "neither end found"
	case !from:
		return "from not found"
	case !to:
		return "to not found"
	}
	return ""
}
