package browser_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kgtool/kg/extract"
	"github.com/kgtool/kg/graph"
	"github.com/kgtool/kg/graph/graphtest"
	"github.com/kgtool/kg/schema"
	"github.com/kgtool/kg/schema/browser"
)

// artifacts is where the screenshots go: the repository's ignored .kg/.
const artifacts = "../../.kg/artifacts"

// graphQuery returns paths, so that Browser draws a graph (the saved
// queries return tables).
const graphQuery = "MATCH p=(:Person)-[:AFFILIATED_WITH]->(:Organisation) RETURN p LIMIT 25"

// TestBrowserIntegration opens the test server's Neo4j Browser in a
// headless Chromium, applies the style with StyleCommand, runs a query that
// draws a graph and the saved query "criticised", checks what is drawn and
// saves a screenshot of each for a human to look at.
func TestBrowserIntegration(t *testing.T) {
	opts := graphtest.Options(t)
	page := need(t, os.Getenv("KG_TEST_NEO4J_BROWSER"), "KG_TEST_NEO4J_BROWSER is not set; `make test` sets it to the test server's Browser")
	chromium, err := exec.LookPath("chromium")
	need(t, chromium, fmt.Sprintf("Chromium is needed (apt-get install chromium): %v", err))
	criticised := savedQuery(t, "criticised")
	w := importSample(t)

	// What the sample graph says, to look for in the page.
	ctx := context.Background()
	affiliations, err := w.Read(ctx, `MATCH (p:Person)-[r:AFFILIATED_WITH]->(o:Organisation)
		RETURN collect(DISTINCT p.name) AS people, collect(DISTINCT o.name) AS organisations, collect(DISTINCT r.role) AS roles`, nil)
	if err != nil {
		t.Fatal(err)
	}
	people := strs(affiliations[0]["people"])
	organisations := strs(affiliations[0]["organisations"])
	roles := strs(affiliations[0]["roles"])
	critics, err := w.Read(ctx, criticised, nil)
	if err != nil || len(people) == 0 || len(critics) == 0 {
		t.Fatalf("the sample graph has no affiliations or no criticism (%d, %d): %v", len(people), len(critics), err)
	}

	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// Only the test server: every other name fails to resolve,
		// localhost included (other servers listen there).
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	)
	defer cancelAlloc()
	tab, cancelTab := chromedp.NewContext(actx)
	defer cancelTab()
	// Browser lays itself out in the viewport and scrolls inside it, so a
	// screenshot of the viewport is one of the whole page.
	if err := chromedp.Do(tab, chromedp.EmulateViewport(1600, 1000)); err != nil {
		t.Fatalf("start %s: %v", chromium, err)
	}

	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(tab, steps...); err != nil {
			shot(t, tab, "browser-failed.png")
			t.Fatalf("%s: %v", what, err)
		}
	}

	// ?dbms= fills in the connect form. The connection is direct (bolt://):
	// a routed one would go where the server advertises itself.
	u, err := url.Parse(page)
	if err != nil {
		t.Fatalf("KG_TEST_NEO4J_BROWSER: %v", err)
	}
	bolt, err := url.Parse(opts.URI)
	if err != nil {
		t.Fatalf("KG_TEST_NEO4J_URI: %v", err)
	}
	u.RawQuery = url.Values{"dbms": {"bolt://" + opts.User + "@" + bolt.Host}}.Encode()
	do("open "+u.String(),
		chromedp.Navigate(u.String()),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="password"]`)),
	)
	do("connect",
		chromedp.SendKeys(chromedp.CSS(`[data-testid="password"]`), opts.Password),
		// Enter submits the form wherever the button has moved to.
		chromedp.SendKeys(chromedp.CSS(`[data-testid="password"]`), kb.Enter),
		wait(`document.body.innerText.includes("You are connected as user")`),
	)

	// :style shows the stylesheet it applied in a frame.
	do("apply the style", run(browser.StyleCommand()),
		wait(frame(":style")+`?.innerText.includes("node.Sentence")`))

	do("draw a graph", run(graphQuery),
		wait(frame(graphQuery)+`?.querySelectorAll("svg g.node").length >= `+fmt.Sprint(len(people)+len(organisations))))
	drawn, err := chromedp.Run(tab, chromedp.Evaluate[[]byte](`(() => {
		const f = `+frame(graphQuery)+`;
		const items = sel => [...f.querySelectorAll(sel)].map(g => ({
			fill: g.querySelector(".b-outline").getAttribute("fill"),
			caption: g.textContent.replace(/\s+/g, " ").trim(),
		}));
		return {nodes: items("svg g.node"), rels: items("svg g.relationship")};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Nodes, Rels []struct{ Fill, Caption string }
	}
	if err := json.Unmarshal(drawn, &got); err != nil {
		t.Fatal(err)
	}
	want := func(kind, selector string, names []string, items []struct{ Fill, Caption string }) {
		t.Helper()
		fill := colour(t, selector)
		var captions []string
		for _, it := range items {
			if strings.EqualFold(it.Fill, fill) {
				captions = append(captions, it.Caption)
			}
		}
		for _, n := range names {
			// Browser cuts a caption that does not fit its circle
			// ("Probation Tr…"): then the first word must match.
			if !slices.ContainsFunc(captions, func(c string) bool {
				cut, ok := strings.CutSuffix(c, "…")
				return c == n || ok && strings.Fields(cut)[0] == strings.Fields(n)[0]
			}) {
				t.Errorf("no %s %q drawn in %s (%s); %s drawn: %q", kind, n, fill, selector, fill, captions)
			}
		}
		slices.Sort(captions)
		if captions = slices.Compact(captions); len(captions) != len(names) {
			t.Errorf("%d distinct %ss drawn in %s (%s), want %d", len(captions), kind, fill, selector, len(names))
		}
	}
	want("person", "node.Person", people, got.Nodes)
	want("organisation", "node.Organisation", organisations, got.Nodes)
	want("role", "relationship.AFFILIATED_WITH", roles, got.Rels)
	maximise(t, tab, graphQuery)
	scale := `Number(/scale\(([0-9.]+)/.exec(` + frame(graphQuery) + `.querySelector("svg.neod3viz > g > g").getAttribute("transform"))[1])`
	before, err := chromedp.Run(tab, chromedp.Evaluate[float64](scale))
	if err != nil {
		t.Fatal(err)
	}
	do("zoom to fit", chromedp.Evaluate[chromedp.Void](frame(graphQuery)+`.querySelector('button[aria-label="zoom-to-fit"]').click()`),
		settled(scale, before))
	shot(t, tab, "browser-graph.png")
	do("leave full screen", chromedp.Evaluate[chromedp.Void](frame(graphQuery)+`.querySelector('button[title="Close fullscreen"]').click()`))

	critic, target := critics[0]["critic"].(string), critics[0]["target"].(string)
	do("run the saved query criticised", run(criticised),
		wait(frame("CRITICISED")+`?.innerText.includes(`+js(critic)+`) && `+frame("CRITICISED")+`.innerText.includes(`+js(target)+`)`))
	maximise(t, tab, "CRITICISED")
	shot(t, tab, "browser-criticised.png")

	// The README's other way: style.grass dropped onto the window.
	do("reset the style", chromedp.Evaluate[chromedp.Void](frame("CRITICISED")+`.querySelector('button[title="Close fullscreen"]').click()`),
		run(":style reset"), wait(frame(":style reset")+` !== undefined`))
	do("drop style.grass onto the window", drop("style.grass", browser.Style()),
		wait(`[...document.querySelectorAll('[data-testid="frame"]')].some(f => f.querySelector('[data-testid="frameCommand"]')?.textContent.trim() === ":style" && f.innerText.includes("node.Sentence"))`))
}

