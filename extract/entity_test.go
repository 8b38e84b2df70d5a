package extract

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/kgtool/kg/schema"
)

func entityNames(res Result, l schema.Label) []string {
	var out []string
	for _, e := range res.Entities {
		if e.Label == l {
			out = append(out, e.Name+"="+strings.Join(e.Aliases, ","))
		}
	}
	sort.Strings(out)
	return out
}

func TestResolve(t *testing.T) {
	x := New(nil)
	tests := []struct {
		name  string
		docs  []string
		label schema.Label
		want  []string // "Name=alias,alias"
	}{
		{"surname and honorific", []string{"Mike Trace, chief executive of the Forward Trust, spoke. Later Mr Trace said more. Trace left."},
			schema.Person, []string{"Mike Trace=Mr Trace,Trace"}},
		{"short and full given names across documents", []string{"Chris Grayling spoke.", "Christopher Stephen Grayling is an MP. Grayling agreed."},
			schema.Person, []string{"Christopher Stephen Grayling=Chris Grayling,Grayling"}},
		{"first-name honorific", []string{"Glenys Stacey, chief inspector of probation, spoke. Dame Glenys left."},
			schema.Person, []string{"Glenys Stacey=Dame Glenys,Glenys"}},
		{"bare surname with no full name is dropped", []string{"Then Spurr spoke about it."},
			schema.Person, nil},
		{"acronym both ways", []string{"The Policy Evaluation and Research Unit (PERU) met. PERU agreed."},
			schema.Organisation, []string{"Policy Evaluation and Research Unit=PERU"}},
		{"acronym by initials", []string{"Staff of the Prison Officers Guild spoke. The POG said no."},
			schema.Organisation, []string{"Prison Officers Guild=POG"}},
		{"vocabulary body, plural and canonical", []string{"The CRCs failed. Each Community Rehabilitation Company was sold. The CRC's staff left."},
			schema.Organisation, []string{"Community Rehabilitation Company=CRC,CRCs"}},
		{"head word stands for the name", []string{"Richard Garside directs the Centre for Crime and Justice Studies. He came to the Centre in 2003."},
			schema.Organisation, []string{"Centre for Crime and Justice Studies="}},
		{"organisation from context and coordination", []string{"Eight organisations — including Sodexo, MTCnovo and Working Links — won."},
			schema.Organisation, []string{"MTCnovo=", "Sodexo=", "Working Links="}},
		{"typo of a body", []string{"Rioting at HMP Lewes last night.", "Rioting at HMP Lewis tonight."},
			schema.Organisation, []string{"HMP Lewes=HMP Lewis"}},
		{"contracts by value and key", []string{"Firms were awarded contracts worth £3.7bn to run the CRCs. The CRC contracts failed."},
			schema.Contract, []string{"CRC contracts=contracts worth £3.7bn"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var docs []Document
			for i, text := range tt.docs {
				docs = append(docs, postDoc(string(rune('a'+i)), text))
			}
			got := entityNames(x.Extract(docs), tt.label)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("%s = %q, want %q", tt.label, got, tt.want)
			}
		})
	}
}

func TestResolveSeparate(t *testing.T) {
	v, err := schema.LoadVocabulary()
	if err != nil {
		t.Fatal(err)
	}
	v.Separate = append(v.Separate, []string{"Mike Trace", "Mr Trace"})
	docs := []Document{postDoc("a", "Mike Trace spoke. Later Mr Trace said more.")}
	got := entityNames(New(v).Extract(docs), schema.Person)
	want := []string{"Mike Trace=", "Mr Trace=Trace"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("with separate: %q, want %q", got, want)
	}
}

func TestResolveMergesAndIDs(t *testing.T) {
	res := New(nil).Extract([]Document{postDoc("a", "Mike Trace, chief executive of the Forward Trust, spoke. Mr Trace left.")})
	for _, e := range res.Entities {
		if e.ID != Key(e.Label, e.Name) {
			t.Errorf("entity %q has ID %q, want %q", e.Name, e.ID, Key(e.Label, e.Name))
		}
		if e.Name == "Mike Trace" && (len(e.Merges) != 1 || e.Merges[0].Form != "Mr Trace" || e.Merges[0].Reason == "") {
			t.Errorf("merges of Mike Trace = %+v", e.Merges)
		}
	}
}

// FuzzResolve checks that extraction is deterministic and keeps its
// promises on any input: the same result twice, sorted entities with unique
// IDs, and evidence whose text is the sentence it points at.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{
		"Mike Trace, chief executive of the Forward Trust, said “it is flawed”. Mr Trace left.",
		"The Ministry of Justice (MoJ) awarded contracts worth £3.7bn. Sodexo and Interserve were awarded contracts worth £3.7bn.",
		"A report by the National Audit Office criticised TR. Grayling, the justice secretary, said no.",
	} {
		f.Add(s, "Chris Grayling slammed the MoJ.")
	}
	x := New(nil)
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a)+len(b) > 4096 {
			return
		}
		docs := []Document{postDoc("b", b), postDoc("a", a)}
		r1 := x.Extract(docs)
		r2 := x.Extract([]Document{postDoc("a", a), postDoc("b", b)})
		if !reflect.DeepEqual(r1, r2) {
			t.Fatalf("Extract is not deterministic")
		}
		ids := map[EntityID]bool{}
		for i, e := range r1.Entities {
			if ids[e.ID] {
				t.Fatalf("duplicate entity ID %q", e.ID)
			}
			ids[e.ID] = true
			if i > 0 {
				p := r1.Entities[i-1]
				if schema.LabelOrder(p.Label) > schema.LabelOrder(e.Label) || p.Label == e.Label && p.ID >= e.ID {
					t.Fatalf("entities out of order: %q before %q", p.ID, e.ID)
				}
			}
		}
		texts := map[DocID]string{"a": a, "b": b}
		for _, r := range r1.Relations {
			if !ids[r.From] || !ids[r.To] || len(r.Evidence) == 0 {
				t.Fatalf("relation %s %s -> %s has a missing end or no evidence", r.Type, r.From, r.To)
			}
			for _, e := range r.Evidence {
				if e.Text != texts[e.Doc][e.Start:e.End] || e.Score <= 0 || e.Score > 1 || e.Rule == "" {
					t.Fatalf("bad evidence %+v", e)
				}
			}
		}
	})
}
