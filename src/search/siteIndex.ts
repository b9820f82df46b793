import { html, htmlToText, raw, type SafeHtml } from "../shared/html.ts";
import type { NavNode } from "../source/sidebar.ts";
import { servedFile } from "../shared/sitePaths.ts";
import { frontMatterText } from "./pageMeta.ts";

/** A page's site path as sidebars write it (`overview_engage.html`; Eleventy calls `index.html` `/`). */
export const sidebarPath = (pageUrl: string): string => servedFile(decodeURI(pageUrl));

/** A page as the site index needs it. */
export interface IndexedPage {
  readonly url: string;
  readonly title: string;
  readonly keywords: string;
}

/** A sidebar as the site index lists it: its reader-facing name and its tree. */
export interface IndexedSidebar {
  readonly label: string;
  readonly nodes: readonly NavNode[];
}

/** Pages from Eleventy's collection (front matter as authors wrote it), by the path sidebars use. */
export function indexedPages(all: readonly { url: string | false; data: { title?: unknown; keywords?: unknown } }[]): Map<string, IndexedPage> {
  const pages = new Map<string, IndexedPage>();
  for (const item of all) {
    if (typeof item.url !== "string") continue;
    pages.set(sidebarPath(item.url), { url: item.url, title: frontMatterText(item.data.title), keywords: frontMatterText(item.data.keywords) });
  }
  return pages;
}

const sameText = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

function details(page: IndexedPage | undefined, label: string): SafeHtml | "" {
  if (!page) return "";
  const title = page.title !== "" && !sameText(page.title, label) ? html` <span class="app-site-index__title">(${page.title})</span>` : "";
  const keywords = page.keywords !== "" ? html` <span class="app-site-index__keywords">Keywords: ${page.keywords}</span>` : "";
  return html`${title}${keywords}`;
}

function renderNodes(nodes: readonly NavNode[], pages: ReadonlyMap<string, IndexedPage>, url: (sitePath: string) => string): SafeHtml {
  return html`<ul class="app-site-index__list">${nodes.map((node) => {
    const children = node.children.length > 0 ? renderNodes(node.children, pages, url) : "";
    switch (node.kind) {
      case "group":
        return html`<li><span class="app-site-index__heading">${raw(node.title)}</span>${children}</li>`;
      case "page":
        return html`<li><a href="${url(`/${node.url}`)}">${raw(node.title)}</a>${details(pages.get(node.url), htmlToText(node.title))}${children}</li>`;
      case "external":
        return html`<li><a href="${node.href}" rel="external">${raw(node.title)}<span class="nhsuk-u-visually-hidden"> (external site)</span></a>${children}</li>`;
    }
  })}</ul>`;
}

/**
 * The site index (`search.html`): every sidebar as a section, each page by
 * its sidebar label with its title (when the label differs) and keywords,
 * then the pages no sidebar lists. Without JavaScript this is what search
 * offers: the browser's own find-in-page reaches every page's names.
 */
export function renderSiteIndex(sidebars: readonly IndexedSidebar[], listed: readonly IndexedPage[], pages: ReadonlyMap<string, IndexedPage>, url: (sitePath: string) => string): string {
  const inSidebars = new Set<string>();
  const collect = (nodes: readonly NavNode[]): void => {
    for (const node of nodes) {
      if (node.kind === "page") inSidebars.add(node.url);
      collect(node.children);
    }
  };
  for (const sidebar of sidebars) collect(sidebar.nodes);
  const others = listed.filter((page) => !inSidebars.has(sidebarPath(page.url))).sort((a, b) => a.title.localeCompare(b.title));
  const sections = sidebars.map(
    (sidebar, i) => html`
<section class="app-site-index__group" aria-labelledby="app-site-index-${String(i + 1)}">
  <h2 id="app-site-index-${String(i + 1)}">${sidebar.label}</h2>
  ${renderNodes(sidebar.nodes, pages, url)}
</section>`,
  );
  const other =
    others.length > 0
      ? html`
<section class="app-site-index__group" aria-labelledby="app-site-index-other">
  <h2 id="app-site-index-other">Other pages</h2>
  <ul class="app-site-index__list">${others.map((page) => html`<li><a href="${url(page.url)}">${page.title || page.url}</a>${details(page, page.title)}</li>`)}</ul>
</section>`
      : "";
  return html`${sections}${other}`.value;
}
