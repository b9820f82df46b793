import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { partitionAccepted, staleFaultDiagnostic, type Diagnostic } from "../../src/shared/diagnostics.ts";
import { findTextFaults, repairMojibake } from "../../src/checks/sourceText.ts";
import { sanitiseBlock, sanitiseInline } from "../../src/shared/sanitise.ts";
import { sanitiseMarkup } from "../../src/shared/markupPolicy.ts";
import { collectRedirects, redirectPage, redirectsFile } from "../../src/theme/redirects.ts";
import { frontMatterProblem, lineOfText } from "../../src/source/sourceFile.ts";

describe("source text faults", () => {
  it("finds text saved through the wrong encoding and says what it should be", () => {
    const faults = findTextFaults("intro\nCommunication \u00e2\u20ac\u201c ongoing, caf\u00c3\u00a9\n", () => true);
    assert.deepEqual(
      faults.map((f) => [f.code, f.line, f.hint]),
      [
        ["mojibake", 2, 'replace "\u00e2\u20ac\u201c" with "\u2013"'],
        ["mojibake", 2, 'replace "\u00c3\u00a9" with "\u00e9"'],
      ],
    );
  });

  it("leaves correct non-ASCII text alone", () => {
    assert.deepEqual(findTextFaults("Übersicht – naïve café £5 SÃO “quoted”", () => true), []);
    assert.equal(repairMojibake("\u00c3("), undefined, "not a UTF-8 sequence");
  });

  it("stops a binary file at its first NUL byte, and reports empty files and bad bytes", () => {
    assert.deepEqual(findTextFaults("\u0089PNG\r\n\u001a\n\u0000\u0000", () => false).map((f) => [f.severity, f.code, f.line]), [["error", "binary-file", 3]]);
    assert.deepEqual(findTextFaults("  \n", () => false).map((f) => f.code), ["empty-page"]);
    assert.deepEqual(findTextFaults("", () => true), [], "front matter only is a page");
    assert.deepEqual(findTextFaults("a\nb \ufffd", () => true).map((f) => [f.code, f.line]), [["encoding", 2]]);
  });
});

