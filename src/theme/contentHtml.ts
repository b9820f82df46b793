import { escapeHtml, htmlToText } from "../shared/html.ts";
import { Slugger } from "../markdown/headingIds.ts";
import { mapBootstrap } from "./bootstrap.ts";

/** A heading of the on-page contents list. */
export interface ContentsEntry {
  readonly level: 2 | 3;
  readonly id: string;
  /** Plain text (already escaped for HTML). */
  readonly text: string;
}

export interface PageContent {
  readonly html: string;
  readonly contents: ContentsEntry[];
}

const RAW_HEADING = /<h([1-6])((?:\s+(?!id=)[\w-]+(?:="[^"]*"|='[^']*')?)*)\s*>([\s\S]*?)<\/h\1>/g;

/**
 * Gives ids to headings written as raw HTML (the glossary page's `<h3>` terms),
 * by the same rule as Markdown headings, so tooltips and contents can link to them.
 */
export function addRawHeadingIds(body: string): string {
  if (!/<h[1-6](?![^>]*\sid=)[\s>]/.test(body)) return body;
  const slugger = new Slugger();
  for (const m of body.matchAll(/\sid="([^"]+)"/g)) slugger.reserve(m[1]!);
  return body.replace(RAW_HEADING, (whole, level: string, attrs: string, inner: string) => {
    const text = htmlToText(inner);
    return text ? `<h${level}${attrs} id="${escapeHtml(slugger.unique(text))}">${inner}</h${level}>` : whole;
  });
}

const HEADING_WITH_ID = /<h([2-6])(\s[^>]*?\bid="([^"]+)"[^>]*)>([\s\S]*?)<\/h\1>/g;

/** Each h2–h6 with an id gets a visible "#" link to itself; h2 and h3 make the contents list. */
export function linkHeadings(body: string): PageContent {
  const contents: ContentsEntry[] = [];
  const linked = body.replace(HEADING_WITH_ID, (_whole, level: string, attrs: string, id: string, inner: string) => {
    const text = escapeHtml(htmlToText(inner));
    if (level === "2" || level === "3") contents.push({ level: Number(level) as 2 | 3, id, text });
    return `<div class="app-heading"><h${level}${attrs}>${inner}</h${level}><a class="app-heading__anchor" href="#${id}" data-pagefind-ignore><span aria-hidden="true">#</span><span class="nhsuk-u-visually-hidden">Link to section: ${text}</span></a></div>`;
  });
  return { html: linked, contents };
}

/** Wide tables scroll in their own box rather than widening the page. */
export function wrapTables(body: string): string {
  if (!body.includes("<table")) return body;
  return body.replace(/<table\b/g, '<div class="app-table-scroll"><table').replace(/<\/table>/g, "</table></div>");
}

/**
 * Inline `style` attributes (the FHIR example pages' title sizes) would break
 * the site's Content-Security-Policy, which allows no inline styles; the
 * site's own styles already set type sizes.
 */
export function dropInlineStyles(body: string): string {
  return body.includes(" style=") ? body.replace(/(<[a-zA-Z][^>]*?)\sstyle=(?:"[^"]*"|'[^']*')/g, "$1") : body;
}

/** Everything done to a page's rendered content before the layout shows it. */
export function enhanceContent(body: string): PageContent {
  return linkHeadings(wrapTables(mapBootstrap(addRawHeadingIds(dropInlineStyles(body)))));
}