// drop drops a file onto Browser's window, as a user's drag does.
func drop(name, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`(() => {
		const files = new DataTransfer();
		files.items.add(new File([` + js(text) + `], ` + js(name) + `, {type: "text/plain"}));
		const target = document.querySelector(".filedrop");
		for (const type of ["dragenter", "dragover", "drop"])
			target.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: files}));
	})()`)
}

// settled waits until the JavaScript number expr has moved away from
// before and then stays the same for a polling interval (an animation has
// ended).
func settled(expr string, before float64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
			const v = `+expr+`, moved = v !== `+fmt.Sprint(before)+` && v === window.kgLast;
			window.kgLast = v;
			return moved;
		})()`, chromedp.WithPollingInterval(200*time.Millisecond)))
		return err
	})
}

// need returns v, or skips the test when it is empty (fails under CI=true).
func need(t *testing.T, v, why string) string {
	t.Helper()
	if v != "" {
		return v
	}
	if os.Getenv("CI") == "true" {
		t.Fatal(why)
	}
	t.Skip(why)
	return ""
}

func savedQuery(t *testing.T, name string) string {
	t.Helper()
	qs, err := schema.Queries()
	if err != nil {
		t.Fatalf("schema.Queries: %v", err)
	}
	for _, q := range qs {
		if q.Name == name {
			return q.Cypher
		}
	}
	t.Fatalf("no saved query %q in schema/queries.cypher", name)
	return ""
}

// importSample wipes the test server and imports cmd/kg/testdata/sample,
// as `kg import` does.
func importSample(t *testing.T) *graph.Writer {
	t.Helper()
	w := graphtest.Open(t)
	docs, errs := extract.ReadPaths([]string{"../../cmd/kg/testdata/sample"})
	for _, err := range errs {
		t.Errorf("read the sample corpus: %v", err)
	}
	if len(docs) == 0 {
		t.Fatal("the sample corpus has no documents")
	}
	v, err := schema.LoadVocabulary()
	if err != nil {
		t.Fatalf("LoadVocabulary: %v", err)
	}
	for _, b := range graph.Batches(extract.New(v).Extract(docs), 20) {
		if _, err := w.Write(context.Background(), b); err != nil {
			t.Fatalf("Write(%v): %v", b.Docs, err)
		}
	}
	return w
}

// colour is the fill the stylesheet gives a selector.
func colour(t *testing.T, selector string) string {
	t.Helper()
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(selector) + ` \{[^}]*\scolor: (#[0-9A-Fa-f]{6});`)
	m := re.FindStringSubmatch(browser.Style())
	if m == nil {
		t.Fatalf("style.grass gives %s no colour", selector)
	}
	return m[1]
}

