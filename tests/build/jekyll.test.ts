import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { parse } from "node-html-parser";
import { META_CONTENT_SECURITY_POLICY } from "../../src/shared/securityPolicy.ts";
import { buildInBackground, FIXTURES, listFiles, ROOT, type BuildResult } from "../helpers/build.ts";

/**
 * Jekyll's rules, one small tree each (tests/fixtures/jekyll-*), built with the real CLI.
 * Each tree was also built with Jekyll 4.3.1: the files it published are the ones listed here.
 */
const fixture = (name: string): string => path.join(FIXTURES, name);
/** Files of the site that come from the tree (not the generator's own assets, search index or host files). */
const treeFiles = (site: BuildResult): string[] =>
  listFiles(site.output)
    .filter((file) => !/^(assets|pagefind)\//.test(file) && !["_headers", "_redirects", "search.html", "404.html", "sitemap.xml"].includes(file))
    .sort();
const contentOf = (site: BuildResult, file: string): string => parse(site.read(file)).querySelector(".app-content")?.innerHTML ?? "";

describe("a tree's _config.yml, read as Jekyll reads it", () => {
  let site: BuildResult;
  before(async () => {
    site = await buildInBackground(fixture("jekyll-config"));
  });

  it("publishes what Jekyll published: exclude and include applied, `_`/`.` files left out, collections by their output setting", () => {
    assert.equal(site.status, 0, site.stdout + site.stderr);
    assert.deepEqual(treeFiles(site), ["_keep.txt", "guides/intro.html", "index.html", "recipes/soup/index.html", "vendor/lib.txt"]);
  });

  it("gives every other key as site.KEY, documents of unpublished collections as site.NAME, and defaults by path and type", () => {
    const home = contentOf(site, "index.html");
    assert.match(home, /Greeting: Hello from _config\.yml\. Site title: Config Site\. Flavour: plain\./);
    assert.match(home, /Team: Alice\./);
    assert.match(home, /Recipes: Soup at \/recipes\/soup\//);
    assert.match(contentOf(site, "guides/intro.html"), /Flavour here: guided\./, "a path scope wins over the site-wide one");
    assert.match(contentOf(site, "recipes/soup/index.html"), /Recipe flavour: tasty\./, "a collection's type scope");
  });

  it("publishes under the tree's baseurl unless --path-prefix says otherwise, and names the site from _config.yml", () => {
    const home = parse(site.read("index.html"));
    assert.ok(home.querySelector('link[rel="stylesheet"]')?.getAttribute("href")?.startsWith("/docs/assets/"));
    assert.match(home.querySelector("title")?.text ?? "", /Home - Config Site/);
    assert.match(site.read("sitemap.xml"), /<loc>https:\/\/example\.org\/docs\/guides\/intro\.html<\/loc>/);
  });
});

describe("Jekyll's publishing rules", () => {
  let site: BuildResult;
  before(async () => {
    site = await buildInBackground(fixture("jekyll-publishing"));
  });

  it("publishes posts at Jekyll's URLs (categories from folders, their own permalink), not drafts, future posts or published: false", () => {
    assert.equal(site.status, 0, site.stdout + site.stderr);
    assert.deepEqual(treeFiles(site), [
      "2016/02/24/first-post.html",
      "custompost.html",
      "feed.xml",
      "index.html",
      "moved.html",
      "new.html",
      "news/2018/03/04/category-post.html",
      "old.html",
      "pages/tooltips.html",
      "pages/tooltips.json",
      "plain.html",
      "redirects.json",
      "robots.txt",
    ]);
  });

  it("renders any file with front matter whatever its extension, with site.posts newest first", () => {
    const feed = site.read("feed.xml");
    assert.match(feed, /^<\?xml version="1\.0"/, "no front matter left, nothing before the declaration");
    assert.deepEqual([...feed.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]), ["Publishing Site", "Category post", "Custom URL post", "First post"]);
    assert.match(feed, /<link>https:\/\/example\.org\/news\/2018\/03\/04\/category-post\.html<\/link>/);
    assert.match(feed, /&lt;p&gt;The first post\.&lt;\/p&gt;/, "a post's content is its HTML");
    assert.equal(site.read("robots.txt"), "User-agent: *\nSitemap: https://example.org/sitemap.xml\n");
  });

  it("copies files without front matter byte for byte: HTML with Liquid-looking text, and a NAME.json beside a page (not Eleventy data)", () => {
    assert.deepEqual(readFileSync(path.join(site.output, "plain.html")), readFileSync(fixture("jekyll-publishing/plain.html")));
    assert.equal(site.read("pages/tooltips.json"), '{ "entries": [] }\n');
    assert.match(contentOf(site, "pages/tooltips.html"), /See tooltips\.json\./);
  });

  it("redirects as jekyll-redirect-from: redirect_to makes the page a stub, redirect_from a stub at the old URL, and redirects.json", () => {
    const moved = parse(site.read("moved.html"));
    assert.equal(moved.querySelector('meta[http-equiv="refresh"]')?.getAttribute("content"), "0; url=https://example.com/elsewhere");
    assert.equal(moved.querySelector("main"), null, "not framed as a page");
    assert.equal(parse(site.read("old.html")).querySelector('meta[http-equiv="refresh"]')?.getAttribute("content"), "0; url=/new.html");
    assert.deepEqual(JSON.parse(site.read("redirects.json")), { "/old.html": "https://example.org/new.html" });
  });
});

describe("two files claiming one URL", () => {
  it("is a warning naming both (Jekyll's last-written is published), and an error under --strict", async () => {
    const [lenient, strict] = await Promise.all([buildInBackground(fixture("duplicate-permalink")), buildInBackground(fixture("duplicate-permalink"), ["--strict"])]);
    const named = /pages\/overview_engage\.md:7: warning \[duplicate-url\] pages\/overview_engage\.md and pages\/overview_engage_2018\.md are both published at \/overview_engage\.html/;
    assert.equal(lenient.status, 0, lenient.stdout + lenient.stderr);
    assert.match(lenient.stdout, named);
    assert.equal(strict.status, 1);
    assert.match(strict.stdout + strict.stderr, named);
  });
});

describe("Liquid as Jekyll's", () => {
  let site: BuildResult;
  before(async () => {
    site = await buildInBackground(fixture("jekyll-liquid"));
  });

  it("succeeds, taking Ruby Liquid's {{x}} inside a tag and a backslash in a quoted string", () => {
    assert.equal(site.status, 0, site.stdout + site.stderr);
    const loops = contentOf(site, "loops.html");
    assert.match(loops, /<p class="custom-warning">a\/b<\/p>/);
    assert.match(loops, /<p class="custom-info">plain<\/p>/);
  });

  it("prints what Jekyll 4.3.1 printed for site.pages, posts, tags, data, page, jekyll and the filters and tags", () => {
    const loops = parse(site.read("loops.html"));
    const text = (selector: string): string => loops.querySelector(selector)?.innerHTML ?? "";
    // Jekyll's sort puts pages without the property first.
    assert.equal(text("ul.pages"), "<li>|/bare.html</li><li>Home|/</li><li>Loops &amp; filters|/loops.html</li><li>Other|/other.html</li>");
    assert.equal(text("ul.posts"), "<li>Hello post|/2020/05/06/hello.html|2020-05-06</li>");
    assert.equal(text("p.tags"), "news=1;jekyll=1;");
    assert.equal(text("p.data"), "Sprocket:3;Cog:5;blue");
    assert.equal(text("p.page"), "Loops &amp; filters|Every page|/loops.html");
    assert.equal(text("p.jekyll"), "4.3.1|time|web");
    assert.equal(text("p.filters"), '/base/guide.html|https://example.org/base/guide.html|hello-world-more|a &lt; b|{"colour":"blue"}');
    assert.equal(text("div.md").trim(), "<p><strong>bold</strong></p>");
    assert.equal(text("p.where"), "Sprocket|2");
    assert.equal(text("p.links"), "/base/other.html|/base/2020/05/06/hello.html");
    assert.equal(parse(site.read("other.html")).querySelector("p.relative")?.innerHTML, "Snippet of Other|Snippet of Other", "include_relative, by name and by variable");
  });

  it("leaves a page with layout: none unframed, the Content-Security-Policy before it", () => {
    const bare = site.read("bare.html");
    assert.equal(parse(bare).querySelector("meta[http-equiv=Content-Security-Policy]")?.getAttribute("content"), META_CONTENT_SECURITY_POLICY);
    assert.equal(bare.replace(/^<meta [^>]*>/, ""), '<p class="bare">bare.html</p>\n', "the fragment as Jekyll published it, not made a document");
  });
});

describe("data in the shapes real trees give it", () => {
  it("a glossary.yml that is a bare list still gives the glossary page and tooltips", async () => {
    const site = await buildInBackground(fixture("jekyll-glossary-list"));
    assert.equal(site.status, 0, site.stdout + site.stderr);
    const term = parse(site.read("index.html")).querySelector("a.app-glossary-term");
    assert.equal(term?.getAttribute("data-definition"), "Spine Secure Proxy: the front door.");
    assert.equal(term?.getAttribute("href"), "/glossary.html#ssp");
    assert.deepEqual(parse(site.read("glossary.html")).querySelectorAll(".app-content h3").map((h) => h.text), ["SSP", "PDS"]);
  });
});

describe("settings belong to the tree", () => {
  it("a tree without _config.yml or settings builds with Jekyll's defaults and sees nothing of content/'s settings", async () => {
    const site = await buildInBackground(fixture("jekyll-no-config"));
    assert.equal(site.status, 0, site.stdout + site.stderr);
    assert.doesNotMatch(site.stdout, /Accepted faults|stale-accepted-fault/, "content/'s accepted faults are not this tree's");
    const home = parse(site.read("index.html"));
    assert.doesNotMatch(home.querySelector("title")?.text ?? "", /GP Connect/);
    assert.doesNotMatch(home.toString(), /Access Record Structured|Appointments/, "no capability bar of another tree");
    assert.ok(site.exists("pages/guide.html"));
  });

  it("a _config.yml that Jekyll could not read stops the build at its line, saying what to do", async () => {
    const site = await buildInBackground(fixture("jekyll-bad-config"));
    assert.equal(site.status, 1);
    assert.match(site.stdout + site.stderr, /_config\.yml:4: error \[jekyll-config\] collections\.recipes\.output: Invalid input: expected boolean, received string\n\s+→ fix the value on that line/);
    assert.doesNotMatch(site.stdout + site.stderr, /^\s+at .*\.(js|ts):\d+/m, "no stack trace");
  });
});

describe("the theme's own documentation (a real tree, unmodified)", () => {
  let site: BuildResult;
  const tree = path.join(ROOT, "tests/corpora/documentation-theme-jekyll");
  before(async () => {
    site = await buildInBackground(tree);
  });

  it("builds, publishing Jekyll's pages, posts and files and nothing `_`- or `.`-named", () => {
    assert.equal(site.status, 0, site.stdout + site.stderr);
    const files = treeFiles(site);
    for (const file of ["feed.xml", "search.json", "tooltips.json", "mydoc_about.html", "samplepost.html", "titlepage.html/index.html", "var/build.sh", "pdf/mydoc.pdf"]) assert.ok(files.includes(file), file);
    assert.deepEqual(
      files.filter((file) => file.split("/").some((part) => /^[_.]/.test(part))),
      [],
    );
    for (const left of ["Gemfile", "_config.yml", "mydoc_installing_bundler.html"]) assert.ok(!files.includes(left), left);
  });

  it("renders feed.xml, search.json and sitemap.xml from the tree's Liquid", () => {
    assert.doesNotThrow(() => JSON.parse(site.read("search.json")), "search.json is valid JSON");
    const search = JSON.parse(site.read("search.json")) as { title: string; url: string }[];
    assert.ok(search.some((entry) => entry.url === "samplepost.html" && entry.title === "Sample post"));
    assert.match(site.read("feed.xml"), /<generator>Jekyll v4\.3\.1<\/generator>/);
    assert.match(site.read("sitemap.xml"), /<loc>\/mydoc_about\.html<\/loc>/);
    const tooltips = JSON.parse(site.read("tooltips.json")) as { entries: { doc_id: string }[] };
    assert.deepEqual(tooltips.entries.map((entry) => entry.doc_id).sort(), ["baseball", "basketball", "football", "soccer"]);
  });

  it("reads pages built from site.* loops and data as Jekyll's: news list, series, glossary terms", () => {
    const news = contentOf(site, "news.html");
    assert.match(news, /Sample post/);
    assert.doesNotMatch(news, /\{%/, "the posts' own Liquid is rendered");
    assert.match(contentOf(site, "mydoc_seriesdemo1.html"), /Series demo 2/);
    assert.match(contentOf(site, "mydoc_glossary.html"), /Like a little mischevious child/);
  });
});
