package extract

import (
	"strings"
	"testing"

	"github.com/kgtool/kg/schema"
)

// rels returns the relations of an extraction as "TYPE from -> to [role] rule".
func rels(res Result, typ schema.RelType) []string {
	name := map[EntityID]string{}
	for _, e := range res.Entities {
		name[e.ID] = e.Name
	}
	var out []string
	for _, r := range res.Relations {
		if r.Type != typ {
			continue
		}
		s := name[r.From] + " -> " + name[r.To]
		if r.Role != "" {
			s += " [" + r.Role + "]"
		}
		out = append(out, s)
	}
	return out
}

func TestRelate(t *testing.T) {
	x := New(nil)
	tests := []struct {
		name string
		text string
		typ  schema.RelType
		want []string
	}{
		{"appositive role", "Tom Varley, chief executive of the Harbour Trust, said it worked.",
			schema.AffiliatedWith, []string{"Tom Varley -> Harbour Trust [chief executive]"}},
		{"role implies the body", "Ruth Ames, the prison and probation minister, said so.",
			schema.AffiliatedWith, []string{"Ruth Ames -> Ministry of Justice [prison and probation minister]"}},
		// a known body seen only as an acronym keeps the corpus form as its name
		{"org role name", "Doors were broken, which POA chairman Tom Rudd said was serious.",
			schema.AffiliatedWith, []string{"Tom Rudd -> POA [chairman]"}},
		{"is the director of", "Magnus Eriksen is the director of the Centre for Prison and Youth Studies and senior visiting research fellow at The Harwick University.",
			schema.AffiliatedWith, []string{"Magnus Eriksen -> Centre for Prison and Youth Studies [director]", "Magnus Eriksen -> Harwick University [senior visiting research fellow]"}},
		{"from the body", "In his contribution Tom Varley from the Ministry of Justice outlines the plan.",
			schema.AffiliatedWith, []string{"Tom Varley -> Ministry of Justice [member]"}},
		{"report by", "Things got worse, as a March 2021 report by the National Audit Office found.",
			schema.Authored, []string{"National Audit Office -> March 2021 report by the National Audit Office"}},
		{"possessive report", "Then Ruth Ames's article takes us to the architects of the policy.",
			schema.Authored, []string{"Ruth Ames -> Ruth Ames article"}},
		{"awarded to, passive", "Six organisations — including Corvell, QTRnova and Veltrax — were awarded contracts worth £2.4bn to run them.",
			schema.AwardedTo, []string{"contracts worth £2.4bn -> Corvell", "contracts worth £2.4bn -> QTRnova", "contracts worth £2.4bn -> Veltrax"}},
		{"awarded by", "They fear the commercial contracts worth £3bn handed out by the MoJ.",
			schema.Awarded, []string{"MoJ -> commercial contracts worth £3bn"}},
		{"reported speech", "Oswin Thackeray, general secretary of the probation union Napo, said the current CRC contracts had “badly failed”.",
			schema.Criticised, []string{"Oswin Thackeray -> CRC contracts"}},
		{"quote attribution after", "“A scheme that moves people between agencies is flawed,” Mr Varley said of Transforming Rehabilitation.",
			schema.Criticised, []string{"Mr Varley -> Transforming Rehabilitation"}},
		{"anonymous criticism gives nothing", "Transforming Rehabilitation is a disaster and a shambles.",
			schema.Criticised, nil},
		{"criticised organisation", "The Transport Committee has criticised Wavecrest Marine over delays. Its chair, Tom Rudd, said passengers had been let down.",
			schema.Criticised, []string{"Transport Committee -> Wavecrest Marine"}},
		{"its role", "The Transport Committee has criticised Wavecrest Marine over delays. Its chair, Tom Rudd, said passengers had been let down.",
			schema.AffiliatedWith, []string{"Tom Rudd -> Transport Committee [chair]"}},
		{"according to", "According to the Prison Reform Trust, Transforming Rehabilitation has failed.",
			schema.Criticised, []string{"Prison Reform Trust -> Transforming Rehabilitation"}},
		{"organisation names its report", "The Audit Office review of the ferry contract was published today.",
			schema.Authored, []string{"Audit Office -> Audit Office review"}},
		{"passive criticism", "Transforming Rehabilitation was attacked by the National Audit Office.",
			schema.Criticised, []string{"National Audit Office -> Transforming Rehabilitation"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rels(x.Extract([]Document{postDoc("a", tt.text)}), tt.typ)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("%s from %q = %q, want %q", tt.typ, tt.text, got, tt.want)
			}
		})
	}
}

func TestRelateEvidence(t *testing.T) {
	text := "Intro line.\n\nTom Varley, chief executive of the Harbour Trust, said the reforms were flawed."
	res := New(nil).Extract([]Document{postDoc("a", text)})
	if len(res.Relations) == 0 {
		t.Fatal("no relations")
	}
	for _, r := range res.Relations {
		for _, e := range r.Evidence {
			if e.Text != text[e.Start:e.End] || e.Doc != "a" || e.Score <= 0 || e.Score > 1 || e.Rule == "" {
				t.Errorf("%s evidence %+v", r.Type, e)
			}
			if !strings.HasPrefix(e.Text, "Tom Varley") {
				t.Errorf("%s evidence %q is not the whole sentence", r.Type, e.Text)
			}
		}
		from, to := labelOf(res, r.From), labelOf(res, r.To)
		if !r.Type.Allows(from, to) {
			t.Errorf("%s %s -> %s breaks the schema", r.Type, from, to)
		}
	}
}

func labelOf(res Result, id EntityID) schema.Label {
	for _, e := range res.Entities {
		if e.ID == id {
			return e.Label
		}
	}
	return ""
}
