package ner

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/kgtool/kg/extract/conllu"
)

// ReadUNER reads a Universal NER IOB2 file. Its sentences carry forms
// only; their parts of speech come from the CoNLL-U files of the same
// treebank (conllus), matched by sent_id and checked word by word. A
// sentence found in none of them, or whose words differ, keeps nil UPOS.
func ReadUNER(iob2Path string, conllus ...string) ([]Sentence, error) {
	f, err := os.Open(iob2Path)
	if err != nil {
		return nil, fmt.Errorf("read named entities: %w", err)
	}
	defer f.Close()
	iob, err := conllu.ReadIOB2(f, iob2Path)
	if err != nil {
		return nil, err
	}
	ids, err := sentIDs(iob2Path)
	if err != nil {
		return nil, err
	}
	if len(ids) != len(iob) {
		return nil, fmt.Errorf("%s: %d sentences but %d sent_id blocks: %w", iob2Path, len(iob), len(ids), conllu.ErrFormat)
	}
	upos := map[string]*conllu.Sentence{}
	for _, path := range conllus {
		ss, err := readConllu(path)
		if err != nil {
			return nil, err
		}
		for _, s := range ss {
			if id := s.Comment("sent_id"); id != "" {
				upos[id] = s
			}
		}
	}
	out := make([]Sentence, 0, len(iob))
	for k, s := range iob {
		sent := Sentence{Words: s.Forms, Spans: conllu.SpansFromIOB2(s.Tags)}
		if c := upos[ids[k]]; c != nil && len(c.Tokens) == len(s.Forms) {
			tags := make([]string, len(c.Tokens))
			same := true
			for i, t := range c.Tokens {
				tags[i] = t.UPOS
				same = same && t.Form == s.Forms[i]
			}
			if same {
				sent.UPOS = tags
			}
		}
		out = append(out, sent)
	}
	return out, nil
}

// sentIDs returns the sent_id of each sentence block of an IOB2 file, ""
// for a block without one. conllu.ReadIOB2 drops comments, so this reads
// the file a second time; it counts blocks the way ReadIOB2 does (a block
// with at least one word line).
func sentIDs(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read named entities: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	var ids []string
	id, words := "", 0
	flush := func() {
		if words > 0 {
			ids = append(ids, id)
		}
		id, words = "", 0
	}
	for sc.Scan() {
		l := strings.TrimRight(sc.Text(), "\r")
		switch {
		case l == "":
			flush()
		case strings.HasPrefix(l, "#"):
			k, v, ok := strings.Cut(strings.TrimSpace(l[1:]), "=")
			if ok && strings.TrimSpace(k) == "sent_id" {
				id = strings.TrimSpace(v)
			}
		default:
			words++
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	flush()
	return slices.Clip(ids), nil
}
