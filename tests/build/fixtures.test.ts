import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import { parse } from "node-html-parser";
import { build, FIXTURES, listFiles, type BuildResult } from "../helpers/build.ts";

describe("building another tree of the same format with --input/--output", () => {
  let site: BuildResult;
  before(() => {
    site = build(path.join(FIXTURES, "mini-site"));
  });

  it("succeeds", () => {
    assert.equal(site.status, 0, site.stderr + site.stdout);
  });

  it("uses the tree's own glossary, includes, data and journey", () => {
    const home = parse(site.read("index.html"));
    assert.match(home.querySelector("a.app-glossary-term")?.getAttribute("data-definition") ?? "", /^Spine Secure Proxy/);
    assert.deepEqual(home.querySelectorAll(".app-journey__stages a").map((a) => a.text), ["First stage", "Second stage"]);
    const guide = site.read("guide.html");
    assert.match(guide, /<pre class="language-json"/);
    assert.match(guide, /&quot;\/guide.html&quot;|"\/guide.html"/, "Liquid inside an included file sees the page");
    assert.match(guide, /<aside class="box">Boxed <div class="app-callout app-callout--note/, "fallback include with include.* and a nested component");
    assert.match(guide, /<td>Alice<\/td>\s*<td>30<\/td>/, "site.data from CSV");
  });

  it("publishes pages without permalink at their folder path and copies files with spaces", () => {
    const files = listFiles(site.output);
    assert.ok(files.includes("pages/no_permalink.html"));
    assert.ok(files.includes("images/a diagram.png"));
    assert.ok(files.includes("downloads/file name.txt"));
    assert.ok(files.includes("deep.html"), "a source file name with a space");
  });

  it("builds the sidebar from the tree's YAML: groups nested, only web items, external links marked", () => {
    const deep = parse(site.read("deep.html"));
    assert.equal(deep.querySelector('.app-sidebar a[aria-current="page"]')?.text, "Deep page");
    const open = deep.querySelectorAll(".app-sidebar details[open] > summary").map((s) => s.text);
    assert.deepEqual(open, ["Start", "Deeper"]);
    assert.equal(deep.querySelector('.app-sidebar a[href="/pdf_only.html"]'), null);
    assert.ok(deep.querySelector('.app-sidebar a.app-sidebar__link--external[href="https://example.org/"]'));
    // As the theme showed it: an item's subfolders are groups beside it, and a crumb never leads to the page itself.
    assert.equal(deep.querySelector('.app-sidebar a[href="/guide.html"] + ul'), null);
    assert.equal(deep.querySelector('.app-sidebar details[open] > ul > li > details > summary')?.text, "Deeper");
    assert.deepEqual(deep.querySelectorAll(".nhsuk-breadcrumb__link").map((a) => a.text), ["Start"]);
  });

  it("reports the malformed sidebar entry and carries on", () => {
    assert.match(site.stdout, /_data\/sidebars\/overview_sidebar\.yml:2\d: warning \[sidebar-entry\] sidebar item "Broken" has a malformed url/);
  });

  it("keeps old URLs working: a stub page at each (meta refresh, canonical link, visible link) and _redirects for hosts that read it", () => {
    const stub = parse(site.read("old_guide.html"));
    assert.equal(stub.querySelector('meta[http-equiv="refresh"]')?.getAttribute("content"), "0; url=/guide.html");
    assert.equal(stub.querySelector('link[rel="canonical"]')?.getAttribute("href"), "/guide.html");
    assert.equal(stub.querySelector("a")?.text, "Guide & more");
    assert.ok(site.exists("guides/index.html"));
    assert.equal(site.read("_redirects"), "/guides/ /guide.html 301\n/old_guide.html /guide.html 301\n");
    assert.doesNotMatch(site.read("sitemap.xml"), /old_guide/, "stubs are not listed as pages");
  });

  it("escapes entities in titles once", () => {
    assert.match(site.read("guide.html"), /<title>Guide &amp; more - GP Connect<\/title>/);
  });

  it("works under a path prefix", () => {
    const prefixed = build(path.join(FIXTURES, "mini-site"), ["--path-prefix", "/apis/gpconnect/"]);
    assert.equal(prefixed.status, 0, prefixed.stderr);
    const home = parse(prefixed.read("index.html"));
    assert.equal(home.querySelector("a.app-glossary-term")?.getAttribute("href"), "/apis/gpconnect/overview_glossary.html#ssp");
    assert.match(home.querySelector('link[rel="stylesheet"]')?.getAttribute("href") ?? "", /^\/apis\/gpconnect\/assets\/site\.css\?v=[0-9a-f]{16}$/);
    assert.ok(prefixed.exists("assets/site.css") && prefixed.exists("assets/site.js"), "the stylesheet and script are in the output");
    assert.ok(home.querySelector('.app-sidebar a[href="/apis/gpconnect/guide.html"]'));
    assert.match(prefixed.read("_redirects"), /^\/apis\/gpconnect\/old_guide\.html \/apis\/gpconnect\/guide\.html 301$/m);
  });
});

describe("strict mode", () => {
  it("fails on warnings the settings do not accept, naming them", () => {
    const result = build(path.join(FIXTURES, "mini-site"), ["--strict"]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /overview_sidebar\.yml:24: warning \[sidebar-entry\]/);
    assert.match(result.stderr, /^Build failed: \d+ warnings? in \d+ files? \(--strict fails on warnings\)\.$/m);
  });
});
