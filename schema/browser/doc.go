// Package browser holds what makes Neo4j Browser show kg's graph well: a
// GraSS stylesheet (style.grass) that gives each label of the model its own
// colour, size and caption and each relationship type its caption, and the
// `:style` command that applies it from Browser's editor.
//
// See README.md in this folder for loading the style and the saved queries
// by hand.
package browser
