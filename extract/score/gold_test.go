package score

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kgtool/kg/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// checkGolden compares got with the file at path, or rewrites the file under
// -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test -update to see why):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func loadGold(t testing.TB, path string) *Gold {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := LoadGold(f)
	if err != nil {
		t.Fatalf("LoadGold(%s): %v", path, err)
	}
	return g
}

func TestLoadGold(t *testing.T) {
	g := loadGold(t, "testdata/basic.gold.json")
	if got, want := len(g.Documents), 2; got != want {
		t.Errorf("documents = %d, want %d", got, want)
	}
	if got := g.Documents[1].Date; got != "" {
		t.Errorf("null date = %q, want empty", got)
	}
	if got, want := len(g.Entities), 10; got != want {
		t.Fatalf("entities = %d, want %d", got, want)
	}
	if got, want := len(g.Relations), 8; got != want {
		t.Errorf("relations = %d, want %d", got, want)
	}
	var crc *GoldEntity
	for i := range g.Entities {
		if g.Entities[i].ID == "crc-contracts" {
			crc = &g.Entities[i]
		}
	}
	if crc == nil {
		t.Fatal("no crc-contracts entity")
	}
	if crc.Label != schema.Contract || crc.Value != "£3.7bn" {
		t.Errorf("crc-contracts = %s %q, want Contract £3.7bn", crc.Label, crc.Value)
	}
	if got := string(crc.Extra["note"]); got != `"21 areas"` {
		t.Errorf("crc-contracts extra note = %s, want \"21 areas\"", got)
	}
	if len(crc.Extra) != 1 {
		t.Errorf("crc-contracts extra = %v, want only note", crc.Extra)
	}
	if got, want := crc.Line, 23; got != want {
		t.Errorf("crc-contracts line = %d, want %d", got, want)
	}
	if got, want := g.Relations[0].Line, 30; got != want {
		t.Errorf("relations[0] line = %d, want %d", got, want)
	}
}

func TestLoadGoldErrors(t *testing.T) {
	tests := []struct {
		file string
		want error
	}{
		{"ambiguous.json", ErrAmbiguousName},
		{"duplicate-id.json", ErrDuplicateID},
		{"duplicate-relation.json", ErrDuplicateRelation},
		{"missing-name.json", ErrMissingField},
		{"signature.json", ErrSignature},
		{"syntax.json", ErrSyntax},
		{"trailing.json", ErrSyntax},
		{"unknown-doc.json", ErrUnknownDoc},
		{"unknown-entity.json", ErrUnknownEntity},
		{"unknown-key.json", ErrSyntax},
		{"unknown-label.json", schema.ErrUnknownLabel},
		{"unknown-type.json", schema.ErrUnknownRelType},
	}
	files, err := filepath.Glob("testdata/bad/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(tests) {
		t.Errorf("testdata/bad has %d files, the table %d", len(files), len(tests))
	}
	var msgs strings.Builder
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join("testdata/bad", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		g, err := LoadGold(bytes.NewReader(data))
		if !errors.Is(err, tt.want) {
			t.Errorf("LoadGold(%s) = %v, want %v", tt.file, err, tt.want)
		}
		if g != nil {
			t.Errorf("LoadGold(%s) returned a gold with its error", tt.file)
		}
		if err != nil {
			msgs.WriteString(tt.file + ": " + err.Error() + "\n")
		}
	}
	checkGolden(t, "testdata/bad.golden", []byte(msgs.String()))
}

func FuzzLoadGold(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	bad, _ := filepath.Glob("testdata/bad/*.json")
	for _, p := range append(files, bad...) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			t.Skip("input too large")
		}
		g, err := LoadGold(bytes.NewReader(data))
		if err != nil {
			if g != nil {
				t.Fatal("LoadGold returned a gold with its error")
			}
			return
		}
		required := 0
		for _, e := range g.Entities {
			if !e.Optional {
				required++
			}
		}
		// Nothing found: every required entity is a miss.
		r := Evaluate(g, result(nil, nil))
		if r.Entities.TP != 0 || r.Entities.FP != 0 || r.Entities.FN != required {
			t.Fatalf("empty result: entities %+v, want 0 0 %d", r.Entities, required)
		}
		// Everything found: a perfect score.
		r = Evaluate(g, perfect(g))
		if r.EntityF1() != 1 || r.RelationF1() != 1 {
			t.Fatalf("perfect result: entities %+v, relations %+v, want F1 1", r.Entities, r.Relations)
		}
	})
}
