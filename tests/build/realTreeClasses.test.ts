import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import { parse, type HTMLElement } from "node-html-parser";
import { buildInBackground, FIXTURES, type BuildResult } from "../helpers/build.ts";
import { CLASS_DIFFERENCES } from "../fidelity/differences.ts";
import { measureOurPage } from "../fidelity/measure.ts";

/**
 * Classes of input that cost real trees content (issue 21), one small tree each
 * (tests/fixtures/realtree-*), built with the real CLI. Each tree was also built
 * with Jekyll 4.3.1 (`JEKYLL_NO_BUNDLER_REQUIRE=true jekyll build -s TREE -d OUT`);
 * the facts asserted here are what Jekyll printed for it, quoted in the comments.
 */
/** The page's content, with the elements inside `<pre>` parsed too (node-html-parser keeps a `<pre>` as text by default). */
const content = (site: BuildResult, file: string): HTMLElement => parse(site.read(file), { blockTextElements: { script: true, style: true } }).querySelector(".app-content")!;
const build = (name: string): Promise<BuildResult> => buildInBackground(path.join(FIXTURES, name));

describe("site.data is the data as written: a glossary of { term, definition }", () => {
  let site: BuildResult;
  before(async () => {
    site = await build("realtree-glossary-terms");
  });

  it("builds without a glossary warning", () => {
    assert.equal(site.status, 0, site.stdout + site.stderr);
    assert.doesNotMatch(site.stdout + site.stderr, /\[glossary\]/);
  });

  it("the glossary page's `sort_natural: \"term\"` loop renders every term, in order, with its id", () => {
    // Jekyll: <dt id="api">api</dt> … <dt id="pds">PDS</dt> … <dt id="spine-secure-proxy">Spine Secure Proxy</dt>, each <dd> a <p>.
    const page = content(site, "glossary.html");
    assert.deepEqual(
      page.querySelectorAll("dt").map((dt) => [dt.id, dt.text]),
      [
        ["api", "api"],
        ["pds", "PDS"],
        ["spine-secure-proxy", "Spine Secure Proxy"],
      ],
    );
    assert.deepEqual(page.querySelectorAll("dd > p").map((p) => p.text), ["An application programming interface.", "Personal Demographics Service, the national register of patients.", "The front door to Spine: every request passes through it."]);
  });

  it("Liquid sees the list as written, and the tooltip reads term and definition", () => {
    // Jekyll: "The first entry, as written: Spine Secure Proxy has 3 entries."
    const home = content(site, "index.html");
    assert.match(home.text, /The first entry, as written: Spine Secure Proxy has 3 entries\./);
    const term = home.querySelector("a.app-glossary-term");
    assert.equal(term?.text, "PDS");
    assert.equal(term?.getAttribute("href"), "/glossary.html#pds");
    assert.equal(term?.getAttribute("data-definition"), "Personal Demographics Service, the national register of patients.");
  });
});

