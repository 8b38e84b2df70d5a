package token_test

import (
	"fmt"

	"github.com/kgtool/kg/extract/token"
)

func ExampleSplit() {
	text := "Mr. O'Neil didn't sell the £3.7bn e-mail firm. It's gone."
	for _, s := range token.Split(text) {
		for _, t := range s.Tokens {
			fmt.Printf("%d:%d %s\n", t.Start, t.End, t.Form)
		}
		fmt.Println("--")
	}
	// Output:
	// 0:3 Mr.
	// 4:10 O'Neil
	// 11:14 did
	// 14:17 n't
	// 18:22 sell
	// 23:26 the
	// 27:29 £
	// 29:32 3.7
	// 32:34 bn
	// 35:41 e-mail
	// 42:46 firm
	// 46:47 .
	// --
	// 48:50 It
	// 50:52 's
	// 53:57 gone
	// 57:58 .
	// --
}
