package conllu

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// IOBSentence is one sentence of an IOB2 file: forms and their tags
// ("B-PER", "I-ORG", "O").
type IOBSentence struct {
	Forms []string
	Tags  []string
}

// ReadIOB2 reads the Universal NER layout: comment lines, then one word a
// line with its id, form and IOB2 tag in the first three tab-separated
// columns, sentences separated by blank lines.
func ReadIOB2(r io.Reader, name string) ([]IOBSentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	var out []IOBSentence
	var cur IOBSentence
	line := 0
	flush := func() {
		if len(cur.Forms) > 0 {
			out = append(out, cur)
		}
		cur = IOBSentence{}
	}
	for sc.Scan() {
		line++
		l := strings.TrimRight(sc.Text(), "\r")
		switch {
		case l == "":
			flush()
		case strings.HasPrefix(l, "#"):
		default:
			cols := strings.Split(l, "\t")
			if len(cols) < 3 {
				return nil, fmt.Errorf("%s:%d: %d columns, want at least 3: %w", name, line, len(cols), ErrFormat)
			}
			tag := cols[2]
			if tag != "O" && !strings.HasPrefix(tag, "B-") && !strings.HasPrefix(tag, "I-") {
				return nil, fmt.Errorf("%s:%d: tag %q is not IOB2: %w", name, line, tag, ErrFormat)
			}
			cur.Forms = append(cur.Forms, cols[1])
			cur.Tags = append(cur.Tags, tag)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	flush()
	return out, nil
}

// Span is a labelled entity span over words [Start, End).
type Span struct {
	Start, End int
	Label      string
}

// SpansFromIOB2 turns IOB2 tags into spans; an I- tag that does not continue
// a span of its label starts one (the lenient reading of conlleval).
func SpansFromIOB2(tags []string) []Span {
	var out []Span
	open := -1
	label := ""
	closeAt := func(i int) {
		if open >= 0 {
			out = append(out, Span{open, i, label})
		}
		open = -1
	}
	for i, t := range tags {
		switch {
		case strings.HasPrefix(t, "B-"):
			closeAt(i)
			open, label = i, t[2:]
		case strings.HasPrefix(t, "I-"):
			if open < 0 || label != t[2:] {
				closeAt(i)
				open, label = i, t[2:]
			}
		default:
			closeAt(i)
		}
	}
	closeAt(len(tags))
	return out
}
