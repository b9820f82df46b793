import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createMarkdown } from "../../src/markdown/index.ts";
import { parseAttributeList } from "../../src/markdown/kramdownAttributes.ts";
import { slugify } from "../../src/markdown/headingIds.ts";

const md = createMarkdown();
const render = (src: string): string => md.render(src, {});

describe("kramdown attribute lists", () => {
  it("parse classes, ids and quoted attributes", () => {
    assert.deepEqual(parseAttributeList(` .center-image #fig target="_blank" class='no_icon'`).attributes, [
      ["id", "fig"],
      ["target", "_blank"],
      ["class", "center-image no_icon"],
    ]);
  });

  it("drop event-handler attributes", () => {
    assert.deepEqual(parseAttributeList(`onclick="alert(1)" title=x`).attributes, [["title", "x"]]);
  });

  it("become attributes of the link before them, with rel=noopener", () => {
    const out = render(`See [FHIR](https://hl7.org/fhir){:target="_blank"} now.`);
    assert.match(out, /<a href="https:\/\/hl7.org\/fhir" target="_blank" rel="noopener noreferrer">FHIR<\/a> now\./);
    assert.doesNotMatch(out, /\{:/);
  });

  it("carry classes onto links", () => {
    const out = render(`[![x](a.png)](b.html){:target="_blank" class="no_icon"}`);
    assert.match(out, /<a href="b.html" target="_blank" class="no_icon" rel="noopener noreferrer"><img src="a.png" alt="x"><\/a>/);
  });

  it("become attributes of an image", () => {
    assert.match(render(`![a](b.png){:class="img-responsive"}`), /<img src="b.png" alt="a" class="img-responsive">/);
  });

  it("on their own line before a paragraph become the paragraph's attributes", () => {
    const out = render(`{: .center-image }\n![Acute](images/Acute medication.png)`);
    assert.equal(out.trim(), `<p class="center-image"><img src="images/Acute%20medication.png" alt="Acute"></p>`);
  });

  it("on their own line after a paragraph become the paragraph's attributes", () => {
    assert.equal(render("Some text\n{: .lead}").trim(), `<p class="lead">Some text</p>`);
  });

  it("leave literal braces that are not attribute lists alone", () => {
    assert.match(render("JSON `{\"a\": 1}` and {:not closed"), /<code>\{&quot;a&quot;: 1\}<\/code> and \{:not closed/);
  });
});

describe("kramdown HTML blocks", () => {
  it("render Markdown inside markdown=\"1\" elements and drop the attribute", () => {
    const out = render(`<div class="tab-pane" markdown="1">\n\n**bold** and [link](a.html)\n\n</div>`);
    assert.match(out, /<div class="tab-pane">\s*<p><strong>bold<\/strong> and <a href="a.html">link<\/a><\/p>\s*<\/div>/);
    assert.doesNotMatch(out, /markdown=/);
  });

  it("render markdown=\"span\" content inline", () => {
    assert.match(render(`<p markdown="span">*a* b</p>`), /<p><em>a<\/em> b<\/p>/);
  });

  it("keep HTML blocks with blank lines whole, without turning indented lines into code", () => {
    const out = render(`<div class="row">\n\n        <div class="panel">\n\n            Text\n        </div>\n</div>`);
    assert.doesNotMatch(out, /<pre>|<code>/);
    assert.match(out, /<div class="row">[\s\S]*Text[\s\S]*<\/div>\s*<\/div>/);
  });

  it("stop at the closing tag so Markdown right after it is still Markdown", () => {
    const out = render(`<div class="note">Hi</div>\n- item *one*`);
    assert.match(out, /<div class="note">Hi<\/div>\s*<ul>\s*<li>item <em>one<\/em><\/li>/);
  });

  it("handle nested markdown=\"1\" inside a raw block", () => {
    const out = render(`<div class="tab-content">\n<div id="e1" markdown="1">\n\n## Example\n\n</div>\n\n<div id="e2">\n\nraw *text*\n\n</div>\n</div>`);
    assert.match(out, /<h2 id="example">Example<\/h2>/);
    assert.match(out, /raw \*text\*/);
  });

  it("leave code fences alone", () => {
    const out = render("```html\n<div>\n\n</div>\n```");
    assert.match(out, /<pre class="language-markup"/);
    assert.match(out, /div<\/span><span class="token punctuation">><\/span><\/span>\n\n/);
  });
});

describe("headings", () => {
  it("drop closing hashes", () => {
    assert.match(render("## Get started ##"), /<h2 id="get-started">Get started<\/h2>/);
  });

  it("get kramdown GFM auto ids from the raw heading text", () => {
    assert.equal(slugify("Which serialisation format should I choose as an GP Connect API consumer - JSON or XML?"), "which-serialisation-format-should-i-choose-as-an-gp-connect-api-consumer---json-or-xml");
    assert.equal(slugify("[Compartment-based access](http://hl7.org/fhir/compartments.html)"), "compartment-based-accesshttphl7orgfhircompartmentshtml");
    assert.equal(slugify("1.2.2 changes"), "122-changes");
  });

  it("number repeated ids", () => {
    const out = render("## Error handling\n\n## Error handling\n\n## Error handling");
    assert.deepEqual([...out.matchAll(/id="([^"]+)"/g)].map((m) => m[1]), ["error-handling", "error-handling-1", "error-handling-2"]);
  });
});

describe("other kramdown habits", () => {
  it("accept spaces in link and image destinations", () => {
    assert.match(render("![Img](images/overview/GP Connect Model.png)"), /<img src="images\/overview\/GP%20Connect%20Model.png" alt="Img">/);
    assert.match(render(`[doc](pages/a b.xlsx "Title")`), /<a href="pages\/a%20b.xlsx" title="Title">doc<\/a>/);
  });

  it("render footnotes with kramdown's ids, so #fn:1 links keep working", () => {
    const out = render("Text[^1] and again[^1]\n\n[^1]: The note.");
    assert.match(out, /<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1<\/a><\/sup>/);
    assert.match(out, /<sup id="fnref:1:1" role="doc-noteref"><a href="#fn:1"/);
    assert.match(out, /<li id="fn:1" role="doc-endnote"><p>The note\.&#160;<a href="#fnref:1" class="reversefootnote"/);
    assert.match(out, /href="#fnref:1:1" class="reversefootnote" role="doc-backlink">&#8617;<sup>2<\/sup>/);
  });

  it("name footnotes by their label", () => {
    assert.match(render("A[^note]\n\n[^note]: N."), /id="fnref:note"[\s\S]*id="fn:note"/);
  });

  it("render definition lists and abbreviations", () => {
    assert.match(render("FHIR\n: Fast Healthcare Interoperability Resources"), /<dl>\s*<dt>FHIR<\/dt>\s*<dd>Fast Healthcare Interoperability Resources<\/dd>\s*<\/dl>/);
    const out = render("Calls go through the SSP.\n\n*[SSP]: Spine Secure Proxy");
    assert.match(out, /<abbr title="Spine Secure Proxy">SSP<\/abbr>/);
    assert.doesNotMatch(out, /\*\[/);
  });

  it("read indented lines as code", () => {
    assert.match(render("Text\n\n    GET /Patient/1\n"), /<pre><code>GET \/Patient\/1\n<\/code><\/pre>/);
  });

  for (const lang of ["json", "http", "csharp", "java", "xml", "bash", "shell", "text"]) {
    it(`highlights fenced ${lang} code`, () => {
      const out = render("```" + lang + "\n{\"a\": \"<b>\"}\n```");
      assert.match(out, /<pre class="language-/);
      assert.doesNotMatch(out, /<b>/);
      if (lang === "json") assert.match(out, /class="token /);
    });
  }
});

/** Expected output below is what Jekyll 4.3.1 (kramdown 2.4, GFM input) published for the same source. */
describe("raw HTML blocks, as kramdown reads them", () => {
  it("keep a table whole, blank lines and nested block tags included", () => {
    const out = render("<table>\n<thead>\n<tr><th>Step</th></tr>\n</thead>\n\n<tbody>\n<tr><td><p>One</p>\n\n<p>Two</p></td></tr>\n</tbody>\n</table>\nAfter");
    assert.match(out, /^<table>\n<thead>[\s\S]*<p>Two<\/p><\/td><\/tr>\n<\/tbody>\n<\/table>\n<p>After<\/p>/);
    assert.doesNotMatch(out, /kramdown-html/);
  });

  it("read Markdown on the line after the closing tag", () => {
    assert.match(render("<div>\n<p>para</p>\n\n<p>after blank</p>\n</div>\n### Heading after div"), /<\/div>\n<h3 id="heading-after-div">Heading after div<\/h3>/);
  });

  it("read a heading after an inline-HTML line as a heading", () => {
    assert.match(render("<br><br>\n### Heading ###"), /<h3 id="heading">Heading<\/h3>/);
  });

  it("keep comments with blank lines whole", () => {
    const out = render("<!-- a comment\n\nwith blank -->\nAfter comment");
    assert.match(out, /^<!-- a comment\n\nwith blank -->\n<p>After comment<\/p>/);
  });

  it("keep svg whole, never as text", () => {
    const out = render('<svg viewBox="0 0 10 10">\n\n<path d="M0 0"/>\n\n</svg>');
    assert.match(out, /^<svg viewBox="0 0 10 10">\n\n<path d="M0 0"\/>\n\n<\/svg>/);
  });

  it("write a < that starts no tag and stray closing tags as text, as kramdown does", () => {
    const out = render('<pre>\n <button a="<span class="red">x</span>">P</button>\n</pre>');
    assert.match(out, /&lt;button a="<span class="red">x<\/span>"&gt;P&lt;\/button&gt;/);
  });

  it("never leak a placeholder, even where CommonMark runs an HTML block on", () => {
    const out = render('<br>\n<p style="x">Request payload</p>\n\ntext');
    assert.match(out, /<p style="x">Request payload<\/p>/);
    assert.doesNotMatch(out, /kramdown-html/);
  });

  it("show the source of a block markdown-it reads as code", () => {
    const out = render("1. Item\n\n   ```\n---\n   <div>x</div>\n   ```");
    assert.doesNotMatch(out, /kramdown-html/);
  });
});

describe("tables, as kramdown reads them", () => {
  const cells = (html: string, tag: string): string[] => [...html.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, "g"))].map((m) => m[1]!);

  it("need no delimiter row (then there is no header)", () => {
    const out = render("| a | b |\n| c | d |");
    assert.doesNotMatch(out, /<thead>/);
    assert.deepEqual(cells(out, "td"), ["a", "b", "c", "d"]);
  });

  it("pad rows to the widest, whatever the delimiter row's length", () => {
    const out = render("| h1 | h2 |\n|---|\n| x | y | z |");
    assert.deepEqual(cells(out, "th"), ["h1", "h2", ""]);
    assert.deepEqual(cells(out, "td"), ["x", "y", "z"]);
  });

  it("are no table without a body row, and ignore a leading delimiter row", () => {
    assert.doesNotMatch(render("|---|---|\n| e | f |\n|---|---|"), /<table>/);
    const out = render("|---|---|\n| e | f |\n| g | h |");
    assert.deepEqual(cells(out, "td"), ["e", "f", "g", "h"]);
    assert.doesNotMatch(out, /---|<thead>/);
  });

  it("keep pipes inside code and escaped pipes in their cell", () => {
    const out = render("| `a|b` | c \\| d |\n|---|---|\n| 1 | 2 |");
    assert.match(out, /<th><code>a\|b<\/code><\/th>\s*<th>c \| d<\/th>/);
  });

  it("are a paragraph when the only pipe is inside code", () => {
    assert.match(render("The pipe `|` character."), /^<p>The pipe <code>\|<\/code> character\.<\/p>/);
  });

  it("align columns as the delimiter row says", () => {
    assert.match(render("| a | b |\n|:--|--:|\n| 1 | 2 |"), /<td style="text-align: left">1<\/td>\s*<td style="text-align: right">2<\/td>/);
  });

  it("must follow a blank line", () => {
    assert.doesNotMatch(render("## Title\n| a | b |\n|---|---|\n| 1 | 2 |"), /<table>/);
  });
});

describe("heading ids, as kramdown's GFM parser makes them", () => {
  const id = (src: string): string | undefined => /id="([^"]*)"/.exec(render(src))?.[1];

  it("drop entities, keep links' text and code's text, drop dashes made typographic", () => {
    assert.equal(id("## FHIR&reg; version"), "fhir-version");
    assert.equal(id("## [Compartment-based access](http://hl7.org/fhir/compartments.html)"), "compartment-based-access");
    assert.equal(id("## The `Patient` resource -- notes..."), "the-patient-resource--notes");
  });

  it("let an explicit {#id} win, and drop it from the text", () => {
    assert.match(render("## Custom {#my-id}"), /<h2 id="my-id">Custom<\/h2>/);
  });
});

describe("typography, as kramdown's defaults", () => {
  it("makes smart quotes, dashes, ellipses and guillemets", () => {
    const out = render(`He said "hello" and 'bye' -- it's the '80s... << y >> a---b "*em*" *Custer*'s`);
    assert.match(out, /He said “hello” and ‘bye’ – it’s the ’80s… «\u00a0y\u00a0» a—b “<em>em<\/em>” <em>Custer<\/em>’s/);
  });

  it("pairs quotes as kramdown's rules do", () => {
    assert.match(render(`"'Quoted' words"`), /“‘Quoted’ words”/);
  });

  it("leaves code and attributes alone", () => {
    const out = render(`\`"code" -- x\` and <span title="a 'b'">"x"</span>\n\n    "indented" -- code`);
    assert.match(out, /<code>&quot;code&quot; -- x<\/code>/);
    assert.match(out, /<span title="a 'b'">“x”<\/span>/);
    assert.match(out, /<pre><code>&quot;indented&quot; -- code/);
  });
});

describe("lists, as kramdown reads them", () => {
  it("take 1. as an ordered-list marker, not 1)", () => {
    const out = render("1) Fix warnings\n\n2) Fix more\n\n1. real\n2. list");
    assert.match(out, /^<p>1\) Fix warnings<\/p>\n<p>2\) Fix more<\/p>\n<ol>\n<li>real<\/li>/);
  });
});

describe("kramdown extensions", () => {
  it("drop {::comment} and {::options /}, and pass {::nomarkdown} through as it is", () => {
    const out = render('Para\n\n{::comment}\nhidden *x*\n\nmore\n{:/comment}\n\n{::nomarkdown}\n<b>raw *y*</b>\n{:/}\n\n{::options auto_ids="false" /}\nAfter');
    assert.equal(out, "<p>Para</p>\n<b>raw *y*</b>\n<p>After</p>\n");
  });
});

describe("list items, as kramdown collects them", () => {
  it("keep unindented lines after a non-blank line, code samples included, and count from 1", () => {
    const out = render("3. Item\n\n   ```liquid\n---\ntitle: x\n---\n   ```\n\n4. Next\n\n- a\n# Heading\n\npara\n\n- c\n<div>x</div>");
    assert.match(out, /^<ol>\n<li>\n<p>Item<\/p>\n<pre class="language-liquid"><code class="language-liquid">---\ntitle: x\n---<\/code><\/pre>\n<\/li>/);
    assert.match(out, /<li>a\n<h1 id="heading">Heading<\/h1>\n<\/li>/);
    assert.match(out, /<\/ul>\n<div>x<\/div>/);
  });

  it("leave code samples outside lists alone", () => {
    assert.match(render("Top\n\n```\n- not a list\nlazy?\n```"), /<code class="language-plain">- not a list\nlazy\?<\/code>/);
  });
});

describe("HTML blocks inside list items", () => {
  it("are read at the item's indentation, as kramdown reads the item's lines", () => {
    const out = render('1.  Item\n\n     <pre>\n     <button a="<span class="red">x</span>">P</button>\n     </pre>\n\n2.  Two\n\n    ```html\n    <div>\n\n    </div>\n    ```');
    assert.match(out, /<li>\n<p>Item<\/p>\n <pre>\n {5}&lt;button a="<span class="red">x<\/span>"&gt;P&lt;\/button&gt;\n {5}<\/pre>\n<\/li>/);
    assert.match(out, /<pre class="language-markup"><code class="language-markup">/);
    assert.doesNotMatch(out, /kramdown-html/);
  });
});

describe("kramdown's blocks, as its own test suite has them", () => {
  it("end a block at a ^ line, which leaves nothing", () => {
    assert.equal(render("* a\n^\n* b"), "<ul>\n<li>a</li>\n</ul>\n<ul>\n<li>b</li>\n</ul>\n");
    assert.equal(render("para\n^\nnext"), "<p>para</p>\n<p>next</p>\n");
  });

  it("give a list item's first paragraph a <p> only when a blank line follows it in the item", () => {
    assert.equal(render("* a\n* b"), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
    assert.equal(render("* a\n\n* b\n"), "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n");
    assert.match(render("* a\n* b\n\n* c\n* d"), /<li>a<\/li>\n<li>\n<p>b<\/p>\n<\/li>\n<li>c<\/li>\n<li>d<\/li>/);
  });

  it("end a paragraph at any list marker, and read a marker of the other kind after an item as a nested list", () => {
    assert.equal(render("For\n5. Only"), "<p>For</p>\n<ol>\n<li>Only</li>\n</ol>\n");
    assert.match(render("1. one\n- two"), /<ol>\n<li>one\n<ul>\n<li>two<\/li>\n<\/ul>\n<\/li>\n<\/ol>/);
  });

  it("write $$ math as MathJax's delimiters, display math when it stands alone", () => {
    assert.equal(render("x $$a<b$$ y"), "<p>x \\(a&lt;b\\) y</p>\n");
    assert.equal(render("$$\na&b \\\\\n$$"), "\\[a&amp;b \\\\\\]\n");
    assert.equal(render("{: .eq}\n$$x$$"), `<div class="eq">\\[x\\]\n</div>\n`);
  });

  it("give an attribute list on its own line to the block before it, or else to the next", () => {
    assert.equal(render("---\n{: .rule}"), `<hr class="rule">\n`);
    assert.equal(render("    code\n{: #c}"), `<pre id="c"><code>code\n</code></pre>\n`);
    assert.equal(render("* a\n{: .list}"), `<ul class="list">\n<li>a</li>\n</ul>\n`);
    assert.equal(render("> q\n{: #quote}"), `<blockquote id="quote">\n<p>q</p>\n</blockquote>\n`);
    assert.match(render("| a | b |\n{: .t}"), /<table class="t">/);
    assert.match(render("term\n: def\n{: .d}"), /<dl class="d">/);
    assert.equal(render("Paragraph\n{:.cls}\nParagraph"), `<p class="cls">Paragraph</p>\n<p>Paragraph</p>\n`);
    assert.match(render("```json\n{}\n```\n{: #sample}"), /^<pre id="sample" class="language-json"|^<pre class="language-json"[^>]* id="sample"/);
  });

  it("resolve attribute list definitions ({:name: …}) wherever they stand", () => {
    assert.equal(render("Para\n{: ref #p}\n\n{:ref: .x}"), `<p class="x" id="p">Para</p>\n`);
  });

  it("give a list item its own attributes, and span lists to the element before them", () => {
    assert.match(render("* {:.done} task"), /<li class="done">task<\/li>/);
    assert.equal(render("a `c`{: .x}{: #y} and **b**{: .z}"), `<p>a <code class="x" id="y">c</code> and <strong class="z">b</strong></p>\n`);
  });

  it("drop a span list after plain text, which annotates nothing", () => {
    assert.equal(render("text{: .x}"), "<p>text</p>\n");
  });

  it("replace a {:toc} list with the table of contents, leaving out no_toc headings", () => {
    const out = render("# Contents\n{: .no_toc}\n\n* TOC\n{:toc}\n\n# One\n\n## Two {#two}");
    assert.match(out, /<ul id="markdown-toc">\n<li><a href="#one" id="markdown-toc-one">One<\/a><ul>\n<li><a href="#two" id="markdown-toc-two">Two<\/a><\/li>/);
    assert.doesNotMatch(out, /\{:toc\}|TOC|markdown-toc-contents/);
  });

  it("open a fence only with at most one word after it, and only when it is closed", () => {
    assert.equal(render("~~~ not code\ntext"), "<p>~~~ not code\ntext</p>\n");
    assert.equal(render("~~~~~~\nnot code"), "<p>~~~~~~\nnot code</p>\n");
    assert.match(render("```ruby\nx\n```\nafter"), /<\/pre>\n<p>after<\/p>/);
  });

  it("take lazy lines into indented code, joined by a space", () => {
    assert.equal(render("    code\nlazy"), "<pre><code>code lazy\n</code></pre>\n");
  });

  it("read a setext underline only under one line of text", () => {
    assert.equal(render("one\ntwo\n==="), "<p>one\ntwo\n===</p>\n");
    assert.equal(render("Title\n====="), `<h1 id="title">Title</h1>\n`);
  });

  it("read a rule of spaced marks before a list item", () => {
    assert.equal(render("- - -\n_  _ _"), "<hr>\n<hr>\n");
  });
});

describe("kramdown's spans, as its own test suite has them", () => {
  it("write strikethrough as <del>, by kramdown-parser-gfm's pattern", () => {
    assert.equal(render("~~gone~~ and ~~~no~~~"), "<p><del>gone</del> and ~<del>no</del>~</p>\n");
  });

  it("make task list items checkboxes", () => {
    const out = render("- [x] done\n- [ ] open");
    assert.match(out, /<ul class="task-list">\n<li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled="disabled" checked="checked" \/>done/);
    assert.match(out, /<li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled="disabled" \/>open/);
  });

  it("pair emphasis markers by kramdown's left-to-right scan, not CommonMark's delimiter runs", () => {
    assert.equal(render("***test***"), "<p><strong><em>test</em></strong></p>\n");
    assert.equal(render("This ****is empty."), "<p>This <em>**</em>is empty.</p>\n");
    assert.equal(render("This is **a *star*."), "<p>This is <em>*a *star</em>.</p>\n");
    assert.equal(render("And *nest**ed* like** this."), "<p>And *nest<strong>ed* like</strong> this.</p>\n");
    assert.equal(render("Some***what* more * ***he*re"), "<p>Some<em>**what</em> more * <em>**he</em>re</p>\n");
    assert.equal(render("*a _b_ c* and a__2__c and snake_case_name"), "<p><em>a _b_ c</em> and a__2__c and snake_case_name</p>\n");
  });

  it("pair a paragraph of 100,000 unclosed markers in one pass, not one rescan per marker", () => {
    const start = process.cpuUsage();
    const out = md.render(`a ${"*a **b _c __d ".repeat(25_000)}`);
    const used = process.cpuUsage(start);
    assert.doesNotMatch(out, /<em>|<strong>/);
    // About 0.3 s of CPU here; a rescan per marker would take minutes.
    assert.ok(used.user + used.system < 5_000_000, `took ${Math.round((used.user + used.system) / 1000)} ms of CPU`);
  });

  it("read code spans as kramdown does: a spaced lone backtick is text, a span ends at the first run as long as its opener", () => {
    assert.equal(render("a ` b and \\`c\\` d"), "<p>a ` b and `c` d</p>\n");
    assert.equal(render("`a``b` and `` `x` `` and x` y `"), "<p><code>a</code><code>b</code> and <code>`x`</code> and x<code> y </code></p>\n");
  });

  it("read link definitions as kramdown does: spaces in the URL, a title after no space or on the next line, the last one wins", () => {
    const out = render(`[a], [b], [c], [d]\n\n[a]: some spaces.html\n[b]:test.html#'x' 'T'\n[c]: one.html\n    "Next line"\n[d]: first.html\n[d]: second.html\n`);
    assert.equal(out, `<p><a href="some%20spaces.html">a</a>, <a href="test.html#'x'" title="T">b</a>, <a href="one.html" title="Next line">c</a>, <a href="second.html">d</a></p>\n`);
    assert.match(render("[a]\n\n[a]: p.html (Title)\n"), /<a href="p.html" title="Title">a<\/a>/);
  });

  it("read links as kramdown does: a reference after a space, no link inside a link's text, no empty title", () => {
    assert.equal(render("[text] [ref] and [text]\n[ref]\n\n[ref]: r.html"), `<p><a href="r.html">text</a> and <a href="r.html">text</a></p>\n`);
    assert.equal(render("[URL with [no](link.html) inside](x.html)"), `<p><a href="x.html">URL with [no](link.html) inside</a></p>\n`);
    assert.equal(render(`[a](/to(do "doit") and [b](x.html '')`), `<p><a href="/to(do" title="doit">a</a> and [b](x.html ‘’)</p>\n`);
  });

  it("read a paragraph of unclosed brackets and nested links in one pass", () => {
    const start = process.cpuUsage();
    md.render(`${"[a [b](c) ".repeat(20_000)} ${"[a](b(".repeat(20_000)}`);
    const used = process.cpuUsage(start);
    // About 0.3 s of CPU here; reading each bracket to the end of the paragraph would take minutes.
    assert.ok(used.user + used.system < 5_000_000, `took ${Math.round((used.user + used.system) / 1000)} ms of CPU`);
  });

  it("place the notes at a {:footnotes} list, and leave the list out when there are none", () => {
    assert.match(render("* here\n{:footnotes}\n\nText[^1].\n\n[^1]: Note."), /^<div class="footnotes" role="doc-endnotes">[\s\S]*Note\.[\s\S]*<\/div>\n<p>Text<sup/);
    assert.equal(render("* here\n{:footnotes}\n\nText."), "<p>Text.</p>\n");
  });

  it("read abbreviations as kramdown does: an empty expansion, the last definition, attribute lists around it", () => {
    assert.equal(render("CSS and HTML here\n\n*[CSS]: First\n*[CSS]: Cascading\n*[HTML]:\n{:.x}\n"), `<p><abbr title="Cascading">CSS</abbr> and <abbr class="x">HTML</abbr> here</p>\n`);
    // A definition does not end a paragraph: it is text, and defines nothing.
    assert.equal(render("text\n*[x]: y\n\nx"), "<p>text\n*[x]: y</p>\n<p>x</p>\n");
  });

  it("read an empty list item as an item, not as a lazy line of the one before", () => {
    assert.equal(render("- > quote\n- \n- second"), "<ul>\n<li>\n<blockquote>\n<p>quote</p>\n</blockquote>\n</li>\n<li></li>\n<li>second</li>\n</ul>\n");
  });

  it("show a mailto autolink's address without mailto:", () => {
    assert.equal(render("<mailto:a@b.org>"), `<p><a href="mailto:a@b.org">a@b.org</a></p>\n`);
  });

  it("read autolinks as kramdown does: entity references read, any script's e-mail address, no other scheme", () => {
    assert.equal(render("<http://e.com/?a&amp;b=&quot;c--d> <übung@hülse.de> <urn:x:y>"), `<p><a href="http://e.com/?a&amp;b=%22c--d">http://e.com/?a&amp;b=&quot;c--d</a> <a href="mailto:%C3%BCbung@xn--hlse-0ra.de">übung@hülse.de</a> &lt;urn:x:y&gt;</p>\n`);
  });

  it("keep backslashes kramdown does not read as escapes, and break lines at \\\\", () => {
    assert.equal(render("a \\^ b \\& c \\* d"), "<p>a \\^ b \\&amp; c * d</p>\n");
    assert.equal(render("line\\\\\nnext"), "<p>line<br>\nnext</p>\n");
  });

  it("make guillemets of << and >>, and open a quote before emphasis", () => {
    assert.equal(render("<<Patient>> and \"*x*\""), "<p>«Patient» and “<em>x</em>”</p>\n");
    assert.match(render("* <<Patient>>"), /<li>«Patient»<\/li>/);
  });

  it("keep an inline element marked markdown=\"0\" as raw HTML, and read tag names with a prefix", () => {
    assert.equal(render(`a <span markdown="0">*x* <b markdown="1">*y*</b></span> <some:url n:s='v'>z</some:url>`), `<p>a <span>*x* <b><em>y</em></b></span> <some:url n:s='v'>z</some:url></p>\n`);
  });

  it("keep span HTML content raw after an inline {::options parse_span_html=\"false\" /}", () => {
    assert.match(render(`a {::options parse_span_html="false" /}<span>*x*</span> <b markdown="1">*y*</b>`), /^<p>a <span>\*x\*<\/span> <b[^>]*><em>y<\/em><\/b><\/p>\n$/);
    assert.equal(render("<span>*x*</span>"), "<p><span><em>x</em></span></p>\n");
  });

  it("open a quote after a marker that opened nothing, and read a link's text and a code span when a quote stands before them", () => {
    assert.equal(render(`x (.,**"word y`), "<p>x (.,**“word y</p>\n");
    assert.equal(render("[a](x)'[b](y) and `c`\"d"), `<p><a href="x">a</a>‘<a href="y">b</a> and <code>c</code>“d</p>\n`);
  });

  it("leave typography out of code, kbd, samp and var", () => {
    assert.equal(render("<kbd>--version</kbd> --"), "<p><kbd>--version</kbd> –</p>\n");
  });

  it("read {::comment}, {::nomarkdown} and {::options /} inside a paragraph", () => {
    assert.equal(render("a {::comment}hidden{:/} b {::nomarkdown}*raw*{:/} c{::options parse_span_html=\"false\" /}"), "<p>a  b *raw* c</p>\n");
    assert.equal(render("a {::nomarkdown type=\"latex\"}\\LaTeX{:/} b"), "<p>a  b</p>\n");
  });

  it("put a note's back link in a paragraph of its own when the note ends in no paragraph", () => {
    assert.match(render("x[^1]\n\n[^1]:\n    > quote"), /<\/blockquote>\n<p><a href="#fnref:1" class="reversefootnote"/);
  });
});

describe("kramdown, as generated specification pages use it", () => {
  it("keep a heading id with a dot", () => {
    assert.equal(render("## X {#a.b}"), `<h2 id="a.b">X</h2>\n`);
  });

  it("keep the empty first cell of a row in a table without outer pipes", () => {
    assert.match(render("a | b\n--|--\n | x\n"), /<tr>\n<td><\/td>\n<td>x<\/td>\n<\/tr>/);
    assert.match(render("| a | b |\n|--|--|\n| | x |\n"), /<tr>\n<td><\/td>\n<td>x<\/td>\n<\/tr>/);
  });

  it("end a footnote definition before a link definition on the next line", () => {
    const out = render("Text[^1] and [x][ref].\n\n[^1]: Note.\n[ref]: http://e.com\n");
    assert.match(out, /and <a href="http:\/\/e.com">x<\/a>\./);
    assert.doesNotMatch(out, /\[ref\]/);
  });
});

describe("definition lists, as kramdown reads them", () => {
  const squash = (html: string): string => html.replace(/>\n+</g, "><").trim();
  it("make every line before a `:` line a term", () => {
    assert.equal(squash(render("kram\n*down*\nnow\n: definition")), "<dl><dt>kram</dt><dt><em>down</em></dt><dt>now</dt><dd>definition</dd></dl>");
  });

  it("wrap a definition's first paragraph in <p> only after a blank line", () => {
    assert.equal(squash(render("term\n\n: one\n: two\n\n: three")), "<dl><dt>term</dt><dd><p>one</p></dd><dd>two</dd><dd><p>three</p></dd></dl>");
  });

  it("give a `:` line's attribute list to the definition and start its content four columns in", () => {
    assert.equal(squash(render("item\n: {:.class}\n        code\n: {:.cls} text")), '<dl><dt>item</dt><dd class="class"><pre><code>code\n</code></pre></dd><dd class="cls">text</dd></dl>');
  });

  it("keep lazy lines in the definition, and end it at a less indented line after a blank one", () => {
    assert.equal(squash(render("term\n: def\nlazy\n\nafter")), "<dl><dt>term</dt><dd>def\nlazy</dd></dl><p>after</p>");
  });

  it("join definition lists parted only by blank lines, but not those parted by `^` or two blank lines before the `:`", () => {
    assert.equal(squash(render("a\n: 1\n\n\nb\n: 2")), "<dl><dt>a</dt><dd>1</dd><dt>b</dt><dd>2</dd></dl>");
    assert.equal((render("a\n: 1\n^\nb\n: 2").match(/<dl>/g) ?? []).length, 2);
    assert.equal(squash(render("para\n\n\n: no definition")), "<p>para</p><p>: no definition</p>");
  });

  it("end at the next item of a list around it", () => {
    assert.equal(squash(render("* item\n\n  term\n  : def\n* two")), "<ul><li><p>item</p><dl><dt>term</dt><dd>def</dd></dl></li><li><p>two</p></li></ul>");
  });

  it("take time in proportion to the input, however the lists are nested or joined", () => {
    const cpu = (src: string): number => {
      const start = process.cpuUsage();
      render(src);
      const used = process.cpuUsage(start);
      return used.user + used.system;
    };
    const shapes = [(n: number) => "t\n: d\n\n".repeat(n), (n: number) => "term\n".repeat(n) + ": d\n", (n: number) => "t\n" + Array.from({ length: n }, (_, i) => `${" ".repeat(2 * (i % 200))}: t\n`).join("")];
    for (const shape of shapes) {
      cpu(shape(200));
      const ratio = cpu(shape(20_000)) / Math.max(cpu(shape(2_000)), 1);
      // Linear work gives about 10; a quadratic rule gives about 100.
      assert.ok(ratio < 35, `ten times the input took ${ratio.toFixed(1)} times the time`);
    }
  });
});

describe("blocks kramdown reads on where CommonMark stops", () => {
  const squash = (html: string): string => html.replace(/>\n+</g, "><").trim();
  it("keep items with another bullet marker in the same list", () => {
    assert.equal(squash(render("* one\n+ two\n\n- three")), "<ul><li>one</li><li><p>two</p></li><li>three</li></ul>");
    assert.equal((render("* one\n\n## header\n\n+ two").match(/<ul>/g) ?? []).length, 2);
  });

  it("read an item's text five or more columns after its marker as text, its content starting there", () => {
    assert.equal(squash(render("*     text\n      more\n\n          code\n\n* next")), "<ul><li><p>text\nmore</p><pre><code>code\n</code></pre></li><li><p>next</p></li></ul>");
    assert.equal(squash(render("* \t  \tsome text\n        * nested")), "<ul><li>some text\n<ul><li>nested</li></ul></li></ul>");
  });

  it("keep a lazy marker line after a nested list as text of the deepest item, as kramdown does", () => {
    assert.equal(squash(render("1. Do this\n   * detail\n* Another bullet")), "<ol><li>Do this\n<ul><li>detail\n* Another bullet</li></ul></li></ol>");
    assert.equal(squash(render("* a\n  * b\n* c")), "<ul><li>a\n<ul><li>b</li></ul></li><li>c</li></ul>");
  });

  it("start an item at a marker with nothing after it, its content four columns in", () => {
    assert.equal(squash(render("- > quoted\n- \n- \n        code\n- last")), "<ul><li><blockquote><p>quoted</p></blockquote></li><li></li><li><pre><code>code\n</code></pre></li><li>last</li></ul>");
  });

  it("keep every line after a `>` line in the quote up to a blank line, a heading as well", () => {
    assert.equal(squash(render("> quote\n### not a header\n\nafter")), '<blockquote><p>quote</p><h3 id="not-a-header">not a header</h3></blockquote><p>after</p>');
    assert.equal(squash(render("> quote\n<div>raw</div>")), "<blockquote><p>quote</p></blockquote><div>raw</div>");
    assert.equal(squash(render("> quote\n* list\n* more")), "<blockquote><p>quote</p><ul><li>list</li><li>more</li></ul></blockquote>");
    assert.match(render("```\n> code\nline\n```"), /<code[^>]*>&gt; code\nline<\/code>/);
  });

  it("read an ATX heading with no text as paragraph text, and drop closing hashes before an {#id}", () => {
    assert.equal(squash(render("para\n#\n\n# ")), "<p>para\n#</p><p>#</p>");
    assert.equal(squash(render("### Header ## {#Id}")), '<h3 id="Id">Header</h3>');
  });
});

describe("tables, as kramdown splits and keeps them", () => {
  it("keep a <code> element's pipes in its cell", () => {
    assert.equal((render("| a <code>x | y</code> b | c |").match(/<td>/g) ?? []).length, 2);
  });

  it("are no table when a code span runs from a line with no table pipe onto the next", () => {
    assert.doesNotMatch(render("cell 1 \\| cell `2 | cell 3\ncell 1` | cell 2 | cell 3"), /<table>/);
    assert.match(render("cell 1 | cell `2 | cell 3\ncell 1` | cell 2 | cell 3"), /<table>/);
  });

  it("start right after an attribute list line, which they take", () => {
    assert.match(render("{:.cls}\n| table | with | ial"), /<table class="cls">/);
  });

  it("take time in proportion to the row, however many backticks and <code> tags are unclosed", () => {
    const cpu = (src: string): number => {
      const start = process.cpuUsage();
      render(src);
      const used = process.cpuUsage(start);
      return used.user + used.system;
    };
    for (const unit of ["` ``", "<code>| ", "``` `` "]) {
      const row = (n: number): string => `| a | ${unit.repeat(n)} |\n`;
      cpu(row(100));
      const ratio = cpu(row(20_000)) / Math.max(cpu(row(2_000)), 1);
      assert.ok(ratio < 35, `ten times the row took ${ratio.toFixed(1)} times the time (${unit})`);
    }
  });
});

describe("standalone images", () => {
  it("make a paragraph holding only an image marked {: standalone} a figure captioned with the alt text", () => {
    assert.equal(render('![A map](map.png){: .wide standalone}').trim(), '<figure class="wide"><img src="map.png" alt="A map"><figcaption>A map</figcaption></figure>');
    assert.match(render("Text ![A map](map.png){: standalone}"), /^<p>Text <img/);
    assert.doesNotMatch(render("![A map](map.png){: .wide}"), /<figure/);
  });
});

describe("{::options /}, as kramdown obeys it", () => {
  it("read block HTML after parse_block_html=\"true\" as Markdown, by each element's content model", () => {
    const out = render('<div>\n*raw*\n</div>\n\n{::options parse_block_html="true" /}\n\n<div>\n*read*\n</div>\n\n<pre>\n*raw*\n</pre>\n');
    assert.match(out, /<div>\n\*raw\*\n<\/div>/);
    assert.match(out, /<div>\s*<p><em>read<\/em><\/p>\s*<\/div>/);
    assert.match(out, /<pre>\n\*raw\*\n<\/pre>/);
  });

  it("number the page's footnotes from footnote_nr, and drop generated heading ids with auto_ids=\"false\"", () => {
    const out = render('# Title\n\n{::options footnote_nr="10" auto_ids="false" /}\n\nText[^a].\n\n[^a]: Note.');
    assert.match(out, /rel="footnote">10<\/a>/);
    assert.match(out, /<ol start="10">/);
    assert.match(out, /<h1>Title<\/h1>/);
  });

  it("leave other pages alone", () => {
    render('{::options footnote_nr="10" /}\n\nText[^a].\n\n[^a]: Note.');
    assert.match(render("Text[^a].\n\n[^a]: Note."), /rel="footnote">1<\/a>/);
  });
});

describe("closing tags in a paragraph, as kramdown reads them", () => {
  it("print a closing tag that closes nothing open as text, and keep </br> a line break", () => {
    assert.equal(render("Some <em>span</em> here</em> and <b>x</b></a>.").trim(), "<p>Some <em>span</em> here&lt;/em&gt; and <b>x</b>&lt;/a&gt;.</p>");
    assert.match(render("one</br>two"), /one<\/br>two/);
    assert.equal(render("<div>\nkept\n</div>\n</div>\n").trim(), "<div>\nkept\n</div>\n<p>&lt;/div&gt;</p>");
    assert.equal(render("> quote\n</div>").trim(), "<blockquote>\n<p>quote</p>\n</blockquote>\n<p>&lt;/div&gt;</p>");
  });
});
