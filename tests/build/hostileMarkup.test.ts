import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { parse } from "parse5";
import { build, buildInBackground, FIXTURES, temporaryFolder, type BuildResult } from "../helpers/build.ts";

/** What in parsed markup could run or navigate, as the browser would read it. */
function activeMarkup(markup: string): string[] {
  const found: string[] = [];
  const visit = (node: { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: unknown[] }): void => {
    if (/^(?:script|base|animate|set|noscript|xmp|iframe|object|embed)$/.test(node.nodeName)) found.push(`<${node.nodeName}>`);
    for (const { name, value } of node.attrs ?? []) {
      const url = value.replace(/[\u0000-\u0020]/g, "");
      const image = (node.nodeName === "img" && name === "src") || (node.nodeName === "image" && name === "href");
      if (name.startsWith("on") || (name === "http-equiv" && /refresh/i.test(value)) || /^(?:javascript|vbscript):/i.test(url) || (/^data:/i.test(url) && !(image && /^data:image\//i.test(url)))) found.push(`${name}="${value}"`);
    }
    for (const child of node.childNodes ?? []) visit(child as typeof node);
  };
  visit(parse(markup));
  return found;
}

/** The content part of a framed page, where the tree's own markup is. */
const mainOf = (page: string): string => /<main[\s\S]*<\/main>/.exec(page)?.[0] ?? "";

describe("a tree's markup reaches readers without anything that runs (tests/fixtures/hostile-markup)", () => {
  const input = path.join(FIXTURES, "hostile-markup");
  let site: BuildResult;
  before(() => {
    site = build(input);
  });

  it("builds, with an unsafe-markup warning at the line of each vector", () => {
    assert.equal(site.status, 0, site.stderr);
    const lines = [...site.stdout.matchAll(/^\s+(\S+):(\d+): warning \[unsafe-markup\] (.*?) was removed/gm)].map((m) => `${m[1]}:${m[2]} ${m[3]}`);
    for (const expected of [
      "index.md:11 <script>",
      'index.md:17 onerror="alert(2)"',
      "index.md:19 <noscript>",
      'index.md:19 onerror="alert(3)"',
      "index.md:21 <xmp>",
      'index.md:23 onerror="alert(5)"',
      'index.md:25 onmouseover="alert(8)"',
      'index.md:27 <meta http-equiv="refresh">',
      "index.md:29 <base>",
      "index.md:31 <animate>",
      'index.md:33 href="jav\tascript:alert(16)"',
      'index.md:35 href="data:text/html,x"',
      'index.md:39 src="data:text/html,y"',
      'index.md:41 cite="data:text/html,z"',
      'index.md:43 href="data:text/html,w"',
      'raw.html:5 onload="alert(10)"',
      "bare.html:5 <script>",
      "picture.svg:4 <script>",
      'picture.svg:4 onload="alert(13)"',
      'static-page.html:5 onerror="alert(20)"',
      "static-page.html:6 <script>",
      "drawing.svg:3 <script>",
      'drawing.svg:4 onclick="alert(23)"',
      // `{::options parse_block_html="true" /}` reads the <div> as Markdown: what it holds is still sanitised.
      "options.md:8 <script>",
    ]) {
      assert.ok(lines.includes(expected), `${expected} is reported; got:\n${lines.join("\n")}`);
    }
  });

  it("publishes no handler, script, script URL, refresh, base or animation", () => {
    const pages = { "index.html": mainOf(site.read("index.html")), "options.html": mainOf(site.read("options.html")), "raw.html": mainOf(site.read("raw.html")), "bare.html": site.read("bare.html"), "picture.svg": site.read("picture.svg") };
    for (const [file, markup] of Object.entries(pages)) assert.deepEqual(activeMarkup(markup), [], file);
  });

  it("applies the policy to static .html and .svg files (no front matter), and copies those it leaves alone byte for byte", () => {
    for (const file of ["static-page.html", "drawing.svg"]) assert.deepEqual(activeMarkup(site.read(file)), [], file);
    assert.match(site.read("static-page.html"), /<p>Static page text stays\.<\/p>/);
    assert.match(site.read("static-page.html"), /<head><meta http-equiv="Content-Security-Policy"/);
    assert.match(site.read("drawing.svg"), /<rect width="10" height="10" fill="teal"><\/rect>/);
    for (const file of ["plain.svg", "plain.xml"]) assert.equal(site.read(file), readFileSync(path.join(input, file), "utf8"), `${file} is copied as it is`);
  });

  it("leaves out a static XML file that holds HTML, SVG or a stylesheet, at the line that does", () => {
    assert.match(site.stdout, /active\.xml:4: warning \[unsafe-markup\] http:\/\/www\.w3\.org\/1999\/xhtml makes this XML file able to run script in a browser that opens it: the file was left out/);
    assert.equal(existsSync(path.join(site.output, "active.xml")), false);
  });

  it("keeps everything else: text, the table, the SVG drawing", () => {
    const index = mainOf(site.read("index.html"));
    for (const text of [
      "Text before the vectors stays.",
      "<td>kept</td>",
      "<p>Hover me</p>",
      '<text x="10" y="20">Click</text>',
      "Encoded script link",
      '<img src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E" alt="Inline drawing">',
      '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"></image>',
      "Data in SVG",
      "Text after the vectors stays.",
    ]) {
      assert.ok(index.includes(text), `${text} is kept`);
    }
    assert.match(mainOf(site.read("raw.html")), /Raw page text stays\./);
    assert.match(site.read("picture.svg"), /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*><rect width="10" height="10" fill="navy"><\/rect><\/svg>/);
  });

  it("puts the Content-Security-Policy in every page, framed or not, without frame-ancestors", () => {
    for (const file of ["index.html", "raw.html", "bare.html"]) {
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(site.read(file))?.[1];
      assert.ok(meta, `${file} carries the policy`);
      assert.match(meta.replaceAll("&#39;", "'"), /script-src 'self' 'wasm-unsafe-eval'/);
      assert.doesNotMatch(meta, /frame-ancestors/);
    }
    assert.match(site.read("bare.html"), /<head><meta http-equiv="Content-Security-Policy"[^>]*><title>Bare<\/title><\/head>\s*<body><p>Bare page text stays\.<\/p>/);
  });

  it("fails with --strict", () => {
    const strict = build(input, ["--strict"]);
    assert.equal(strict.status, 1);
    assert.match(strict.stdout + strict.stderr, /\[unsafe-markup\]/);
  });

  it("refuses a script URL in the settings' footer links, naming the file and line", () => {
    const tree = temporaryFolder("gpc-hostile-settings-");
    cpSync(input, tree, { recursive: true });
    writeFileSync(path.join(tree, "_gpconnect-docs.yml"), 'footer:\n  links:\n    - label: Contact us\n      url: "javascript:alert(1)"\n');
    const result = build(tree);
    assert.equal(result.status, 1);
    assert.match(result.stdout + result.stderr, /_gpconnect-docs\.yml:4: error \[settings\] setting footer\.links\.0\.url: must be a site path or an http\(s\) or mailto address/);
  });
});

/** A tree of the given files (path → text). */
function tree(files: Record<string, string>): string {
  const root = temporaryFolder("gpc-hostile-limits-");
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const page = (body: string): string => `---\ntitle: Page\n---\n\n${body}\n`;

/** Nine aliases of nine aliases of …: 9^9 strings once expanded. */
function aliasBomb(): string {
  let yaml = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
  const names = "abcdefghi";
  for (let i = 1; i < names.length; i++) yaml += `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(", ")}]\n`;
  return yaml;
}

describe("every input ends fast, with an error naming the file, line and cause", () => {
  let limits: BuildResult;
  let dataBomb: BuildResult;
  before(async () => {
    [limits, dataBomb] = await Promise.all([
      buildInBackground(
        tree({
          "index.md": page("Home"),
          "_includes/a.html": "A {% include b.html %}\n",
          "_includes/b.html": "B\n{% include a.html %}\n",
          "loop.md": page("Text\n\n{% include a.html %}"),
          "pages/self.md": page("{% include_relative self.md %}"),
          "for.md": page("{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}"),
          "divs.md": page(`${"<div>".repeat(10_000)}deep${"</div>".repeat(10_000)}`),
          "bomb.md": `---\ntitle: Bomb\n${aliasBomb()}---\n\nText\n`,
        }),
      ),
      buildInBackground(tree({ "index.md": page("Home"), "_data/bomb.yml": aliasBomb() })),
    ]);
  });

  const faults = (result: BuildResult): string => result.stdout + result.stderr;

  it("stops includes that include each other, naming the chain at the tag that closes the loop", () => {
    assert.equal(limits.status, 1);
    assert.match(faults(limits), /_includes\/b\.html:2: error \[include-depth\] includes nest deeper than 100 \(Jekyll stops with "Nesting too deep"\): loop\.md → _includes\/a\.html → _includes\/b\.html → _includes\/a\.html \(in loop\.md\)/);
  });

  it("stops a page that includes itself with include_relative", () => {
    assert.match(faults(limits), /pages\/self\.md:5: error \[include-depth\] [^\n]*: pages\/self\.md → pages\/self\.md/);
  });

  it("stops Liquid that renders too long, at the page", () => {
    assert.match(faults(limits), /for\.md:5: error \[liquid-limit\] template render limit exceeded/);
  });

  it("blames ten thousand nested <div>s on their nesting, not on Liquid", () => {
    assert.match(faults(limits), /divs\.md: error \[nesting-depth\] the page's HTML nests too deep to read/);
    assert.doesNotMatch(faults(limits), /divs\.md[^\n]*liquid/i);
  });

  it("stops YAML alias bombs in front matter and in data files, naming the file", () => {
    assert.match(faults(limits), /bomb\.md:4: error \[yaml-aliases\] YAML aliases expand too far/);
    assert.equal(dataBomb.status, 1);
    assert.match(faults(dataBomb), /_data\/bomb\.yml:2: error \[yaml-aliases\] YAML aliases expand too far/);
  });
});
