package extract

import (
	"strings"
	"unicode"

	"github.com/kgtool/kg/schema"
)

// Normalize folds a name for comparison as GUIDELINES defines it: case
// folded, punctuation dropped, a leading "the" dropped, white space
// collapsed. Dashes and slashes separate words ("through-the-gate" and
// "through the gate" are one name); other punctuation joins them
// ("Civicnews.org" is "civicnewsorg"). Normalize is idempotent.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading white space
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case unicode.IsSpace(r) || r == '-' || r == '/' || unicode.Is(unicode.Pd, r):
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	out := strings.TrimSuffix(b.String(), " ")
	for strings.HasPrefix(out, "the ") {
		out = out[len("the "):]
	}
	return out
}

// Key returns the stable key of an entity: its label and its normalised
// canonical name, as in "person:chris-grayling".
func Key(label schema.Label, name string) EntityID {
	return EntityID(strings.ToLower(string(label)) + ":" + strings.ReplaceAll(Normalize(name), " ", "-"))
}
