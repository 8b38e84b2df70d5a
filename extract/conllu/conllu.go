// Package conllu reads and writes the CoNLL-U format of Universal
// Dependencies treebanks, and the IOB2 files of Universal NER. It is the one
// place that knows the column layout; training, evaluation and `kg parse`
// exchange Sentence values.
package conllu

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ErrFormat is wrapped by every error about a malformed line.
var ErrFormat = errors.New("conllu: malformed input")

// Token is one syntactic word of a sentence (multi-word token ranges and
// empty nodes are kept apart, in Sentence.Ranges and dropped respectively).
type Token struct {
	ID     int // 1-based position in the sentence
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int // 0 is the root
	Deprel string
	Deps   string
	Misc   string
}

// Range is a multi-word token ("don't" = "do" + "n't" in some treebanks):
// words From..To (inclusive) are written Form in the text.
type Range struct {
	From, To int
	Form     string
	Misc     string
}

// Sentence is one sentence block: its comment lines, its words and its
// multi-word tokens.
type Sentence struct {
	Comments []string // without the leading "# "
	Tokens   []Token
	Ranges   []Range
	Line     int // line of the first line of the block, for error messages
}

// Comment returns the value of a "# key = value" comment, or "".
func (s *Sentence) Comment(key string) string {
	for _, c := range s.Comments {
		k, v, ok := strings.Cut(c, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// HasComment reports whether a comment starts with key (such as "newdoc" or
// "newpar", which may or may not carry "= value").
func (s *Sentence) HasComment(key string) bool {
	for _, c := range s.Comments {
		k, _, _ := strings.Cut(c, "=")
		k = strings.TrimSpace(k)
		if k == key {
			return true
		}
	}
	return false
}

// MiscValue returns the value of key in a MISC column ("SpaceAfter=No|...").
func MiscValue(misc, key string) (string, bool) {
	if misc == "_" || misc == "" {
		return "", false
	}
	for _, kv := range strings.Split(misc, "|") {
		k, v, ok := strings.Cut(kv, "=")
		if ok && k == key {
			return v, true
		}
	}
	return "", false
}

// Reader reads sentences one at a time.
type Reader struct {
	sc   *bufio.Scanner
	line int
	name string
}

// NewReader reads CoNLL-U from r; name is used in error messages.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	return &Reader{sc: sc, name: name}
}

// Next returns the next sentence, or io.EOF after the last.
func (r *Reader) Next() (*Sentence, error) {
	var s *Sentence
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		if line == "" {
			if s != nil {
				return s, nil
			}
			continue
		}
		if s == nil {
			s = &Sentence{Line: r.line}
		}
		if strings.HasPrefix(line, "#") {
			s.Comments = append(s.Comments, strings.TrimSpace(strings.TrimPrefix(line, "#")))
			continue
		}
		if err := r.word(s, line); err != nil {
			return nil, err
		}
	}
	if err := r.sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", r.name, err)
	}
	if s != nil {
		return s, nil
	}
	return nil, io.EOF
}

func (r *Reader) word(s *Sentence, line string) error {
	cols := strings.Split(line, "\t")
	if len(cols) != 10 {
		return fmt.Errorf("%s:%d: %d columns, want 10: %w", r.name, r.line, len(cols), ErrFormat)
	}
	id := cols[0]
	if strings.Contains(id, ".") {
		return nil // an empty node of the enhanced graph
	}
	if a, b, ok := strings.Cut(id, "-"); ok {
		from, err1 := strconv.Atoi(a)
		to, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || to < from {
			return fmt.Errorf("%s:%d: bad range %q: %w", r.name, r.line, id, ErrFormat)
		}
		s.Ranges = append(s.Ranges, Range{From: from, To: to, Form: cols[1], Misc: cols[9]})
		return nil
	}
	n, err := strconv.Atoi(id)
	if err != nil || n != len(s.Tokens)+1 {
		return fmt.Errorf("%s:%d: word id %q out of sequence: %w", r.name, r.line, id, ErrFormat)
	}
	head := -1
	if cols[6] != "_" {
		head, err = strconv.Atoi(cols[6])
		if err != nil || head < 0 {
			return fmt.Errorf("%s:%d: bad head %q: %w", r.name, r.line, cols[6], ErrFormat)
		}
	}
	s.Tokens = append(s.Tokens, Token{
		ID: n, Form: cols[1], Lemma: cols[2], UPOS: cols[3], XPOS: cols[4], Feats: cols[5],
		Head: head, Deprel: cols[7], Deps: cols[8], Misc: cols[9],
	})
	return nil
}

// ReadAll reads every sentence of r. Heads are checked to point inside their
// sentence.
func ReadAll(r io.Reader, name string) ([]*Sentence, error) {
	rd := NewReader(r, name)
	var out []*Sentence
	for {
		s, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		for _, t := range s.Tokens {
			if t.Head > len(s.Tokens) {
				return nil, fmt.Errorf("%s:%d: word %d has head %d beyond the sentence: %w", name, s.Line, t.ID, t.Head, ErrFormat)
			}
		}
		out = append(out, s)
	}
}

// Write writes s in CoNLL-U, a blank line after it.
func Write(w io.Writer, s *Sentence) error {
	bw := bufio.NewWriter(w)
	for _, c := range s.Comments {
		bw.WriteString("# ")
		bw.WriteString(c)
		bw.WriteByte('\n')
	}
	ri := 0
	for _, t := range s.Tokens {
		for ri < len(s.Ranges) && s.Ranges[ri].From == t.ID {
			r := s.Ranges[ri]
			fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", r.From, r.To, r.Form, dash(r.Misc))
			ri++
		}
		head := "_"
		if t.Head >= 0 {
			head = strconv.Itoa(t.Head)
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, dash(t.Form), dash(t.Lemma),
			dash(t.UPOS), dash(t.XPOS), dash(t.Feats), head, dash(t.Deprel), dash(t.Deps), dash(t.Misc))
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
