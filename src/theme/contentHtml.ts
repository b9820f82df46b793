import { escapeAttribute } from "entities";
import { escapeHtml, htmlToText } from "../shared/html.ts";
import { Slugger } from "../markdown/headingIds.ts";
import { mapBootstrapTree } from "./bootstrap.ts";
import { appendChildren, createElement, descendants, innerMarkup, linksIn, markupOf, rawMarkup, replaceWith, walk, type Element, type FoundLinks, type Parent } from "../shared/markupTree.ts";

/** A heading of the on-page contents list. */
export interface ContentsEntry {
  readonly level: 2 | 3;
  /** As written in the id attribute (escaped for HTML). */
  readonly id: string;
  /** Plain text (already escaped for HTML). */
  readonly text: string;
}

export interface PageContent {
  readonly html: string;
  readonly contents: ContentsEntry[];
  /** The ids and links of the content, for the link checks. */
  readonly links: FoundLinks;
}

const HEADING = /^h([1-6])$/;
const level = (element: Element): number => Number(HEADING.exec(element.tagName)?.[1] ?? 0);
/** Everything, code blocks included: the enhancements below once worked on the page's markup as text. */
const everything = (): boolean => true;

/**
 * Gives ids to headings written as raw HTML (the glossary page's `<h3>` terms),
 * by the same rule as Markdown headings, so tooltips and contents can link to them.
 * `markup` is the tree's markup, where the ids already on the page are read.
 */
function addRawHeadingIds(root: Parent, markup: string): void {
  if (!/<h[1-6](?![^>]*\sid=)[\s>]/.test(markup)) return;
  const slugger = new Slugger();
  for (const m of markup.matchAll(/\sid="([^"]+)"/g)) slugger.reserve(m[1]!);
  // A heading given an id (or one without text) is done with, headings inside it too.
  walk(root, (heading) => {
    if (level(heading) === 0 || heading.attrs.some((a) => a.name === "id" || !/^[\w-]+$/.test(a.name))) return true;
    const text = htmlToText(innerMarkup(heading));
    if (text) heading.attrs.push({ name: "id", value: slugger.unique(text) });
    return false;
  });
}

/** The id attribute a heading is linked by (the first non-empty one named `id` or ending `-id`). */
const linkId = (heading: Element): string | undefined => heading.attrs.find((a) => /(?:^|\W)id$/.test(a.name) && a.value !== "")?.value;

/** Each h2–h6 with an id gets a visible "#" link to itself; h2 and h3 make the contents list. */
function linkHeadings(root: Parent): ContentsEntry[] {
  const contents: ContentsEntry[] = [];
  // A linked heading is done with, headings inside it too.
  walk(root, (heading) => {
    const headingLevel = level(heading);
    const value = headingLevel >= 2 ? linkId(heading) : undefined;
    if (value === undefined) return true;
    const id = escapeAttribute(value);
    const text = escapeHtml(htmlToText(innerMarkup(heading)));
    if (headingLevel === 2 || headingLevel === 3) contents.push({ level: headingLevel, id, text });
    const wrapper = createElement("div", { class: "app-heading" });
    const anchor = createElement("a", { class: "app-heading__anchor", href: `#${value}`, "data-pagefind-ignore": "" }, true);
    appendChildren(anchor, [rawMarkup(`<span aria-hidden="true">#</span><span class="nhsuk-u-visually-hidden">Link to section: ${text}</span>`)]);
    replaceWith(heading, [wrapper]);
    appendChildren(wrapper, [heading, anchor]);
    return false;
  });
  return contents;
}

/** Wide tables scroll in their own box rather than widening the page. */
function wrapTables(root: Parent): void {
  for (const table of descendants(root, everything)) {
    if (table.tagName !== "table") continue;
    const box = createElement("div", { class: "app-table-scroll" });
    replaceWith(table, [box]);
    appendChildren(box, [table]);
  }
}

/**
 * Inline `style` attributes (the FHIR example pages' title sizes) would break
 * the site's Content-Security-Policy, which allows no inline styles; the
 * site's own styles already set type sizes.
 */
export function dropInlineStyles(body: string): string {
  return body.includes(" style=") ? body.replace(/(<[a-zA-Z][^>]*?)\sstyle=(?:"[^"]*"|'[^']*')/g, "$1") : body;
}

/**
 * Everything done to a page's content before the layout shows it, on the tree the markup
 * policy read (`markup` is its markup): no inline styles, ids for raw headings, Bootstrap as
 * NHS.UK components, tables that scroll, linked headings; and its ids and links.
 */
export function enhanceContent(root: Parent, markup: string): PageContent {
  if (markup.includes(" style=")) for (const element of descendants(root, everything)) element.attrs = element.attrs.filter((a) => a.name !== "style");
  addRawHeadingIds(root, markup);
  mapBootstrapTree(root, markup);
  if (markup.includes("<table")) wrapTables(root);
  const contents = linkHeadings(root);
  return { html: markupOf(root.childNodes), contents, links: linksIn(root) };
}
