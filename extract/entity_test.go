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
		{"surname and honorific", []string{"Tom Varley, chief executive of the Harbour Trust, spoke. Later Mr Varley said more. Varley left."},
			schema.Person, []string{"Tom Varley=Mr Varley,Varley"}},
		{"short and full given names across documents", []string{"Chris Hallam spoke.", "Christopher Stephen Hallam is an MP. Hallam agreed."},
			schema.Person, []string{"Christopher Stephen Hallam=Chris Hallam,Hallam"}},
		{"first-name honorific", []string{"Harriet Coleby, chief inspector of probation, spoke. Dame Harriet left."},
			schema.Person, []string{"Harriet Coleby=Dame Harriet,Harriet"}},
		{"bare surname with no full name is dropped", []string{"Then Pellow spoke about it."},
			schema.Person, nil},
		{"acronym both ways", []string{"The Research and Policy Unit (RPU) met. RPU agreed."},
			schema.Organisation, []string{"Research and Policy Unit=RPU"}},
		{"acronym by initials", []string{"Staff of the Prison Officers Guild spoke. The POG said no."},
			schema.Organisation, []string{"Prison Officers Guild=POG"}},
		{"vocabulary body, plural and canonical", []string{"The CRCs were sold. Each Community Rehabilitation Company changed hands. The CRC's staff moved."},
			schema.Organisation, []string{"Community Rehabilitation Company=CRC,CRCs"}},
		{"head word stands for the name", []string{"Ruth Ames directs the Centre for Prison and Youth Studies. She came to the Centre in 2009."},
			schema.Organisation, []string{"Centre for Prison and Youth Studies="}},
		{"organisation from context and coordination", []string{"Six organisations — including Corvell, QTRnova and Harwick Links — won."},
			schema.Organisation, []string{"Corvell=", "Harwick Links=", "QTRnova="}},
		{"typo of a body", []string{"Flooding at HMP Castlemere last night.", "Flooding at HMP Castlemore tonight."},
			schema.Organisation, []string{"HMP Castlemere=HMP Castlemore"}},
		{"contracts by value and key", []string{"Firms were awarded contracts worth £2.9bn to run the CRCs. The CRC contracts were extended."},
			schema.Contract, []string{"CRC contracts=contracts worth £2.9bn"}},
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
	v.Separate = append(v.Separate, []string{"Tom Varley", "Mr Varley"})
	docs := []Document{postDoc("a", "Tom Varley spoke. Later Mr Varley said more.")}
	got := entityNames(New(v).Extract(docs), schema.Person)
	want := []string{"Mr Varley=Varley", "Tom Varley="}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("with separate: %q, want %q", got, want)
	}
}

func TestResolveMergesAndIDs(t *testing.T) {
	res := New(nil).Extract([]Document{postDoc("a", "Tom Varley, chief executive of the Harbour Trust, spoke. Mr Varley left.")})
	for _, e := range res.Entities {
		if e.ID != Key(e.Label, e.Name) {
			t.Errorf("entity %q has ID %q, want %q", e.Name, e.ID, Key(e.Label, e.Name))
		}
		if e.Name == "Tom Varley" && (len(e.Merges) != 1 || e.Merges[0].Form != "Mr Varley" || e.Merges[0].Reason == "") {
			t.Errorf("merges of Tom Varley = %+v", e.Merges)
		}
	}
}

// FuzzResolve checks that extraction is deterministic and keeps its
// promises on any input: the same result twice, sorted entities with unique
// IDs, and evidence whose text is the sentence it points at.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{
		"Tom Varley, chief executive of the Harbour Trust, said “it is flawed”. Mr Varley left.",
		"The Ministry of Justice (MoJ) awarded contracts worth £2.4bn. Corvell and Halden were awarded contracts worth £2.4bn.",
		"A report by the National Audit Office criticised PbR. Hallam, the justice secretary, said no.",
	} {
		f.Add(s, "Chris Hallam slammed the MoJ.")
	}
	for _, s := range hostileSeeds(2000) {
		f.Add(s, "Chris Hallam slammed the MoJ.")
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

func TestTypoPair(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Organisation:hmp lewis", "Organisation:hmp lewes", true},
		{"Organisation:hmp lewis", "Organisation:hmp lewis", false},        // no word differs
		{"Organisation:hmp lewis", "Organisation:hmp lewis prison", false}, // not as many words
		{"Organisation:lewis", "Organisation:lewes", false},                // one word only
		{"Organisation:hmp lewi", "Organisation:hmp lewa", false},          // a word under five letters
		{"Organisation:hmp lewis", "Organisation:hmp lxwxs", false},        // two letters apart
		{"Organisation:acme lewis", "Organisation:acne lewes", false},      // two words differ
		{"Organisation:hmp  lewis", "Organisation:hmp\u00a0lewes", true},   // white space as Fields sees it
		{"Person:tom lewis", "person:tom lewes", false},                    // organisations only
		{"Organisation:hmp lewis", "Policy:hmp lewes", false},
	}
	for _, tt := range tests {
		if got := typoPair(tt.a, tt.b); got != tt.want {
			t.Errorf("typoPair(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
