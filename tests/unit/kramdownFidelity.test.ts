import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findMarkers } from "../fidelity/markers.ts";
import { measureJekyllPage, measureOurPage, similarity, textTokens } from "../fidelity/measure.ts";

describe("the fidelity test's measures", () => {
  it("compare token sequences as 2·LCS/(total length)", () => {
    assert.equal(similarity("a b c d".split(" "), "a b c d".split(" ")), 1);
    assert.equal(similarity("a b c d".split(" "), "a x c d".split(" ")), 6 / 8);
    assert.equal(similarity([], []), 1);
    assert.ok(similarity("a b c d e f g h".split(" "), "z y x w".split(" "), 0.9) <= 0.9);
  });

  it("fold kramdown's typography and split words from punctuation", () => {
    assert.deepEqual(textTokens("it’s “FHIR®” – ok…"), ["it", "'", "s", '"', "FHIR", "®", '"', "-", "-", "ok", ".", ".", "."]);
  });

  it("read Jekyll's content region without the theme's chrome, and ours without the site's", () => {
    const jekyll = measureJekyllPage(
      `<h1 class="post-title-main">T</h1><div class="post-content"><a class="githubEditButton">Edit me</a><h2 id="a">A</h2><table></table><pre>x</pre><div class="tags">tags</div></div><footer>f</footer>`,
    );
    const ours = measureOurPage(
      `<main data-pagefind-body><h1 class="app-page-title">T</h1><nav class="app-contents">On this page</nav><h2 id="a">A<a class="app-heading__anchor">#</a></h2><table></table><pre>x</pre></main><footer>f</footer>`,
    );
    assert.deepEqual(jekyll, ours);
    assert.deepEqual(ours, { text: "A x", ids: ["a"], counts: { table: 1, pre: 1, img: 0 }, markers: [] });
  });

  it("find internal markers and source syntax outside code", () => {
    assert.deepEqual(findMarkers("<p>a --&gt; b</p><p>| --- | --- |</p>"), ["stray -->", "table delimiter row |---|"]);
    assert.deepEqual(findMarkers("<!--kramdown-html:3-->"), ["renderer placeholder"]);
    assert.deepEqual(findMarkers('<head><meta name="gpc-revision" content="3"></head>'), ["dev server revision"]);
    assert.deepEqual(findMarkers("<pre>{% raw %} *[SSP]: x {#id}</pre><!-- ok -->"), []);
  });
});
