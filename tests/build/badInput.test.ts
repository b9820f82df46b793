import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { buildInBackground, FIXTURES, listFiles, ROOT, temporaryFolder, type BuildResult } from "../helpers/build.ts";

/**
 * The bad-input matrix: one fixture tree per fault under tests/fixtures/,
 * each built with the real CLI and checked on exit code, message and file:line.
 */
interface Case {
  readonly fixture: string;
  /** Exit code: 1 for faults that stop the build, 0 for warnings (which --strict turns into failures). */
  readonly status: 0 | 1;
  /** Expected in the build's output (stdout and stderr together). */
  readonly messages: readonly RegExp[];
  /** Prepares the tree to build (for inputs too big to keep in the repository). */
  readonly prepare?: (copy: string) => void;
  readonly check?: (result: BuildResult) => void;
}

const CASES: readonly Case[] = [
  {
    fixture: "bad-front-matter",
    status: 1,
    messages: [/broken\.md:4: error \[front-matter\] malformed front matter: Missing closing "quote; the page is left out of the site\n\s+→ front matter is YAML between the two --- lines/],
  },
  {
    fixture: "unclosed-liquid",
    status: 1,
    messages: [/index\.md:8: error \[liquid-syntax\] tag \{% if x %\} not closed/],
  },
  {
    fixture: "unknown-include",
    status: 1,
    messages: [/index\.md:8: error \[unknown-include\] unknown include "tooltp\.html"/, /did you mean "tooltip\.html"\?/, /known includes: .*important\.html/],
  },
  {
    fixture: "include-missing-content",
    status: 0,
    messages: [/index\.md:8: warning \[include-argument\] important\.html needs the argument "content"; it is shown without it\n\s+→ write \{% include important\.html content="…" %\}/],
    check: (result) => assert.match(result.read("index.html"), /<strong>Important:<\/strong>/, "the callout is still on the page, as Jekyll's include shows it"),
  },
  {
    fixture: "unknown-glossary-term",
    status: 0,
    messages: [/index\.md:7: warning \[glossary-term\] tooltip term "SPP" is not in _data\/glossary\.yml\n\s+→ did you mean "SSP"\?/, /: 1 warning in 1 file\./],
    check: (result) => assert.match(result.read("index.html"), /<span class="app-glossary-term app-glossary-term--missing">SPP<\/span>/, "the term's text is still shown"),
  },
  {
    // Jekyll warns and writes the last file (by name): readers keep what they had. --strict fails it (see below).
    fixture: "duplicate-permalink",
    status: 0,
    messages: [/pages\/overview_engage\.md:7: warning \[duplicate-url\] pages\/overview_engage\.md and pages\/overview_engage_2018\.md are both published at \/overview_engage\.html; pages\/overview_engage_2018\.md is the one published/],
    check: (result) => assert.match(result.read("overview_engage.html"), /Getting started with GP Connect API/, "the page Jekyll wrote last is published"),
  },
  {
    fixture: "broken-link",
    status: 0,
    messages: [/index\.md:6: warning \[broken-link\] link to integration_spine_security_proxy\.html points at nothing in the site\n\s+→ did you mean integration_spine_secure_proxy\.html\?/],
  },
  {
    fixture: "broken-anchor",
    status: 0,
    messages: [
      /index\.md:8: warning \[broken-anchor\] link to proxy\.html#overveiw names an anchor that proxy\.html does not have\n\s+→ did you mean #overview\?/,
      /index\.md:8: warning \[broken-anchor\] link to #getting-startd names an anchor that index\.html does not have\n\s+→ did you mean #getting-started\?/,
    ],
  },
  {
    fixture: "missing-image",
    status: 0,
    messages: [/index\.md:8: warning \[missing-image\] image to images\/diagarm\.png points at nothing in the site/, /: 1 warning in 1 file\./],
    check: (result) => assert.ok(result.exists("images/diagram.png"), "the image that exists is published (a tree with one kind of static file)"),
  },
  {
    fixture: "malformed-sidebar",
    status: 0,
    messages: [/_data\/sidebars\/overview_sidebar\.yml:11: warning \[sidebar-entry\] sidebar item "Broken" has a malformed url/],
    check: (result) => assert.match(result.read("index.html"), /class="app-sidebar__link" href="\/index\.html"/, "the rest of the sidebar is published"),
  },
  {
    fixture: "sidebar-missing-page",
    status: 0,
    messages: [/_data\/sidebars\/overview_sidebar\.yml:11: warning \[sidebar-link\] sidebar item \/overview_retired\.html points at no page of the site/],
  },
  {
    // Without front matter a file is not a page for Jekyll: it is copied as it is.
    fixture: "empty-file",
    status: 0,
    messages: [/: no content faults\./],
    check: (result) => {
      assert.ok(!result.exists("draft.html"), "no blank page is published");
      assert.equal(result.read("draft.md"), "", "the empty file is copied as it is");
    },
  },
  {
    fixture: "binary-file",
    status: 0,
    messages: [/: no content faults\./],
    check: (result) => {
      assert.ok(!result.exists("diagram.html"), "no garbage page is published");
      assert.deepEqual(readFileSync(path.join(result.output, "diagram.md")), readFileSync(path.join(FIXTURES, "binary-file/diagram.md")), "copied byte for byte, as Jekyll does");
    },
  },
  {
    fixture: "odd-file-name",
    status: 0,
    messages: [/: no content faults\./],
    check: (result) => {
      const files = listFiles(result.output);
      assert.ok(files.includes("pages/Übersicht der Dienste.html"), "a page without permalink keeps its name");
      assert.ok(files.includes("pages/résumé page.html"));
      assert.ok(files.includes("pages/notes (draft), v2 [old].html"), "glob characters in a name are kept");
      const search = JSON.parse(result.read("pagefind/pagefind-entry.json")) as { languages: { en: { page_count: number } } };
      assert.equal(search.languages.en.page_count, 4, "the home page and the three oddly named pages are searchable");
      assert.match(result.read("sitemap.xml"), /<loc>https:\/\/developer\.nhs\.uk\/pages\/%C3%9Cbersicht%20der%20Dienste\.html<\/loc>|<loc>https:\/\/developer\.nhs\.uk\/pages\/Übersicht der Dienste\.html<\/loc>/);
    },
  },
  {
    fixture: "large-page",
    status: 0,
    messages: [/: no content faults\./],
    prepare: (copy) => {
      let text = "---\ntitle: A very long page\npermalink: long.html\n---\n\n";
      for (let i = 1; text.length < 5 * 1024 * 1024; i++) {
        text += `${i % 50 === 0 ? `## Section ${i}\n\n` : ""}Paragraph ${i} of a long specification page with a [link](index.html), \`code\` and **bold** text.\n\n`;
      }
      writeFileSync(path.join(copy, "long.md"), `${text}The last paragraph.\n`);
    },
    check: (result) => {
      const page = result.read("long.html");
      assert.match(page, /<p>The last paragraph\.<\/p>/, "nothing is cut off");
      assert.match(page, /href="#section-36000"|href="#section-\d+"/);
    },
  },
  {
    fixture: "hostile-glossary",
    status: 0,
    messages: [
      /index\.md:10: warning \[unsafe-markup\] <script> was removed: pages may not run script/,
      /index\.md:12: warning \[unsafe-markup\] href="javascript:window\.hacked = 11" was removed/,
      /index\.md:12: warning \[unsafe-markup\] onerror="window\.hacked = 12" was removed/,
    ],
    check: (result) => {
      for (const file of ["index.html", "overview_glossary.html"]) {
        const page = result.read(file);
        assert.doesNotMatch(page, /<script>window|onerror=|(?:href|src)="javascript:|<img src=x/i, `${file} holds nothing that runs`);
      }
      assert.match(result.read("index.html"), /<title>Home &quot;quoted&quot; &lt;script&gt;window\.hacked = 5&lt;\/script&gt; - GP Connect<\/title>/);
    },
  },
];

describe("bad input: one fixture per fault, each named with file and line", { concurrency: 2 }, () => {
  for (const testCase of CASES) {
    describe(testCase.fixture, () => {
      let result: BuildResult;
      before(async () => {
        let input = path.join(FIXTURES, testCase.fixture);
        if (testCase.prepare) {
          const copy = temporaryFolder(`gpc-${testCase.fixture}-`);
          cpSync(input, copy, { recursive: true });
          testCase.prepare(copy);
          input = copy;
        }
        result = await buildInBackground(input);
      });

      it(`exits ${testCase.status}${testCase.status === 0 ? " (the fault is a warning)" : ""}`, () => {
        assert.equal(result.status, testCase.status, result.stdout + result.stderr);
      });

      it("says what is wrong, where, and what to do, without a stack trace", () => {
        const said = result.stdout + result.stderr;
        for (const message of testCase.messages) assert.match(said, message);
        assert.doesNotMatch(said, /^\s+at .*(\.js|\.ts):\d+/m, "no stack trace");
      });

      if (testCase.check) it("publishes the rest correctly", () => testCase.check!(result));
    });
  }
});

describe("safe output", () => {
  it("a failed build leaves the previous site exactly as it was; a good one replaces it", async () => {
    const output = temporaryFolder("gpc-swap-");
    const first = await buildInBackground(path.join(FIXTURES, "broken-link"), [], output);
    assert.equal(first.status, 0, first.stderr);
    writeFileSync(path.join(output, "marker.txt"), "from before");
    const before = listFiles(output).sort();
    const home = readFileSync(path.join(output, "index.html"), "utf8");

    const failed = await buildInBackground(path.join(FIXTURES, "unknown-include"), [], output);
    assert.equal(failed.status, 1);
    assert.deepEqual(listFiles(output).sort(), before, "no file added or removed");
    assert.equal(readFileSync(path.join(output, "index.html"), "utf8"), home, "the published home page is unchanged");

    const next = await buildInBackground(path.join(FIXTURES, "missing-image"), [], output);
    assert.equal(next.status, 0, next.stderr);
    assert.ok(!listFiles(output).includes("marker.txt"), "the new site replaces the old one whole");
    assert.ok(listFiles(output).includes("images/diagram.png"));
  });
});

describe("one build, every fault (tests/fixtures/many-faults: one fault per page)", () => {
  let result: BuildResult;
  let report: { faults: { code: string; file: string; line: number | null; column: number | null; message: string; suggestion: string | null }[]; pages: string[]; leftOut: string[] };
  before(async () => {
    const reportFile = path.join(temporaryFolder("gpc-report-"), "faults.json");
    result = await buildInBackground(path.join(FIXTURES, "many-faults"), ["--strict", "--report", reportFile]);
    report = JSON.parse(readFileSync(reportFile, "utf8")) as typeof report;
  });

  it("names every fault at its file and line in one --strict build, and fails", () => {
    const said = result.stdout + result.stderr;
    assert.equal(result.status, 1, said);
    for (const expected of [
      /front-matter\.md:4: error \[front-matter\] malformed front matter/,
      /unclosed\.md:8: error \[liquid-syntax\] tag \{% if page\.title %\} not closed/,
      /include\.md:8: error \[unknown-include\] unknown include "tooltp\.html"/,
      /another-guide\.md:3: warning \[duplicate-url\] another-guide\.md and guide\.md are both published at \/guide\.html; guide\.md is the one published/,
      /term\.md:6: warning \[glossary-term\] tooltip term "SPP"/,
      /link\.md:6: warning \[broken-link\] link to gide\.html points at nothing in the site\n\s+→ did you mean guide\.html\?/,
      /anchor\.md:6: warning \[broken-anchor\] link to guide\.html#overveiw/,
      /image\.md:8: warning \[missing-image\] image to images\/diagarm\.png/,
      /duplicate-key\.md:4: warning \[duplicate-key\] front matter gives "title" more than once/,
    ]) {
      assert.match(said, expected);
    }
    assert.doesNotMatch(said, /^\s+at .*(\.js|\.ts):\d+/m, "no stack trace");
  });

  it("groups the faults by file, counted, and ends with a line that agrees with them", () => {
    assert.match(result.stdout, /^include\.md: 1 error\n {2}include\.md:8:/m);
    assert.match(result.stdout, /^link\.md: 2 warnings$/m);
    const lines = (result.stdout + result.stderr).trim().split("\n");
    assert.equal(lines.at(-1), "Build failed: 3 errors and 7 warnings in 9 files (--strict fails on warnings); 3 broken pages were left out.");
  });

  it("renders the pages without faults in that same run, leaves the broken ones out, and counts links to them as missing", () => {
    assert.ok(report.pages.includes("index.html") && report.pages.includes("guide.html"), report.pages.join(", "));
    assert.deepEqual(report.leftOut, ["front-matter.md", "include.md", "unclosed.md"]);
    assert.ok(report.faults.some((f) => f.file === "link.md" && f.message === "link to include.html points at nothing in the site"));
  });

  it("reports every fault as JSON with code, file, line, column, message and suggestion", () => {
    assert.equal(report.faults.length, 10);
    const link = report.faults.find((f) => f.code === "broken-link" && f.file === "link.md" && f.message.includes("gide"));
    assert.deepEqual({ ...link, path: undefined }, {
      severity: "warning",
      code: "broken-link",
      file: "link.md",
      path: undefined,
      line: 6,
      column: 17,
      message: "link to gide.html points at nothing in the site",
      suggestion: "did you mean guide.html?",
      repair: { find: "gide.html", replace: "guide.html" },
      accepted: false,
    });
  });

  it("prints GitHub Actions annotations when run there", async () => {
    const output = temporaryFolder("gpc-gha-");
    const { spawnSync } = await import("node:child_process");
    const run = spawnSync(process.execPath, ["bin/gpconnect-docs.mjs", "build", "--input", path.join(FIXTURES, "many-faults"), "--output", output], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: ROOT },
    });
    assert.match(run.stdout, /^::error file=tests\/fixtures\/many-faults\/include\.md,line=8,title=unknown-include::unknown include "tooltp\.html"/m);
    assert.match(run.stdout, /^::warning file=tests\/fixtures\/many-faults\/link\.md,line=6,col=17,title=broken-link::link to gide\.html points at nothing in the site \(did you mean guide\.html\?\)$/m);
  });
});