describe("Liquid inside {% highlight %} is rendered first", () => {
  let site: BuildResult;
  before(async () => {
    site = await build("realtree-highlight-include");
  });

  it("an include inside shows the file as highlighted code, its own Liquid rendered", () => {
    assert.equal(site.status, 0, site.stdout + site.stderr);
    const blocks = content(site, "index.html").querySelectorAll("pre code");
    // Jekyll: <Bundle xmlns="http://hl7.org/fhir"> … <id value="bundle-1"/> …, highlighted as XML.
    assert.match(blocks[0]!.text, /^<Bundle xmlns="http:\/\/hl7.org\/fhir">\n {2}<id value="bundle-1"\/>/);
    assert.ok(blocks[0]!.querySelector("span"), "highlighted");
    assert.doesNotMatch(content(site, "index.html").text, /\{%/);
  });

  it("variables inside are rendered, and {% raw %} keeps Liquid as text", () => {
    const blocks = content(site, "index.html").querySelectorAll("pre code");
    // Jekyll: "GET /Patient/1 HTTP/1.1" and "{{ page.title }}".
    assert.equal(blocks[1]!.text, "GET /Patient/1 HTTP/1.1");
    assert.equal(blocks[2]!.text, "{{ page.title }}");
  });
});

describe("unclosed elements end where their parent ends", () => {
  let site: BuildResult;
  before(async () => {
    site = await build("realtree-raw-html");
  });

  it("a markdown=\"span\" callout with unclosed <a> and <b>: the page after it is Markdown again", () => {
    assert.equal(site.status, 0, site.stdout + site.stderr);
    const page = content(site, "index.html");
    // Jekyll: <b><a href="x.html"><b>Title</b></a></b></div>, then <h2 id="after-the-callout">, a <ul> of two items, a <p> with <strong>.
    assert.equal(page.querySelector("a[href='x.html']")?.parentNode?.tagName, "B");
    assert.equal(page.querySelector("h2")?.id, "after-the-callout");
    assert.deepEqual(page.querySelectorAll("ul > li").map((li) => li.text), ["first item", "second item"]);
    assert.equal(page.querySelector("p strong")?.text, "bold");
    assert.doesNotMatch(page.text, /^## |^- first|\*\*bold\*\*/m);
  });

  it("a markdown=\"1\" block with unclosed <b> and <i>: closed at </div>, Markdown after it", () => {
    const page = content(site, "index.html");
    // Jekyll: <div class="note"><p><b>Bold never closed, in Markdown <i>and italic</i></b></p></div>, then <h3 id="still-markdown">, an <ol>.
    assert.match(page.querySelector("div.note > p > b > i")?.text ?? "", /^and italic\s*$/);
    assert.equal(page.querySelector("h3")?.id, "still-markdown");
    assert.deepEqual(page.querySelectorAll("ol > li").map((li) => li.text), ["one", "two"]);
  });

  it("an SVG's <?xml?> declaration is not shown (a listed difference: Jekyll prints it as a paragraph)", () => {
    assert.equal(CLASS_DIFFERENCES["xml-declaration"]?.fixture, "realtree-raw-html");
    // Jekyll: <p>&lt;?xml version=”1.0” encoding=”UTF-8” standalone=”no”?&gt;</p>, then the <svg>, then "After the diagram."
    const page = content(site, "svg.html");
    // Measured as the fidelity test measures a page (htmlparser2, which reads `<?…?>` as a browser does: not text).
    assert.doesNotMatch(measureOurPage(site.read("svg.html")).text, /xml/);
    assert.equal(page.querySelector("svg text")?.text, "Request");
    assert.equal(page.querySelectorAll("p").at(-1)?.text, "After the diagram.");
  });
});

describe("an include's arguments never cost the include", () => {
  let site: BuildResult;
  before(async () => {
    site = await build("realtree-include-args");
  });

  it('image.html max-width="200px" keeps the picture, at most 200 px wide', () => {
    assert.equal(site.status, 0, site.stdout + site.stderr);
    // Jekyll: <img … alt="A diagram" style="max-width: 200pxpx" /><figcaption>The diagram</figcaption>.
    const figure = content(site, "index.html").querySelectorAll("figure")[0]!;
    assert.equal(figure.querySelector("img")?.getAttribute("alt"), "A diagram");
    assert.ok(figure.classList.contains("app-figure--max-px-200"));
    assert.equal(figure.querySelector("figcaption")?.text, "The diagram");
    assert.doesNotMatch(site.stdout, /index\.md.*include-argument/);
  });

  it("a bare max-width is read in the unit this tree's own image.html writes (pixels here)", () => {
    // Jekyll: <img … alt="An icon" style="max-width: 80px" />.
    const figure = content(site, "index.html").querySelectorAll("figure")[2]!;
    assert.equal(figure.querySelector("img")?.getAttribute("alt"), "An icon");
    assert.ok(figure.classList.contains("app-figure--max-px-100"), figure.classNames);
  });

  it("an argument only the tree's own include reads renders the tree's include", () => {
    // Jekyll: <img class="docimage" src="images/x.png" alt="Narrow diagram" width="120" />.
    const img = content(site, "index.html").querySelectorAll("figure")[1]?.querySelector("img");
    assert.equal(img?.getAttribute("width"), "120");
    assert.equal(img?.getAttribute("alt"), "Narrow diagram");
  });

  it("every component given arguments of the wrong type keeps the page's content", () => {
    const page = content(site, "wrongtypes.html");
    // Jekyll: "Note: 42", "Tip: alphabeta", "Important: ", "Warning: 42", "Roadmap: alphabeta", "To do: 42", "Download: 42", "Callout body kept".
    assert.deepEqual(
      page.querySelectorAll(".app-callout").map((callout) => callout.text),
      ["Note:42", "Tip:alphabeta", "Important:", "Warning:42", "Roadmap:alphabeta", "To do:42", "Download:42", "Callout body kept"],
    );
    // Jekyll: the figure with alt "Still shown" and "Caption kept"; the inline image with alt "42"; the command "42" titled "alphabeta".
    assert.equal(page.querySelector("figure.app-figure img")?.getAttribute("alt"), "Still shown");
    assert.equal(page.querySelector("figure.app-figure figcaption")?.text, "Caption kept");
    assert.equal(page.querySelector("img.app-inline-image")?.getAttribute("alt"), "42");
    assert.equal(page.querySelector(".app-command__title")?.text, "alphabeta");
    assert.equal(page.querySelector(".app-command code")?.text, "42");
  });

  it("an inline image in running text stays in its paragraph (a listed difference: Jekyll's include splits it)", () => {
    assert.equal(CLASS_DIFFERENCES["inline-image-paragraph"]?.fixture, "realtree-include-args");
    // Jekyll: <p>Press <img class="inline" … alt="the button" /></p> <p>to go on.</p>
    const paragraph = content(site, "wrongtypes.html").querySelector("p:has(img.app-inline-image)");
    assert.equal(paragraph?.text, "Press  to go on.");
    assert.equal(paragraph?.querySelector("img")?.getAttribute("alt"), "the button");
  });

  it("warns only where something is missing or dropped, naming the line", () => {
    const said = site.stdout + site.stderr;
    assert.match(said, /wrongtypes\.md:12: warning \[include-argument\] important\.html needs the argument "content"; it is shown without it/);
    assert.match(said, /wrongtypes\.md:22: warning \[include-argument\] callout\.html argument "type" \("pink"\) cannot be used/);
    assert.match(said, /wrongtypes\.md:24: warning \[include-argument\] image\.html argument "max-width" \("wide"\) cannot be used/);
    assert.match(said, /3 warnings in 1 file/);
  });
});

describe("blocks inside list items, as generated specification pages write them (issue 21 item 4)", () => {
  let site: BuildResult;
  let page: HTMLElement;
  /** An element's shape: its tag, its children's in brackets; the project's callout as `callout`, its table scroller left out. */
  const shape = (el: HTMLElement): string => {
    if (el.classList.contains("app-callout")) return "callout";
    if (el.classList.contains("app-table-scroll")) return shape(el.querySelector("table")!);
    const children = el.childNodes.filter((node): node is HTMLElement => node.nodeType === 1).map(shape);
    return `${el.tagName.toLowerCase()}${children.length > 0 ? `(${children.join(",")})` : ""}`;
  };
  /** The shapes of the blocks under the heading with this id. */
  const section = (id: string): string[] => {
    const out: string[] = [];
    for (let el = page.querySelector(`#${id}`)!.parentNode!.nextElementSibling; el && !el.classList.contains("app-heading"); el = el.nextElementSibling) out.push(shape(el));
    return out;
  };
  before(async () => {
    site = await build("realtree-list-blocks");
    page = content(site, "index.html");
  });

  it("builds without warnings", () => {
    assert.equal(site.status, 0, site.stdout + site.stderr);
    assert.doesNotMatch(site.stdout + site.stderr, /warning/);
  });

  it("a callout include on or under an item's line keeps the nested list after it as a list", () => {
    // Jekyll: <ul><li><div class="bs-callout …">The ASID must match.</div><ul><li>Set the header</li><li>Send it</li></ul></li><li>Read the response</li></ul>
    assert.deepEqual(section("callout-on-the-item-line"), ["ul(li(callout,ul(li,li)),li)"]);
    // Jekyll: <ol><li>Prepare the request <div class="bs-callout …">…</div><ul><li>Look it up</li><li>Compare it</li></ul></li><li>Send it</li></ol>
    assert.deepEqual(section("callout-under-the-item-line"), ["ol(li(callout,ul(li,li)),li)"]);
    assert.doesNotMatch(page.text, /\+ (Set|Look)/);
  });

  it("a pipe table in an item before another item is a table", () => {
    // Jekyll: <ul><li><p>Read the bundle</p><table><thead>…</thead><tbody>…</tbody></table></li><li><p>Read the entries</p></li></ul>,
    // then <ol><li><p>Search</p><table><tbody><tr>…</tr><tr>…</tr></tbody></table></li><li><p>Read</p></li></ol>
    assert.deepEqual(section("table-in-an-item-before-another"), [
      "ul(li(p,table(thead(tr(th,th)),tbody(tr(td,td)))),li(p))",
      "ol(li(p,table(tbody(tr(td,td),tr(td,td)))),li(p))",
    ]);
  });

  it("an ordered list from another number right after a paragraph line, or nested under an item, is a list", () => {
    // Jekyll: <p>The steps are:</p><ol><li>Check the token</li><li>Call the endpoint</li></ol><ul><li>For<ol><li>Only the fifth</li></ol></li></ul>
    assert.deepEqual(section("ordered-list-from-another-number"), ["p", "ol(li,li)", "ul(li(ol(li)))"]);
    assert.equal(page.querySelector("#ordered-list-from-another-number")?.parentNode?.nextElementSibling?.text, "The steps are:");
  });

  it("tab-indented lines in items are read as kramdown reads them: text under a two-space item, code under a four-space one", () => {
    // Jekyll: <li><p>Two-space item</p><p>GET /Patient/1</p></li> … <li><p>Four-space item</p><div class="highlighter-rouge">…<code>GET /Patient/2</code>…</div></li>
    assert.deepEqual(section("tab-indented-code"), ["ul(li(p,p),li(p))", "ol(li(p,pre(code)),li(p))"]);
    assert.equal(page.querySelector("ol pre code")?.text.trim(), "GET /Patient/2");
  });

  it("items with *, + and - are one list", () => {
    // Jekyll: <ul><li>Asterisk</li><li><p>Plus</p></li><li>Hyphen</li></ul>
    assert.deepEqual(section("mixed-bullet-markers"), ["ul(li,li(p),li)"]);
  });
});

describe("spans as generated specification pages write them (tests/fixtures/realtree-generated-spans)", () => {
  let site: BuildResult;
  before(async () => {
    site = await build("realtree-generated-spans");
  });

  it("a heading id with a dot, a \\\\ line break, a mailto autolink, a kept \\^ and guillemets", () => {
    assert.equal(site.status, 0, site.stdout + site.stderr);
    const page = content(site, "index.html");
    // Jekyll: <h2 id="get.record">Request</h2>
    assert.equal(page.querySelector("h2")?.id, "get.record");
    // Jekyll: <p>The request goes to the endpoint<br />and returns the record. Write to <a href="mailto:gpconnect@nhs.net">gpconnect@nhs.net</a> for access.</p>
    const [first, second] = page.querySelectorAll("p");
    assert.match(first?.innerHTML ?? "", /the endpoint<br>\nand returns/);
    assert.equal(first?.querySelector('a[href="mailto:gpconnect@nhs.net"]')?.text, "gpconnect@nhs.net");
    // Jekyll: <p>Powers are written 2\^3, and the resource is «Patient» in the diagrams.</p>, <li>Each «Patient» has an NHS number.</li>
    assert.equal(second?.text, "Powers are written 2\\^3, and the resource is «Patient» in the diagrams.");
    assert.equal(page.querySelector("li")?.text, "Each «Patient» has an NHS number.");
  });

  it("a footnote definition followed by a link definition: both are read", () => {
    // Jekyll: signed<sup id="fnref:sign">…1…</sup> and described in the <a href="https://www.hl7.org/fhir/">FHIR guide</a>; the note "Signed with the provider’s key."
    const page = content(site, "index.html");
    assert.equal(page.querySelector('a[href="https://www.hl7.org/fhir/"]')?.text, "FHIR guide");
    assert.match(page.querySelector("#fn\\:sign")?.text ?? "", /^Signed with the provider’s key\./);
    assert.doesNotMatch(page.text, /\[fhir\]/);
  });

  it("{% highlight json linenos %} keeps its line numbers, beside the code and not in it (a listed difference: rouge writes a table)", () => {
    assert.equal(CLASS_DIFFERENCES["highlight-line-numbers"]?.fixture, "realtree-generated-spans");
    // Jekyll: <td class="gutter gl"><pre class="lineno">1\n2\n3\n4\n</pre></td><td class="code"><pre>{ "resourceType": "Patient", "id": "1" }</pre></td>
    const pre = content(site, "index.html").querySelector("pre.app-code--numbered");
    const numbers = pre?.querySelector(".app-code__numbers");
    assert.equal(numbers?.text, "1\n2\n3\n4");
    assert.equal(numbers?.getAttribute("aria-hidden"), "true");
    assert.equal(pre?.querySelector("code")?.text, '{\n  "resourceType": "Patient",\n  "id": "1"\n}');
  });

  it("an <iframe> becomes a link to what it embedded, with a warning at its line (a listed difference: Jekyll keeps the embed)", () => {
    assert.equal(CLASS_DIFFERENCES["iframe-embed"]?.fixture, "realtree-generated-spans");
    // Jekyll: <iframe … src="https://www.youtube.com/embed/abc123" title="Record walkthrough" …></iframe> and the diagrams.net <iframe>.
    const links = content(site, "index.html").querySelectorAll("a.app-embed-link");
    assert.deepEqual(
      links.map((a) => [a.getAttribute("href"), a.text]),
      [
        ["https://www.youtube.com/embed/abc123", "Record walkthrough (www.youtube.com)"],
        ["https://app.diagrams.net/?lightbox=1#Uhttps%3A%2F%2Fexample.org%2Fflow.drawio", "Embedded content (app.diagrams.net)"],
      ],
    );
    assert.equal(content(site, "index.html").querySelector("iframe"), null);
    assert.match(site.stdout, /index\.md:28: warning \[unsafe-markup\] <iframe> was replaced by a link to https:\/\/www\.youtube\.com\/embed\/abc123/);
    assert.match(site.stdout, /index\.md:32: warning \[unsafe-markup\] <iframe> was replaced by a link to https:\/\/app\.diagrams\.net\//);
  });
});
