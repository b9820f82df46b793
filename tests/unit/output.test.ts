import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { didYouMean } from "../../src/shared/diagnostics.ts";
import { readLinks } from "../../src/checks/links.ts";
import { sanitiseMarkup } from "../../src/shared/markupPolicy.ts";
import { enhanceContent } from "../../src/theme/contentHtml.ts";
import { PageOutput } from "../../src/output/pageOutput.ts";
import { globCanName, globOfFiles } from "../../src/search/glob.ts";

describe("page output", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "gpc-output-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes each page at once, tells listeners before and after, and keeps nothing when Eleventy's writer is in dry run", async () => {
    const output = new PageOutput(true, (page) => page);
    const seen: string[] = [];
    output.listen({
      rendered: (page) => seen.push(`rendered ${page.url}`),
      written: (page) => seen.push(`written ${page.url} ${readFileSync(page.outputPath, "utf8")}`),
    });
    const kept = output.emit({ url: "/a/b.html", inputPath: "./b.md", outputPath: path.join(dir, "a/b.html"), html: "<p>B</p>" });
    assert.equal(kept, "", "Eleventy keeps an empty string instead of the page");
    await output.settled();
    assert.deepEqual(seen, ["rendered /a/b.html", "written /a/b.html <p>B</p>"]);
  });

  it("writes many pages at once, all on disk once settled", async () => {
    const output = new PageOutput(true, (page) => page);
    const files = Array.from({ length: 40 }, (_, i) => path.join(dir, `many/${i}.html`));
    files.forEach((outputPath, i) => output.emit({ url: `/many/${i}.html`, inputPath: `./${i}.md`, outputPath, html: `<p>${i}</p>` }));
    await output.settled();
    assert.deepEqual(files.map((file) => readFileSync(file, "utf8")), files.map((_, i) => `<p>${i}</p>`));
  });

  it("keeps only a few pages waiting when pages are framed one after another without a pause (Eleventy's transforms)", async () => {
    const output = new PageOutput(true, (page) => page);
    const files = Array.from({ length: 200 }, (_, i) => path.join(dir, `starved/${i}.html`));
    const written: string[] = [];
    output.listen({ written: (page) => written.push(page.url) });
    files.forEach((outputPath, i) => output.emit({ url: `/starved/${i}.html`, inputPath: `./${i}.md`, outputPath, html: `<p>${i}</p>` }));
    // No turn of the event loop yet: every page but the last few is on disk already, and search was told of each.
    const onDisk = files.filter((file) => existsSync(file)).length;
    assert.ok(onDisk >= 150, `${onDisk} of 200 pages on disk before the event loop ran`);
    assert.ok(written.length >= 150, `search told of ${written.length} pages`);
    await output.settled();
    assert.deepEqual(files.map((file) => readFileSync(file, "utf8")), files.map((_, i) => `<p>${i}</p>`));
    assert.equal(written.length, 200);
  });

  it("reports a page it could not write once settled", async () => {
    const output = new PageOutput(true, (page) => page);
    writeFileSync(path.join(dir, "a-file"), "");
    output.emit({ url: "/x.html", inputPath: "./x.md", outputPath: path.join(dir, "a-file/x.html"), html: "x" });
    await assert.rejects(output.settled(), /ENOTDIR|EEXIST/);
  });

  it("hands the page back when Eleventy's writer runs (the dev server diffs it)", () => {
    assert.equal(new PageOutput(false, (page) => page).emit({ url: "/c.html", inputPath: "./c.md", outputPath: path.join(dir, "c.html"), html: "<p>C</p>" }), "<p>C</p>");
  });
});

describe("search batches", () => {
  it("names exactly the files given, glob characters escaped", () => {
    assert.equal(globOfFiles(["a.html"]), "a.html");
    assert.equal(globOfFiles(["pages/notes (draft), v2 [old].html", "x{y}*.html"]), "{pages/notes \\(draft\\)\\, v2 \\[old\\].html,x\\{y\\}\\*.html}");
    assert.equal(globOfFiles(["e#f!.html"]), "e#f!.html", "characters wax does not treat specially are left alone (escaping them is an error)");
    assert.equal(globCanName("odd\\name.html"), false);
    assert.equal(globCanName("résumé page.html"), true);
  });
});

describe("link check reading", () => {
  it("reads ids from the main region and links only from the page's own content", () => {
    const page = `<header><a href="/nav.html" id="top">Nav</a></header>
      <main id="maincontent"><h1 id="title">T</h1><nav><a href="#intro">Contents</a></nav>
      <div class="app-content"><h2 id="intro">Intro</h2><a name="old-anchor"></a><p><a href="other.html?x=1&amp;y=2#part">x</a><img src="images/a.png" alt=""><br></p></div>
      <nav class="nhsuk-pagination"><a href="next.html">Next</a></nav></main>`;
    const { ids, refs } = readLinks(page);
    assert.deepEqual([...ids].sort(), ["intro", "maincontent", "old-anchor", "title"]);
    assert.deepEqual(refs, [
      { kind: "link", value: "other.html?x=1&y=2#part" },
      { kind: "image", value: "images/a.png" },
    ]);
  });

  it("reads a page's content links from the tree its enhancements worked on, as its written markup has them", () => {
    const source = `<h3>Term</h3><ul class="nav-tabs"><li><a href="#json" data-toggle="tab">JSON <img src="j.png" alt=""></a></li></ul><div class="tab-content"><div class="tab-pane" id="json"><table><tr><td><img src="a.png"></td></tr></table></div><div class="tab-pane" id="xml">X</div></div><h2 id="h">H <a name="n"></a></h2><div class="row"><div class="col-md-4"><span id="gone"></span></div></div>`;
    const { html, tree } = sanitiseMarkup(source, "fragment");
    const content = enhanceContent(tree, html);
    const written = readLinks(`<main><div class="app-content">${content.html}</div></main>`);
    assert.deepEqual(content.links, written);
    assert.deepEqual([...written.ids], ["term", "json", "xml", "h", "n"], "raw headings get ids; an empty Bootstrap column, and its ids, go");
    assert.deepEqual(
      written.refs.map((ref) => ref.value),
      ["#term", "#json", "j.png", "j.png", "a.png", "#h"],
      "the tab's title is in its tab and its panel; linked headings link to themselves",
    );
  });

  it("checks every link of a page without the layout's content box", () => {
    assert.deepEqual(readLinks(`<p><a href="a.html">a</a></p>`).refs, [{ kind: "link", value: "a.html" }]);
  });

  it("suggests the closest name within a third of its length, and nothing for a hopeless one", () => {
    assert.equal(didYouMean("integration_spine_security_proxy.html", ["integration_spine_secure_proxy.html", "overview.html"]), "integration_spine_secure_proxy.html");
    assert.equal(didYouMean("technicalaccreditation", ["technical-accreditation", "accreditation"]), "technical-accreditation");
    assert.equal(didYouMean("zzzz.html", ["overview.html", "index.html"]), undefined);
  });
});
