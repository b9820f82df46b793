/**
 * Where a build deliberately differs from what Jekyll published, in one place,
 * each with its reason. The fidelity test relaxes exactly these checks for
 * exactly these pages; anything else that loses text, a table, a code block,
 * an image or a deep-link id fails it.
 */
export type Check = "text" | "ids" | "counts" | "markers";

export interface TreeDifferences {
  /** Pages Jekyll published that this build does not. */
  readonly missing: Readonly<Record<string, string>>;
  /** Pages whose content differs on purpose: which checks are relaxed, and why. */
  readonly pages: Readonly<Record<string, { readonly relax: readonly Check[]; readonly reason: string }>>;
}

const SEED = "content/ is the 2018 tree with the seed's new editions of the overview pages; Jekyll's reference is the 2018 text";
const SEED_TAGS = "lists the seed's added pages (end-user pathway, earlier edition) as well";

/** Differences everywhere, whatever the tree: the site's own page chrome is left out of the measure (see measure.ts). */
export const DIFFERENCES: Readonly<Record<string, TreeDifferences>> = {
  "gpconnect-2018": {
    missing: {},
    pages: {
      "overview_consumer_pathway.html": { relax: ["text", "counts"], reason: `${SEED}; its developer journey is the site's own component, not the theme's image map` },
      "overview_engage.html": { relax: ["text", "ids"], reason: SEED },
      "overview_provider_pathway.html": { relax: ["text"], reason: SEED },
      "tag_commissioning.html": { relax: ["text"], reason: SEED_TAGS },
      "tag_getting_started.html": { relax: ["text"], reason: SEED_TAGS },
    },
  },
  "documentation-theme-jekyll": {
    missing: {},
    pages: {
      "mydoc_lists.html": { relax: ["text"], reason: "an include inside a code sample shows the site's own note markup, not the theme's Bootstrap alert" },
    },
  },
};

/**
 * Classes of input this project publishes differently from Jekyll on purpose, whatever the tree or
 * page: what Jekyll printed, what readers get here, and why. `fixture` names the tree under
 * tests/fixtures/ whose test shows it.
 */
export interface ClassDifference {
  readonly jekyll: string;
  readonly here: string;
  readonly reason: string;
  readonly fixture?: string;
}

export const CLASS_DIFFERENCES: Readonly<Record<string, ClassDifference>> = {
  "xml-declaration": {
    jekyll: "an `<?xml …?>` declaration at the top of a pasted SVG is a paragraph of visible text (`<?xml version=”1.0” …?>`, with smart quotes)",
    here: "the declaration stays in the HTML, where browsers read it as a comment: readers see the diagram only",
    reason: "the declaration is file syntax, not content; no reader of the Jekyll site wanted it shown",
    fixture: "realtree-raw-html",
  },
  "inline-image-paragraph": {
    jekyll: "the theme's inline_image.html ends in a blank line, so in running text it splits the paragraph: `<p>Press <img …/></p>` then `<p>to go on.</p>`; alone on its line it is wrapped in a `<p>`",
    here: "the picture stays inside its one paragraph (`<p>Press <img class=\"app-inline-image\" …> to go on.</p>`), without a `<p>` of its own when alone",
    reason: "the same words and picture in the same order; the split is an accident of the include's trailing blank line, not the author's intent",
    fixture: "realtree-include-args",
  },
  "callout-markup": {
    jekyll: "callouts are the theme's Bootstrap `<div class=\"alert alert-info\">` with a Font Awesome icon and `<b>Note:</b>`; `callout.html` keeps any `type` as a class (`bs-callout-pink`)",
    here: "the NHS.UK callout (`app-callout`, its label in `<strong>`); a `type` that is no NHS.UK tone is dropped with a warning and the callout keeps its content",
    reason: "the site's own design system (README: What readers get); the label and the content are the same text",
    fixture: "realtree-include-args",
  },
  "tag-markup": {
    jekyll: "a page's tags are the theme's Bootstrap buttons (`<a class=\"btn btn-default navbar-btn cursorNorm\">`) in `<div class=\"tags\">`, outside the content region",
    here: "NHS.UK tags linking to the tag pages (`app-page-tags`), left out of the measure as page chrome (measure.ts)",
    reason: "the site's own design system; the tag names and their links are the same",
  },
  "reference-title": {
    jekyll: "a reference definition with a `(title)` gives a broken `href=\"p.html (Title)\"`",
    here: "a link to `p.html` titled `Title`, as CommonMark reads the definition",
    reason: "better than Jekyll: the link works; the words are the same",
  },
  "html-in-table-cells": {
    jekyll: "`<ul><li>` inside a pipe-table cell, `<table width=100%>` and `</br>` are printed as text",
    here: "they are read as HTML: a list in the cell, a table, a line break",
    reason: "better than Jekyll: the author wrote markup, not text to show",
  },
  "indented-atx-heading": {
    jekyll: "` ### X` indented by one space is a paragraph \"### X\"",
    here: "a heading, as CommonMark reads up to three spaces before `#`",
    reason: "better than Jekyll: the author meant a heading; its id is a deep link more",
  },
  "highlight-line-numbers": {
    jekyll: "`{% highlight LANG linenos %}` is rouge's `<table class=\"rouge-table\">`: a gutter cell `<pre class=\"lineno\">` of numbers beside a cell of code",
    here: "one `<pre>` holding a column of numbers (`<span class=\"app-code__numbers\" aria-hidden=\"true\">`) before the `<code>`",
    reason: "the same numbers beside the same code, but not read out as a data table by screen readers, and left out when the code is selected and copied",
    fixture: "realtree-generated-spans",
  },
  "iframe-embed": {
    jekyll: "an `<iframe>` (an embedded video or diagram) is published as it is, and loads the other site's page",
    here: "a link to the embedded URL, its text the iframe's `title` (else \"Embedded content\") and the host it leads to, with an unsafe-markup warning at its line",
    reason: "pages load no other pages (README: Safety); the link keeps what the author embedded one click away, and no warning removes content",
    fixture: "realtree-generated-spans",
  },
  "highlight-wrapper": {
    jekyll: "highlighted code sits in `<figure class=\"highlight\">` or rouge's `div.highlighter-rouge > div.highlight`",
    here: "Prism's `<pre class=\"language-…\">` alone",
    reason: "harmless: the same code; the wrappers were the theme's styling hooks",
  },
  "lone-line-paragraph": {
    jekyll: "a lone `<img>`, `<br/>` or comment line is (or is not) wrapped in a `<p>`",
    here: "the other way round, as CommonMark reads an HTML line",
    reason: "harmless: no text is lost or moved",
  },
  "kramdown-comment": {
    jekyll: "`{::comment}…{:/comment}` becomes an HTML comment `<!-- … -->`",
    here: "nothing",
    reason: "harmless: readers never see a comment, and author text never ends up inside the page's markup",
  },
};
