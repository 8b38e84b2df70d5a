package extract

import (
	"testing"

	"github.com/kgtool/kg/schema"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Chris Hallam", "chris hallam"},
		{"  the  Ministry of   Justice ", "ministry of justice"},
		{"The Open University", "open university"},
		{"Politics.co.uk", "politicscouk"},
		{"through-the-gate services", "through the gate services"},
		{"HMP Castlemere’", "hmp castlemere"},
		{"City of Oxford boys’ high school", "city of oxford boys high school"},
		{"@NicolaCarr", "nicolacarr"},
		{"Theresa May", "theresa may"},
		{"the the", "the"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	if got, want := Key(schema.Person, "Dame Harriet  Coleby"), EntityID("person:dame-harriet-coleby"); got != want {
		t.Errorf("Key = %q, want %q", got, want)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"The Rev John Graham", "B&M Bargains", "the  the x", "—", "Ünïcödé – names"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<12 {
			return
		}
		once := Normalize(s)
		if twice := Normalize(once); twice != once {
			t.Errorf("Normalize not idempotent: %q -> %q -> %q", s, once, twice)
		}
	})
}