describe("front matter problems", () => {
  it("point at the line of the file where the unclosed quote opens", () => {
    const problem = frontMatterProblem("pages/a.md", '---\ntitle: A\nsummary: "never closed\nsidebar: x\n---\n\nBody\n');
    assert.equal(problem?.line, 3);
    assert.equal(problem?.code, "front-matter");
    assert.match(problem?.message ?? "", /malformed front matter: Missing closing "quote/);
  });

  it("are undefined for valid front matter", () => {
    assert.equal(frontMatterProblem("a.md", "---\ntitle: A\n---\nBody"), undefined);
  });

  it("lines of text are counted after the front matter", () => {
    assert.equal(lineOfText("---\ntitle: <script>\n---\n\n<script>x</script>\n", "<script"), 5);
  });
});

describe("removing script from authors' HTML", () => {
  it("removes script elements, handlers and script URLs and says what it removed", () => {
    const { html, removed } = sanitiseMarkup(`<p>Hi <script>alert(1)</script><img src="a.png" onerror="x()"> <a href=" javascript:x()">l</a> <a href="https://e.org">ok</a></p>`, "fragment");
    assert.equal(html, `<p>Hi <img src="a.png"> <a>l</a> <a href="https://e.org">ok</a></p>`);
    assert.deepEqual(removed.map((r) => r.markup), ["<script>", 'onerror="x()"', 'href=" javascript:x()"']);
  });

  it("returns ordinary content untouched, code samples included", () => {
    const body = `<pre><code>&lt;script&gt; onclick= javascript: </code></pre><img src="data:image/png;base64,AA==" alt="">`;
    const { html, removed } = sanitiseMarkup(body, "fragment");
    assert.deepEqual({ html, removed }, { html: body, removed: [] });
  });
});

describe("sanitising titles and definitions", () => {
  it("keeps inline formatting and entities, drops what runs", () => {
    assert.equal(sanitiseInline(`<b class='resource'>Patient</b> FHIR&reg;<script>x()</script><img src=x onerror=y>`), `<b class="resource">Patient</b> FHIR®`);
    assert.equal(sanitiseBlock(`<a href="javascript:x()" onclick="y()">a</a><ul><li>b</li></ul>`), `<a>a</a><ul><li>b</li></ul>`);
  });
});

describe("accepted faults", () => {
  const fault = (line: number): Diagnostic => ({ severity: "warning", code: "broken-link", file: "a.md", line, message: "m" });
  it("split into accepted, open and stale", () => {
    const accepted = [
      { code: "broken-link", file: "a.md", line: 1, declaredAt: 30 },
      { code: "broken-link", file: "a.md", line: 9, declaredAt: 31 },
    ];
    const result = partitionAccepted([fault(1), fault(2)], accepted);
    assert.deepEqual(result.accepted, [fault(1)]);
    assert.deepEqual(result.open, [fault(2)]);
    assert.deepEqual(result.stale, [accepted[1]]);
    assert.deepEqual(staleFaultDiagnostic(accepted[1]!, "_gpconnect-docs.yml"), {
      code: "stale-accepted-fault",
      file: "_gpconnect-docs.yml",
      line: 31,
      message: "accepted fault [broken-link] a.md:9 no longer occurs",
      hint: "remove the entry from acceptedFaults (npm run fix -- --write does)",
    });
  });

  it("never accept an error", () => {
    const error: Diagnostic = { ...fault(1), severity: "error" };
    assert.deepEqual(partitionAccepted([error], [{ code: "broken-link", file: "a.md" }]).open, [error]);
  });
});

describe("redirects", () => {
  const page = (url: string, title: string, redirect_from?: unknown) => ({ url, inputPath: `/src/${title}.md`, data: { title, redirect_from } });
  const collect = (pages: ReturnType<typeof page>[], settings: Record<string, string> = {}) =>
    collectRedirects({ pages, settings, displayPath: (p) => p.replace("/src/", ""), settingsLine: () => 40, settingsFile: "_gpconnect-docs.yml", redirectLine: () => undefined });

  it("come from pages' redirect_from and from the settings", () => {
    const { redirects, problems } = collect([page("/new.html", "New &amp; improved", ["old.html", "/older/"]), page("/b.html", "B")], { "gone.html": "/b.html" });
    assert.deepEqual(redirects, [
      { from: "gone.html", to: "b.html", title: "B" },
      { from: "old.html", to: "new.html", title: "New & improved" },
      { from: "older/index.html", to: "new.html", title: "New & improved" },
    ]);
    assert.deepEqual(problems, []);
    assert.equal(redirectsFile(redirects, (p) => `/apis/gpconnect${p}`), "/apis/gpconnect/gone.html /apis/gpconnect/b.html 301\n/apis/gpconnect/old.html /apis/gpconnect/new.html 301\n/apis/gpconnect/older/ /apis/gpconnect/new.html 301\n");
  });

  it("are left out, with a warning, when a page still lives at the old URL or none at the new one", () => {
    const { redirects, problems } = collect([page("/a.html", "A", "b.html"), page("/b.html", "B")], { "c.html": "/missing.html" });
    assert.deepEqual(redirects, []);
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line ?? ""} ${p.message}`),
      ["A.md: redirect from /b.html: a page is published there, so the redirect is left out", "_gpconnect-docs.yml:40 redirect from /c.html to /missing.html: no page is published at /missing.html, so the redirect is left out"],
    );
  });

  it("are errors, with no stub written, when the old URL leaves the site or is one of the site's own files", () => {
    const { redirects, problems } = collect([page("/a.html", "A", ["../../x.html", "%2e%2e/y.html", "_redirects", "old.html"])]);
    assert.deepEqual(redirects.map((r) => r.from), ["old.html"]);
    assert.deepEqual(
      problems.map((p) => `${p.severity} ${p.code} ${p.message}`),
      [
        "error output-path redirect from ../../x.html: it has a .. segment and leaves the site's output folder, so no stub is written",
        "error output-path redirect from %2e%2e/y.html: it has a .. segment and leaves the site's output folder, so no stub is written",
        "error output-path redirect from _redirects: /_redirects is the host's redirects file that the build writes into every site, so no stub is written",
      ],
    );
  });

  it("stub pages escape the title and work without script", () => {
    const stub = redirectPage({ from: "old.html", to: "new.html", title: `<script>x()</script>"` }, (p) => p);
    assert.match(stub, /<meta http-equiv="refresh" content="0; url=\/new\.html">/);
    assert.match(stub, /<a href="\/new\.html">&lt;script&gt;x\(\)&lt;\/script&gt;&quot;<\/a>/);
    assert.doesNotMatch(stub, /<script/);
  });
});
