// Package token cuts text into sentences and tokens in the conventions of
// Universal Dependencies English (EWT): clitics such as "n't" and "'s" are
// tokens of their own, punctuation is split off, hyphens are split except
// after prefixes ("e-mail", "non-profit") and inside phone numbers, money
// such as "$25bn" is "$" "25" "bn", and abbreviations such as "Mr." and
// initials keep their full stop. Every token carries half-open byte offsets
// into the text and its Form is always text[Start:End], so a contraction is
// split by offsets ("don't" is "do" + "n't") and nothing downstream has to
// find a string again.
//
// The splitter reads the text once, left to right, with a bounded look-ahead:
// its time is linear in the length of the text.
package token
