package main

import (
	"fmt"
	"net/url"

	"github.com/spf13/cobra"

	"github.com/kgtool/kg/schema/browser"
)

func (a *app) browserCmd() *cobra.Command {
	var styleOnly bool
	cmd := &cobra.Command{
		Use:   "browser",
		Short: "How to open Neo4j Browser on the graph, with kg's style and saved queries",
		Long: `Browser prints the Neo4j Browser address for the configured server and the two
one-step ways to make the graph readable there: the :style command that applies
kg's stylesheet (paste it into the Browser's editor and run it), and the saved
queries file to drop onto the Browser window. --style prints only the :style
line, for piping to the clipboard.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if styleOnly {
				fmt.Fprintln(a.stdout, browser.StyleCommand())
				return nil
			}
			host := "localhost"
			if u, err := url.Parse(a.cfg.Neo4j.URI); err == nil && u.Hostname() != "" {
				host = u.Hostname()
			}
			fmt.Fprintf(a.stdout, `Neo4j Browser: http://%s:7474/browser/  (connect to %s as %s)
(Aura and remote servers: open their own Browser or https://browser.neo4j.io)

1. Style: paste this line into the Browser's editor and run it
   (or drag schema/browser/style.grass onto the Browser window):

%s

2. Saved queries: drag schema/queries.cypher onto the Browser window and click
   "Save to favorites"; or run them from here: kg query NAME (kg query lists them).
`, host, a.cfg.Neo4j.URI, a.cfg.Neo4j.User, browser.StyleCommand())
			return nil
		},
	}
	cmd.Flags().BoolVar(&styleOnly, "style", false, "print only the :style command")
	return cmd
}
