import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createMarkdown } from "../../src/markdown/index.ts";
import { parseAttributeList } from "../../src/markdown/kramdownAttributes.ts";
import { slugify } from "../../src/markdown/headingIds.ts";

const md = createMarkdown();
const render = (src: string): string => md.render(src, {});

describe("kramdown attribute lists", () => {
  it("parse classes, ids and quoted attributes", () => {
    assert.deepEqual(parseAttributeList(` .center-image #fig target="_blank" class='no_icon'`), [
      ["id", "fig"],
      ["target", "_blank"],
      ["class", "center-image no_icon"],
    ]);
  });

  it("drop event-handler attributes", () => {
    assert.deepEqual(parseAttributeList(`onclick="alert(1)" title=x`), [["title", "x"]]);
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
