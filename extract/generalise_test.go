package extract_test

import (
	"testing"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/schema"
)

// The generalisation articles in testdata/generalise are written for this
// test: invented people, companies and bodies that are in no lexicon, in the
// shapes the held-out articles take (news report, reproduced blog post with
// comments, journal editorial, wire story, committee press release, trade
// press on awards, blog comment quoting a newspaper). They check that the
// rules find what an analyst would, not what the seeds happen to say.

func findEntity(res extract.Result, l schema.Label, name string) *extract.Entity {
	want := extract.Normalize(name)
	for i, e := range res.Entities {
		if e.Label != l {
			continue
		}
		if extract.Normalize(e.Name) == want {
			return &res.Entities[i]
		}
		for _, a := range e.Aliases {
			if extract.Normalize(a) == want {
				return &res.Entities[i]
			}
		}
	}
	return nil
}

func TestGeneralise(t *testing.T) {
	docs, errs := extract.ReadPaths([]string{"testdata/generalise"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	res := extract.New(nil).Extract(docs)
	entities := []struct {
		label schema.Label
		name  string
	}{
		{schema.Person, "Priya Ramaswamy"},
		{schema.Person, "Oswin Thackeray"},
		{schema.Person, "Ffion Aldous"},
		{schema.Organisation, "Northfield Audit Commission"},
		{schema.Organisation, "NAC"},
		{schema.Organisation, "Veltrax"},
		{schema.Organisation, "Corvanta"},
		{schema.Organisation, "Halden Secure Systems"},
		{schema.Organisation, "Union of Monitoring Staff"},
		{schema.Organisation, "Department for Community Safety"},
		{schema.Organisation, "Brackwell Institute"},
		{schema.Policy, "Secure Track Programme"},
		{schema.Policy, "STP"},
		{schema.Contract, "contracts worth £2.4bn"},
		{schema.Report, "damning report"},

		{schema.Person, "Tamsin Okonjo"},
		{schema.Person, "Gideon Marchbanks"},
		{schema.Person, "Rosalind Achterberg"},
		{schema.Organisation, "Civic Ledger"},
		{schema.Organisation, "Ministry of Coastal Communities"},
		{schema.Organisation, "Pellucid Partners"},
		{schema.Organisation, "Coastal Affairs Committee"},
		{schema.Organisation, "Shelterwise"},
		{schema.Policy, "Harbour Scheme"},
		{schema.Contract, "contracts worth £640m"},
		{schema.Report, "Why is nobody counting the cost of the Harbour Scheme?"},
		{schema.Report, "October 2024 report by the Coastal Affairs Committee"},

		{schema.Person, "Edmund Castellanos"},
		{schema.Person, "Lavinia Orszag"},
		{schema.Person, "Theodora Blackwood"},
		{schema.Person, "Magnus Eriksen"},
		{schema.Person, "Percival Hume"},
		{schema.Organisation, "Northern Review of Criminology"},
		{schema.Organisation, "Centre for Youth Policy"},
		{schema.Policy, "Youth Diversion Programme"},
		{schema.Policy, "Safer Streets Initiative"},
		{schema.Report, "Ten Years of Youth Justice Reform: Promise and Practice"},

		// a wire story: critics quoted across sentences, a role as subject
		{schema.Person, "Nadia Okafor"},
		{schema.Person, "Colin Pryce"},
		{schema.Person, "Frances Delaney"},
		{schema.Person, "Aled Rhys"},
		{schema.Organisation, "Stanmore Estates"},
		{schema.Organisation, "Prison Governors Association"},
		{schema.Organisation, "HMP Thornbury"},
		{schema.Contract, "maintenance contract"},

		// a committee press release
		{schema.Person, "Harriet Coleby"},
		{schema.Person, "Ruth Adeyemi"},
		{schema.Organisation, "Public Services Committee"},
		{schema.Organisation, "University of Kettering"},
		{schema.Organisation, "Youth Custody Service"},
		{schema.Policy, "Secure Schools Programme"},

		// trade press on awards
		{schema.Person, "Marcus Fenn"},
		{schema.Person, "Joanne Pike"},
		{schema.Organisation, "Brightwater Language Services"},
		{schema.Organisation, "Brightwater"},
		{schema.Organisation, "Trackwise Ltd"},
		{schema.Organisation, "Orbis Monitoring"},
		{schema.Organisation, "Kestrel Systems"},
		{schema.Organisation, "Professional Interpreters Alliance"},
		{schema.Contract, "national court interpreting contract"},
		{schema.Contract, "contracts worth a combined £180m"},

		// a blog whose comment quotes a newspaper
		{schema.Person, "Brenda Hollis"},
		{schema.Organisation, "Evening Courier"},
		{schema.Organisation, "Keystone Housing Group"},
		{schema.Organisation, "Keystone"},
	}
	for _, tt := range entities {
		if findEntity(res, tt.label, tt.name) == nil {
			t.Errorf("no %s %q", tt.label, tt.name)
		}
	}
	for _, v := range []struct {
		name  string
		value float64
	}{
		{"contracts worth £2.4bn", 2.4e9},
		{"maintenance contract", 1.1e9},
		{"national court interpreting contract", 450e6},
		{"contracts worth a combined £180m", 180e6},
	} {
		if e := findEntity(res, schema.Contract, v.name); e != nil && (e.Value != v.value || e.Currency != "GBP") {
			t.Errorf("value of %q = %v %s, want %v GBP", v.name, e.Value, e.Currency, v.value)
		}
	}
	// things that are not entities
	for _, n := range []struct {
		label schema.Label
		name  string
	}{
		{schema.Organisation, "Tuesday"},
		{schema.Person, "Marchbanks Ran"},
		{schema.Organisation, "Staff"},
		{schema.Person, "Stanmore Estates"},
		{schema.Person, "Harriet Coleby MP"},
		{schema.Organisation, "According"},
	} {
		if findEntity(res, n.label, n.name) != nil {
			t.Errorf("unexpected %s %q", n.label, n.name)
		}
	}
	relations := []struct {
		typ      schema.RelType
		from, to string
		fl, tl   schema.Label
	}{
		{schema.AffiliatedWith, "Priya Ramaswamy", "Northfield Audit Commission", schema.Person, schema.Organisation},
		{schema.AffiliatedWith, "Oswin Thackeray", "Union of Monitoring Staff", schema.Person, schema.Organisation},
		{schema.AffiliatedWith, "Ffion Aldous", "Brackwell Institute", schema.Person, schema.Organisation},
		{schema.Authored, "Priya Ramaswamy", "damning report", schema.Person, schema.Report},
		{schema.AwardedTo, "contracts worth £2.4bn", "Veltrax", schema.Contract, schema.Organisation},
		{schema.AwardedTo, "contracts worth £2.4bn", "Corvanta", schema.Contract, schema.Organisation},
		{schema.AwardedTo, "contracts worth £2.4bn", "Halden Secure Systems", schema.Contract, schema.Organisation},
		{schema.Awarded, "Department for Community Safety", "contracts worth £2.4bn", schema.Organisation, schema.Contract},
		{schema.Criticised, "Oswin Thackeray", "contracts worth £2.4bn", schema.Person, schema.Contract},
		{schema.Criticised, "Northfield Audit Commission", "Secure Track Programme", schema.Organisation, schema.Policy},
		{schema.Criticised, "Ffion Aldous", "Secure Track Programme", schema.Person, schema.Policy},

		{schema.Authored, "Tamsin Okonjo", "Why is nobody counting the cost of the Harbour Scheme?", schema.Person, schema.Report},
		{schema.Authored, "Civic Ledger", "Why is nobody counting the cost of the Harbour Scheme?", schema.Organisation, schema.Report},
		{schema.Authored, "Coastal Affairs Committee", "October 2024 report by the Coastal Affairs Committee", schema.Organisation, schema.Report},
		{schema.AffiliatedWith, "Gideon Marchbanks", "Pellucid Partners", schema.Person, schema.Organisation},
		{schema.AffiliatedWith, "Rosalind Achterberg", "Shelterwise", schema.Person, schema.Organisation},
		{schema.Awarded, "Ministry of Coastal Communities", "contracts worth £640m", schema.Organisation, schema.Contract},
		{schema.AwardedTo, "contracts worth £640m", "Pellucid Partners", schema.Contract, schema.Organisation},
		{schema.Criticised, "Rosalind Achterberg", "Harbour Scheme", schema.Person, schema.Policy},
		{schema.Criticised, "Coastal Affairs Committee", "Harbour Scheme", schema.Organisation, schema.Policy},

		{schema.Authored, "Northern Review of Criminology", "Ten Years of Youth Justice Reform: Promise and Practice", schema.Organisation, schema.Report},
		{schema.Authored, "Theodora Blackwood", "Ten Years of Youth Justice Reform: Promise and Practice", schema.Person, schema.Report},
		{schema.Authored, "Percival Hume", "Ten Years of Youth Justice Reform: Promise and Practice", schema.Person, schema.Report},
		{schema.AffiliatedWith, "Percival Hume", "Northern Review of Criminology", schema.Person, schema.Organisation},
		{schema.AffiliatedWith, "Magnus Eriksen", "Centre for Youth Policy", schema.Person, schema.Organisation},
		{schema.Criticised, "Edmund Castellanos", "Youth Diversion Programme", schema.Person, schema.Policy},
		{schema.Criticised, "Lavinia Orszag", "Youth Diversion Programme", schema.Person, schema.Policy},
		{schema.Criticised, "Theodora Blackwood", "Safer Streets Initiative", schema.Person, schema.Policy},

		{schema.AffiliatedWith, "Nadia Okafor", "HM Inspectorate of Prisons", schema.Person, schema.Organisation},
		{schema.AffiliatedWith, "Colin Pryce", "Prison Governors Association", schema.Person, schema.Organisation},
		{schema.AffiliatedWith, "Frances Delaney", "Howard League for Penal Reform", schema.Person, schema.Organisation},
		{schema.AffiliatedWith, "Aled Rhys", "Labour", schema.Person, schema.Organisation},
		{schema.AffiliatedWith, "Aled Rhys", "Justice Committee", schema.Person, schema.Organisation},
		{schema.Criticised, "Nadia Okafor", "maintenance contract", schema.Person, schema.Contract},
		{schema.Criticised, "Frances Delaney", "maintenance contract", schema.Person, schema.Contract},
		{schema.Criticised, "Frances Delaney", "Ministry of Justice", schema.Person, schema.Organisation},
		{schema.Criticised, "Prison Governors Association", "Stanmore Estates", schema.Organisation, schema.Organisation},
		{schema.Criticised, "Aled Rhys", "maintenance contract", schema.Person, schema.Contract},

		{schema.AffiliatedWith, "Harriet Coleby", "Public Services Committee", schema.Person, schema.Organisation},
		{schema.AffiliatedWith, "Ruth Adeyemi", "University of Kettering", schema.Person, schema.Organisation},
		{schema.Criticised, "Public Services Committee", "Ministry of Justice", schema.Organisation, schema.Organisation},
		{schema.Criticised, "Public Services Committee", "Youth Custody Service", schema.Organisation, schema.Organisation},
		{schema.Criticised, "Ruth Adeyemi", "Secure Schools Programme", schema.Person, schema.Policy},

		{schema.AffiliatedWith, "Marcus Fenn", "Brightwater Language Services", schema.Person, schema.Organisation},
		{schema.AffiliatedWith, "Joanne Pike", "Professional Interpreters Alliance", schema.Person, schema.Organisation},
		{schema.AwardedTo, "national court interpreting contract", "Brightwater Language Services", schema.Contract, schema.Organisation},
		{schema.Awarded, "Ministry of Justice", "contracts worth a combined £180m", schema.Organisation, schema.Contract},
		{schema.AwardedTo, "contracts worth a combined £180m", "Trackwise Ltd", schema.Contract, schema.Organisation},
		{schema.AwardedTo, "contracts worth a combined £180m", "Orbis Monitoring", schema.Contract, schema.Organisation},
		{schema.Criticised, "Joanne Pike", "Brightwater Language Services", schema.Person, schema.Organisation},

		{schema.Criticised, "Brenda Hollis", "Keystone Housing Group", schema.Person, schema.Organisation},
	}
	for _, tt := range relations {
		from, to := findEntity(res, tt.fl, tt.from), findEntity(res, tt.tl, tt.to)
		if from == nil || to == nil {
			t.Errorf("%s %q -> %q: an end is missing", tt.typ, tt.from, tt.to)
			continue
		}
		found := false
		for _, r := range res.Relations {
			if r.Type == tt.typ && r.From == from.ID && r.To == to.ID {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s %q -> %q", tt.typ, tt.from, tt.to)
		}
	}
	// anonymous commenters criticise nobody's behalf: no relation may rest
	// only on a comment with no named speaker
	for _, r := range res.Relations {
		for _, e := range r.Evidence {
			if e.Doc == "002_harbour" && containsAny(e.Text, "whole thing is a shambles") ||
				e.Doc == "007_blog" && containsAny(e.Text, "are a disgrace", "arrangement is a shambles") {
				t.Errorf("relation %s %s -> %s from an anonymous comment", r.Type, r.From, r.To)
			}
		}
	}
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if len(sub) > 0 && len(s) >= len(sub) {
			for i := 0; i+len(sub) <= len(s); i++ {
				if s[i:i+len(sub)] == sub {
					return true
				}
			}
		}
	}
	return false
}
