import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { partitionAccepted, staleFaultDiagnostic, type Diagnostic } from "../../src/checks/diagnostics.ts";
import { findTextFaults, repairMojibake } from "../../src/checks/sourceText.ts";
import { sanitiseBlock, sanitiseInline } from "../../src/sanitise.ts";
import { removeScripts } from "../../src/site/contentHtml.ts";
import { frontMatterProblem, lineOfText } from "../../src/site/sourceFile.ts";

describe("source text faults", () => {
  it("finds text saved through the wrong encoding and says what it should be", () => {
    const faults = findTextFaults("intro\nCommunication \u00e2\u20ac\u201c ongoing, caf\u00c3\u00a9\n", true);
    assert.deepEqual(
      faults.map((f) => [f.code, f.line, f.hint]),
      [
        ["mojibake", 2, 'replace "\u00e2\u20ac\u201c" with "\u2013"'],
        ["mojibake", 2, 'replace "\u00c3\u00a9" with "\u00e9"'],
      ],
    );
  });

  it("leaves correct non-ASCII text alone", () => {
    assert.deepEqual(findTextFaults("Übersicht – naïve café £5 SÃO “quoted”", true), []);
    assert.equal(repairMojibake("\u00c3("), undefined, "not a UTF-8 sequence");
  });

  it("stops a binary file at its first NUL byte, and reports empty files and bad bytes", () => {
    assert.deepEqual(findTextFaults("\u0089PNG\r\n\u001a\n\u0000\u0000", false).map((f) => [f.severity, f.code, f.line]), [["error", "binary-file", 3]]);
    assert.deepEqual(findTextFaults("  \n", false).map((f) => f.code), ["empty-page"]);
    assert.deepEqual(findTextFaults("", true), [], "front matter only is a page");
    assert.deepEqual(findTextFaults("a\nb \ufffd", true).map((f) => [f.code, f.line]), [["encoding", 2]]);
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
    const { html, removed } = removeScripts(`<p>Hi <script>alert(1)</script><img src="a.png" onerror="x()"> <a href=" javascript:x()">l</a> <a href="https://e.org">ok</a></p>`);
    assert.equal(html, `<p>Hi <img src="a.png"> <a>l</a> <a href="https://e.org">ok</a></p>`);
    assert.deepEqual(removed.map((r) => r.markup), ["<script>", 'onerror="x()"', 'href=" javascript:x()"']);
  });

  it("returns ordinary content untouched, code samples included", () => {
    const body = `<pre><code>&lt;script&gt; onclick= javascript: </code></pre><img src="data:image/png;base64,AA==" alt="">`;
    assert.deepEqual(removeScripts(body), { html: body, removed: [] });
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
    assert.deepEqual(staleFaultDiagnostic(accepted[1]!), {
      code: "stale-accepted-fault",
      file: "_data/site.yml",
      line: 31,
      message: "accepted fault [broken-link] a.md:9 no longer occurs",
      hint: "remove the entry from acceptedFaults",
    });
  });

  it("never accept an error", () => {
    const error: Diagnostic = { ...fault(1), severity: "error" };
    assert.deepEqual(partitionAccepted([error], [{ code: "broken-link", file: "a.md" }]).open, [error]);
  });
});
