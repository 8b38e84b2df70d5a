// Package score measures an extraction against a hand-made gold file written
// to the annotation guidelines (GUIDELINES.md): precision, recall and F1 for
// entities per label and for relations per type, with the misses and false
// positives listed so that a drop in score can be traced to the items behind
// it.
//
// Matching follows the guidelines exactly. A system entity matches a gold
// entity when the labels are equal and the normalised system name
// (extract.Normalize) equals the normalised canonical name or one of the
// aliases. A relation matches when its type is equal and both of its ends
// match the gold ends, in that direction; it counts once per corpus however
// many sentences support it. Gold items marked optional are neither required
// nor penalised.
package score
