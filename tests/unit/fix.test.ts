import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDocument } from "yaml";
import type { ReportEntry } from "../../src/checks/report.ts";
import { readFrontMatter } from "../../src/checks/frontMatter.ts";
import { acceptedFaultEntry, applyEdits, diffHunk, insideCode, locateRepair, type Edit } from "../../src/fix/plan.ts";
import { closestCandidates, isCertainMatch } from "../../src/shared/diagnostics.ts";

const fault = (over: Partial<ReportEntry>): ReportEntry => ({
  severity: "warning",
  code: "broken-link",
  file: "a.md",
  path: "/a.md",
  line: 3,
  column: null,
  message: "m",
  suggestion: null,
  repair: { find: "gide.html", replace: "guide.html" },
  accepted: false,
  ...over,
});

describe("fix: locating a repair", () => {
  const text = "---\r\ntitle: A\r\n---\r\nRead [the gide](gide.html) now.\r\n";

  it("changes only the repaired span: line endings and the rest of the file stay byte for byte", () => {
    const edit = locateRepair(text, fault({ line: 4 })) as Edit;
    assert.ok("start" in edit);
    const { text: after } = applyEdits(text, [edit]);
    assert.equal(after, "---\r\ntitle: A\r\n---\r\nRead [the gide](guide.html) now.\r\n");
    assert.equal(diffHunk(text, edit), "@@ -4,1 +4,1 @@\n-Read [the gide](gide.html) now.\n+Read [the gide](guide.html) now.");
  });

  it("uses the reported column, else the only whole occurrence on the line (a.htm is not the start of a.html)", () => {
    const line = "[x](a.html) and [y](a.htm)\n";
    const edit = locateRepair(line, fault({ line: 1, repair: { find: "a.htm", replace: "a.html" } })) as Edit;
    assert.equal(applyEdits(line, [edit]).text, "[x](a.html) and [y](a.html)\n");
  });

  it("lists instead of applying: inside code, written twice, not written at all", () => {
    const reason = (source: string, line: number): string => (locateRepair(source, fault({ line })) as { reason: string }).reason;
    assert.match(reason("```\n[a](gide.html)\n```\n", 2), /inside code/);
    assert.match(reason("`[a](gide.html)`\n", 1), /inside code/);
    assert.match(reason("{% highlight html %}\n<a href=\"gide.html\">\n{% endhighlight %}\n", 2), /inside code/);
    assert.match(reason("[a](gide.html) [b](gide.html)\n", 1), /more than once/);
    assert.match(reason("{% include x.html %}\n", 1), /not written on that line/);
    assert.equal(insideCode("```\nx\n```\ny", 12), false);
  });

  it("is certain only of one candidate a slip away", () => {
    const certain = (input: string, names: string[]): boolean => isCertainMatch(input, closestCandidates(input, names));
    assert.equal(certain("technicalaccreditation", ["technical-accreditation", "solution-assurance"]), true);
    assert.equal(certain("gide.html", ["guide.html", "index.html"]), true);
    assert.equal(certain("gide.html", ["guide.html", "gids.html"]), false, "two candidates");
    assert.equal(certain("population-of-requested_record", ["population-of-requesting_device"]), false, "the nearest, but another name");
  });

  it("removes a whole accepted-fault entry from the settings, and nothing else", () => {
    const settings = "title: X\nacceptedFaults:\n  - { code: a, file: a.md, reason: r }\n  - code: b\n    file: b.md\n    reason: r\n  - { code: c, file: c.md, reason: r }\nredirects: {}\n";
    const flow = acceptedFaultEntry(settings, 3, fault({}))!;
    assert.equal(applyEdits(settings, [flow]).text, settings.replace("  - { code: a, file: a.md, reason: r }\n", ""));
    const block = acceptedFaultEntry(settings, 4, fault({}))!;
    assert.equal(applyEdits(settings, [block]).text, settings.replace("  - code: b\n    file: b.md\n    reason: r\n", ""));
    assert.equal(acceptedFaultEntry(settings, 5, fault({})), undefined, "only the line an entry starts on names it");
  });
});

describe("front matter read as Jekyll does", () => {
  // A loader that fails as Eleventy's (js-yaml) does; the build test (many-faults) runs the real one.
  const load = (text: string, options?: { json?: boolean }): unknown => {
    const doc = parseDocument(text, { uniqueKeys: !options?.json });
    const error = doc.errors[0];
    if (error) throw new Error(error.code === "DUPLICATE_KEY" ? "duplicated mapping key" : error.message);
    return doc.toJS();
  };

  it("a duplicate key keeps its last value, with a warning at that line", () => {
    const { data, faults } = readFrontMatter(load, "\ntitle: First\npermalink: a.html\ntitle: Second", "a.md");
    assert.deepEqual(data, { title: "Second", permalink: "a.html" });
    assert.deepEqual(
      faults.map((f) => [f.severity, f.code, f.line]),
      [["warning", "duplicate-key", 4]],
    );
  });

  it("malformed YAML is an error at its line, and no data", () => {
    const { data, faults } = readFrontMatter(load, '\ntitle: A\nsummary: "never closed\nsidebar: x', "a.md");
    assert.deepEqual(data, {});
    assert.equal(faults[0]?.severity, "error");
    assert.equal(faults[0]?.line, 3);
  });
});
