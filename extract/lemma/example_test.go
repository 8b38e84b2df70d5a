package lemma_test

import (
	"fmt"
	"strings"

	"github.com/kgtool/kg/extract/conllu"
	"github.com/kgtool/kg/extract/lemma"
)

func ExampleModel_Lemma() {
	const treebank = `1	Dogs	dog	NOUN	NNS	_	2	nsubj	_	_
2	were	be	AUX	VBD	_	0	root	_	_
3	cats	cat	NOUN	NNS	_	2	obj	_	_

`
	ss, err := conllu.ReadAll(strings.NewReader(treebank), "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	m := lemma.Train(ss)
	fmt.Println(m.Lemma("Were", "AUX", "VBD"))   // a word seen in training
	fmt.Println(m.Lemma("birds", "NOUN", "NNS")) // an unseen word: the NNS rule
	fmt.Println(m.Lemma("Oslo", "PROPN", "NNP")) // a proper noun keeps its case
	// Output:
	// be
	// bird
	// Oslo
}