// run puts text into Browser's editor as a paste does (one insertion, so
// the editor does not auto-close brackets and quotes) and runs it.
func run(text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Click(chromedp.CSS(`[data-testid="activeEditor"]`)),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: text})
			return err
		}),
		chromedp.Click(chromedp.CSS(`[data-testid="editor-Run"]`)),
	)
}

// frame is a JavaScript expression for the newest result frame whose
// command contains text, or undefined.
func frame(text string) string {
	return `[...document.querySelectorAll('[data-testid="frame"]')].find(f => f.querySelector('[data-testid="frameCommand"]')?.textContent.includes(` + js(text) + `))`
}

// wait waits until the JavaScript condition holds, within the test's time.
func wait(cond string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](cond))
		return err
	})
}

// maximise shows the frame of a command full screen.
func maximise(t *testing.T, tab context.Context, command string) {
	t.Helper()
	err := chromedp.Do(tab,
		chromedp.Evaluate[chromedp.Void](frame(command)+`.querySelector('button[title="Fullscreen"]').click()`),
		// The frame covers the window once it has been laid out again.
		wait(`(() => { const r = `+frame(command)+`.getBoundingClientRect(); return r.top <= 1 && r.height >= innerHeight - 1; })()`))
	if err != nil {
		t.Fatalf("full screen: %v", err)
	}
}

// shot saves a screenshot of the page under artifacts. It captures the
// viewport, which holds the whole page (FullScreenshot, which captures
// beyond it, draws a frame left full screen over the others).
func shot(t *testing.T, tab context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(artifacts, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	t.Logf("screenshot: %s", path)
}

// js quotes s as a JavaScript string.
func js(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
