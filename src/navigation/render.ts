import { html, htmlToText, raw, type SafeHtml } from "../shared/html.ts";
import { flattenPages, pathTo, type NavNode, type Sidebar } from "../source/sidebar.ts";

export interface Link {
  /** Plain text: sidebar titles may hold markup (`<b class='resource'>`), which links outside the sidebar drop. */
  readonly title: string;
  readonly url: string;
}

/**
 * A sidebar rendered once per build. Each page's copy only marks its current
 * link and opens the groups above it, by cheap string edits.
 */
export interface RenderedSidebar {
  readonly sidebar: Sidebar;
  forPage(url: string): string;
  breadcrumbs(url: string): Link[];
  neighbours(url: string): { previous?: Link; next?: Link };
  contains(url: string): boolean;
}

function renderNodes(nodes: readonly NavNode[], toUrl: (path: string) => string, depth: number): SafeHtml {
  return html`<ul class="app-sidebar__list app-sidebar__list--level-${depth}">${nodes.map((node) => html`<li class="app-sidebar__item">${renderNode(node, toUrl, depth)}</li>`)}</ul>`;
}

function renderNode(node: NavNode, toUrl: (path: string) => string, depth: number): SafeHtml {
  const children = node.children.length > 0 ? renderNodes(node.children, toUrl, depth + 1) : "";
  switch (node.kind) {
    case "group":
      return html`<details class="app-sidebar__group" data-nav-group="${node.key}"><summary class="app-sidebar__group-title">${raw(node.title)}</summary>${children}</details>`;
    case "page":
      return html`<a class="app-sidebar__link" href="${toUrl(`/${node.url}`)}" data-nav-url="${node.url}">${raw(node.title)}</a>${children}`;
    case "external":
      return html`<a class="app-sidebar__link app-sidebar__link--external" href="${node.href}" rel="external">${raw(node.title)}<span class="nhsuk-u-visually-hidden"> (external site)</span></a>${children}`;
  }
}

const attr = (value: string): string => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Letters of any script: a sidebar title without any ("1.2.2") says nothing outside its group. */
const HAS_WORDS = /\p{L}/u;

/**
 * What links outside the sidebar call each page: its sidebar title, in plain
 * text; a bare one ("1.2.2") is prefixed by its group's ("Release notes 1.2.2").
 */
function pageLabels(nodes: readonly NavNode[], group = ""): Map<string, string> {
  const labels = new Map<string, string>();
  for (const node of nodes) {
    const title = htmlToText(node.title);
    if (node.kind === "page" && !labels.has(node.url)) labels.set(node.url, HAS_WORDS.test(title) || !group ? title : `${group} ${title}`);
    for (const [url, label] of pageLabels(node.children, node.kind === "group" ? title : group)) if (!labels.has(url)) labels.set(url, label);
  }
  return labels;
}

export function renderSidebar(sidebar: Sidebar, toUrl: (path: string) => string): RenderedSidebar {
  const list = renderNodes(sidebar.nodes, toUrl, 1);
  const markup = html`<nav class="app-sidebar" aria-label="${sidebar.title} pages">${list}</nav>`.value;
  const pages = flattenPages(sidebar.nodes);
  const labels = pageLabels(sidebar.nodes);
  const order = new Map<string, number>();
  pages.forEach((page, i) => {
    if (!order.has(page.url)) order.set(page.url, i);
  });
  const link = (node: NavNode | undefined): Link | undefined => (node && node.kind === "page" ? { title: labels.get(node.url) ?? htmlToText(node.title), url: toUrl(`/${node.url}`) } : undefined);
  return {
    sidebar,
    contains: (url) => order.has(url),
    forPage(url) {
      const chain = pathTo(sidebar.nodes, url);
      if (!chain) return markup;
      let marked = markup.replace(`data-nav-url="${attr(url)}"`, `aria-current="page" data-nav-url="${attr(url)}"`);
      for (const node of chain) {
        if (node.kind === "group") marked = marked.replace(`data-nav-group="${attr(node.key)}"`, `open data-nav-group="${attr(node.key)}"`);
      }
      return marked;
    },
    breadcrumbs(url) {
      const chain = pathTo(sidebar.nodes, url) ?? [];
      return chain.slice(0, -1).flatMap((node) => {
        // A group is not a page: its crumb leads to its first page, unless that is this page (a page never links to itself).
        const target = node.kind === "group" ? flattenPages(node.children)[0] : node;
        return target && target.kind === "page" && target.url !== url ? [{ title: node.kind === "group" ? htmlToText(node.title) : (labels.get(target.url) ?? htmlToText(node.title)), url: toUrl(`/${target.url}`) }] : [];
      });
    },
    neighbours(url) {
      const index = order.get(url);
      if (index === undefined) return {};
      const result: { previous?: Link; next?: Link } = {};
      const previous = link(pages[index - 1]);
      const next = link(pages.slice(index + 1).find((p) => p.url !== url));
      if (previous) result.previous = previous;
      if (next) result.next = next;
      return result;
    },
  };
}
