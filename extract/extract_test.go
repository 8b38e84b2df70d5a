package extract_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/kgtool/kg/extract"
)

// updateGolden reports whether -update was given. The flag is defined by
// the reader's tests in this package's test binary; looking it up keeps one
// flag for every golden file of the package.
func updateGolden() bool {
	f := flag.Lookup("update")
	if f == nil {
		return false
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	b, _ := g.Get().(bool)
	return b
}

// goldenView is what the golden file holds: the graph without the
// documents' text, so that a diff shows facts.
type goldenView struct {
	Entities  []goldenEntity   `json:"entities"`
	Relations []goldenRelation `json:"relations"`
}

type goldenEntity struct {
	ID       extract.EntityID `json:"id"`
	Label    string           `json:"label"`
	Name     string           `json:"name"`
	Aliases  []string         `json:"aliases,omitempty"`
	Docs     []extract.DocID  `json:"docs"`
	Mentions int              `json:"mentions"`
	Value    float64          `json:"value,omitempty"`
	Currency string           `json:"currency,omitempty"`
}

type goldenRelation struct {
	Type     string           `json:"type"`
	From     extract.EntityID `json:"from"`
	To       extract.EntityID `json:"to"`
	Role     string           `json:"role,omitempty"`
	Evidence []string         `json:"evidence"`
}

func TestExtractGolden(t *testing.T) {
	dirs := []string{"testdata/generalise"}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			docs, errs := extract.ReadPaths([]string{dir})
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			res := extract.New(nil).Extract(docs)
			var v goldenView
			for _, e := range res.Entities {
				v.Entities = append(v.Entities, goldenEntity{e.ID, string(e.Label), e.Name, e.Aliases, e.Docs, len(e.Mentions), e.Value, e.Currency})
			}
			for _, r := range res.Relations {
				g := goldenRelation{Type: string(r.Type), From: r.From, To: r.To, Role: r.Role}
				for _, e := range r.Evidence {
					g.Evidence = append(g.Evidence, string(e.Doc)+"@"+itoa(e.Start)+":"+itoa(e.End)+" "+e.Rule)
				}
				v.Relations = append(v.Relations, g)
			}
			got, err := json.MarshalIndent(v, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", "extract", filepath.Base(dir)+".json")
			if updateGolden() {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run go test -update): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Extract(%s) differs from %s; run go test ./extract -run TestExtractGolden -update and read the diff", dir, path)
			}
		})
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
