import { decodeHTML } from "entities";
import { html, raw, type SafeHtml } from "../shared/html.ts";
import { META_CONTENT_SECURITY_POLICY } from "../shared/securityPolicy.ts";
import type { Link } from "../navigation/render.ts";
import type { Release } from "../source/release.ts";
import type { PageContent } from "./contentHtml.ts";
import type { Edition, TagLink } from "./pageData.ts";

/** The meta element naming the dev server's build that wrote a page (assets/scripts/devServer.ts reads it). */
export const DEV_REVISION_META = "gpc-revision";

/** What a page says about itself, from its front matter. */
export interface FramePage {
  readonly title: string;
  readonly summary?: string | undefined;
  /** `search: exclude`: left out of the search index. */
  readonly searchable: boolean;
  /** `toc: false` hides the contents list. */
  readonly toc: boolean;
  /** For an earlier edition (`edition_of`): its label and the current edition, if it exists. */
  readonly edition?: { readonly label: string; readonly current?: Link | undefined } | undefined;
  /** When the page last changed, as readers read a date (its `last_updated`, or its last commit). */
  readonly updated?: string | undefined;
}

/** The footer: who holds the copyright, the licence, the support links and when the site was generated. */
export interface FooterParts {
  readonly owner: string;
  readonly licence?: { readonly name: string; readonly url: string } | undefined;
  /** Accessibility, privacy, contact…: URLs ready to write. */
  readonly links: readonly Link[];
  /** The build's date, as readers read a date. */
  readonly generated: string;
  readonly year: number;
}

/** Everything around the page's own content, worked out by the navigation, site and asset plugins. */
export interface FrameParts {
  readonly site: { readonly title: string; readonly source?: { readonly url: string; readonly license: string } | undefined; readonly siteIndex: string };
  /** A site path as a URL under the path prefix. */
  url(sitePath: string): string;
  /** An asset's URL with its content hash. */
  assetUrl(sitePath: string): string;
  readonly capabilities: readonly { readonly label: string; readonly url: string; readonly current: boolean }[];
  /** The reader-facing name of the page's capability ("" when it has none). */
  readonly capability: string;
  readonly breadcrumbs: readonly Link[];
  readonly previous?: Link | undefined;
  readonly next?: Link | undefined;
  /** The page's sidebar, current page marked ("" without one). */
  readonly sidebar: string;
  readonly body: PageContent;
  readonly tags: readonly TagLink[];
  readonly editions: readonly Edition[];
  /** The release the page describes, when the tree or the settings say. */
  readonly release?: Release | undefined;
  /** The tree's version banner, as markup, shown above the page's main content (outside it, as the old layout had it: not indexed, not the page's text). */
  readonly banner?: string | undefined;
  readonly footer: FooterParts;
  /** What search weighs besides the title and text (sidebar labels, keywords, summary, tags): src/search/pageMeta.ts. */
  readonly searchMeta: readonly { readonly field: string; readonly value: string }[];
  /** The dev server's build that wrote the page (src/eleventy/devServerPlugin.ts); undefined in a published site. */
  readonly revision?: number | undefined;
}

/** Titles and summaries may hold entities (`FHIR&reg;`): decoded here, escaped by `html`. */
const text = (value: string): string => decodeHTML(value);
/** Liquid's `strip_html`, which the Jekyll theme used on summaries. */
const stripTags = (value: string): string => value.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<!--[\s\S]*?-->|<[^>]*>/g, "");

const NHS_LOGO = raw(
  `<svg class="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" height="40" width="100" focusable="false" role="img" aria-label="NHS"><title>NHS</title><path fill="currentcolor" d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"/></svg>`,
);
const SEARCH_ICON = raw(
  `<svg class="nhsuk-icon nhsuk-icon--search" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true"><path d="m20.7 18.9-4.1-4.1a7 7 0 1 0-1.4 1.4l4 4.1a1 1 0 0 0 1.5 0c.4-.4.4-1 0-1.4ZM6 10.6a5 5 0 1 1 10 0 5 5 0 0 1-10 0Z"/></svg>`,
);
const ARROW_LEFT = raw(
  `<svg class="nhsuk-icon nhsuk-icon--arrow-left" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true"><path d="M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z"/></svg>`,
);
const ARROW_RIGHT = raw(
  `<svg class="nhsuk-icon nhsuk-icon--arrow-right" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true"><path d="m14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z"/></svg>`,
);

/** "Version 1.2.2 · FHIR STU3" under the service name "GP Connect"; a release named otherwise in full. */
function releaseText(siteTitle: string, release: Release): string {
  const site = text(siteTitle);
  const name = text(release.name);
  return [name.startsWith(`${site} `) ? `Version ${name.slice(site.length + 1)}` : name, ...release.details.map(text)].join(" · ");
}

function header(parts: FrameParts): SafeHtml {
  const { site, url } = parts;
  const topnav =
    parts.capabilities.length > 0
      ? html`
    <nav class="nhsuk-header__navigation app-topnav" aria-label="Capabilities">
      <div class="nhsuk-header__navigation-container nhsuk-width-container">
        <ul class="nhsuk-header__navigation-list">${parts.capabilities.map(
          (item) =>
            html`
          <li class="nhsuk-header__navigation-item${item.current ? " nhsuk-header__navigation-item--current" : ""}"><a class="nhsuk-header__navigation-link" href="${item.url}"${item.current ? raw(' aria-current="true"') : ""}>${item.current ? html`<strong class="nhsuk-header__navigation-item-current-fallback">${text(item.label)}</strong>` : text(item.label)}</a></li>`,
        )}
        </ul>
      </div>
    </nav>`
      : "";
  return html`
  <header class="nhsuk-header" role="banner">
    <div class="nhsuk-header__container nhsuk-width-container">
      <div class="nhsuk-header__service">
        <a class="nhsuk-header__service-logo" href="${url("/index.html")}" aria-label="NHS ${text(site.title)} homepage">
          ${NHS_LOGO}
          <span class="nhsuk-header__service-name">${text(site.title)}</span>
        </a>${parts.release ? html`
        <p class="app-header__release" data-pagefind-ignore>${releaseText(site.title, parts.release)}</p>` : ""}
      </div>
      <search class="nhsuk-header__search" data-app-search data-pagefind-base="${url("/")}" data-capability="${text(parts.capability)}">
        <form class="nhsuk-header__search-form" id="search" action="${url(`/${site.siteIndex}`)}" method="get" role="search">
          <div class="nhsuk-form-group">
            <label class="nhsuk-label nhsuk-u-visually-hidden" for="search-field">Search the ${text(site.title)} documentation</label>
            <div class="nhsuk-input-wrapper">
              <input class="nhsuk-input" id="search-field" name="q" type="search" autocomplete="off" placeholder="Search">
              <button class="nhsuk-button nhsuk-button--icon nhsuk-button--small" type="submit" aria-label="Search">
                ${SEARCH_ICON}
              </button>
            </div>
          </div>
        </form>
      </search>
    </div>${topnav}
  </header>`;
}

function breadcrumbs(crumbs: readonly Link[]): SafeHtml | "" {
  const parent = crumbs[crumbs.length - 1];
  if (!parent) return "";
  return html`
  <div class="nhsuk-width-container">
    <nav class="nhsuk-breadcrumb" aria-label="Breadcrumb">
      <ol class="nhsuk-breadcrumb__list">${crumbs.map(
        (crumb) => html`
        <li class="nhsuk-breadcrumb__list-item"><a class="nhsuk-breadcrumb__link" href="${crumb.url}">${text(crumb.title)}</a></li>`,
      )}
      </ol>
      <a class="nhsuk-back-link" href="${parent.url}"><span class="nhsuk-u-visually-hidden">Back to </span>${text(parent.title)}</a>
    </nav>
  </div>`;
}

function main(page: FramePage, parts: FrameParts): SafeHtml {
  const { body, tags, editions, url } = parts;
  const filters = html`${parts.capability ? html`<span data-pagefind-filter="capability">${text(parts.capability)}</span>` : ""}${parts.searchMeta.map((meta) => html`<span data-pagefind-meta="${meta.field}">${meta.value}</span>`)}`;
  const edition = page.edition
    ? html`
      <div class="nhsuk-inset-text app-edition-notice"><p>This is an ${text(page.edition.label.toLowerCase())} of this page. ${page.edition.current ? html`<a href="${url(page.edition.current.url)}">Read the current edition: ${text(page.edition.current.title)}</a>.` : ""}</p></div>`
    : "";
  const contents =
    page.toc && body.contents.length > 1
      ? html`
      <nav class="nhsuk-contents-list app-contents" aria-labelledby="app-contents-title" data-pagefind-ignore>
        <h2 class="app-contents__title" id="app-contents-title">On this page</h2>
        <ol class="nhsuk-contents-list__list">${body.contents.map(
          (entry) => html`
          <li class="nhsuk-contents-list__item app-contents__item--level-${entry.level}"><a class="nhsuk-contents-list__link" href="#${entry.id}">${raw(entry.text)}</a></li>`,
        )}
        </ol>
      </nav>`
      : "";
  const tagList =
    tags.length > 0
      ? html`
      <div class="app-page-tags" data-pagefind-ignore>
        <h2 class="nhsuk-heading-s">Tags</h2>
        <ul class="app-page-tags__list">${tags.map(
          (tag) => html`
          <li><a class="nhsuk-tag nhsuk-tag--white" href="${tag.url}">${text(tag.label)}</a></li>`,
        )}
        </ul>
      </div>`
      : "";
  const editionList =
    editions.length > 0
      ? html`
      <aside class="app-editions" aria-labelledby="app-editions-title">
        <h2 id="app-editions-title">Earlier editions</h2>
        <ul>${editions.map(
          (e) => html`
          <li><a href="${url(e.url)}">${text(e.label)}: ${text(e.title)}</a></li>`,
        )}
        </ul>
      </aside>`
      : "";
  const pagination =
    parts.previous || parts.next
      ? html`
      <nav class="nhsuk-pagination" role="navigation" aria-label="Pagination" data-pagefind-ignore>
        <ul class="nhsuk-list nhsuk-pagination__list">${
          parts.previous
            ? html`
          <li class="nhsuk-pagination-item--previous"><a class="nhsuk-pagination__link nhsuk-pagination__link--prev" href="${parts.previous.url}" rel="prev"><span class="nhsuk-pagination__title">Previous<span class="nhsuk-u-visually-hidden"> page</span></span><span class="nhsuk-u-visually-hidden">:</span> <span class="nhsuk-pagination__page">${text(parts.previous.title)}</span>${ARROW_LEFT}</a></li>`
            : ""
        }${
          parts.next
            ? html`
          <li class="nhsuk-pagination-item--next"><a class="nhsuk-pagination__link nhsuk-pagination__link--next" href="${parts.next.url}" rel="next"><span class="nhsuk-pagination__title">Next<span class="nhsuk-u-visually-hidden"> page</span></span><span class="nhsuk-u-visually-hidden">:</span> <span class="nhsuk-pagination__page">${text(parts.next.title)}</span>${ARROW_RIGHT}</a></li>`
            : ""
        }
        </ul>
      </nav>`
      : "";
  return html`
    <div class="app-layout__main">${parts.banner ? html`
    <aside class="app-release-banner" aria-label="Release">${raw(parts.banner)}</aside>` : ""}
    <main id="maincontent"${page.searchable ? raw(" data-pagefind-body") : ""}>
      <h1 class="app-page-title" data-pagefind-weight="10">${text(page.title)}</h1>
      <div hidden data-pagefind-ignore>${filters}</div>${page.summary ? html`
      <p class="nhsuk-lede-text app-page-summary">${text(stripTags(page.summary))}</p>` : ""}${edition}${contents}
      <div class="app-content">
${raw(body.html)}
      </div>${tagList}${editionList}${pagination}
    </main>
    </div>`;
}

/** The ids of `main`, in its order, around the page's content (`contentIds`): `#fragment`s may point at any of them. */
export function mainIds(page: FramePage, parts: FrameParts, contentIds: Iterable<string>): Set<string> {
  return new Set(["maincontent", ...(page.toc && parts.body.contents.length > 1 ? ["app-contents-title"] : []), ...contentIds, ...(parts.editions.length > 0 ? ["app-editions-title"] : [])]);
}

/** "Page - GP Connect 1.2.2": the release in the title, so search engines and tabs tell releases apart. */
function documentTitle(pageTitle: string, siteTitle: string, release: Release | undefined): string {
  const site = text(siteTitle);
  if (!release) return `${text(pageTitle)} - ${site}`;
  const name = text(release.name);
  return `${text(pageTitle)} - ${name.startsWith(site) ? name : `${name} - ${site}`}`;
}

function footer(page: FramePage, parts: FrameParts): SafeHtml {
  const { site, url, footer: f } = parts;
  const links: Link[] = [...f.links, { title: "Site index", url: url(`/${site.siteIndex}`) }, { title: "Sitemap", url: url("/sitemap.xml") }, ...(site.source ? [{ title: `Source on GitHub (${site.source.license})`, url: url(site.source.url) }] : [])];
  return html`
  <footer class="nhsuk-footer" role="contentinfo">
    <div class="nhsuk-width-container">
      <div class="nhsuk-footer__meta">
        <h2 class="nhsuk-u-visually-hidden">Support links</h2>
        <ul class="nhsuk-footer__list">${links.map(
          (link) => html`
          <li class="nhsuk-footer__list-item"><a class="nhsuk-footer__list-item-link" href="${link.url}">${text(link.title)}</a></li>`,
        )}
        </ul>${f.licence ? html`
        <p class="nhsuk-body-s app-footer__licence">All content is available under the <a class="nhsuk-footer__list-item-link" href="${f.licence.url}" rel="license">${text(f.licence.name)}</a>, except where otherwise stated.</p>` : ""}
        <p class="nhsuk-body-s app-footer__dates">${page.updated ? html`Page last updated: ${text(page.updated)}<br>` : ""}Site last generated: ${text(f.generated)}</p>
        <p class="nhsuk-body-s">&copy; ${text(f.owner)} ${String(f.year)}</p>
      </div>
    </div>
  </footer>`;
}

/**
 * The NHS.UK page around a page's content: header with search and the
 * capabilities, breadcrumbs, the sidebar (a "Menu" without JavaScript on
 * narrow screens), the content with its contents list, tags, earlier editions
 * and previous/next, and the footer. Renders only what it is given.
 */
export function renderFrame(page: FramePage, parts: FrameParts): string {
  const { site, url, assetUrl } = parts;
  const sidebar = parts.sidebar
    ? html`
    <div class="app-layout__sidebar">
      <p class="app-menu-toggle"><a href="#app-sidebar">Menu</a></p>
      <div class="app-sidebar-panel" id="app-sidebar">
        ${raw(parts.sidebar)}
        <p class="app-sidebar-panel__close"><a href="#maincontent">Close menu</a></p>
      </div>
    </div>`
    : "";
  return html`<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${documentTitle(page.title, site.title, parts.release)}</title>${page.summary ? html`
  <meta name="description" content="${text(stripTags(page.summary))}">` : ""}
  <link rel="icon" href="${url("/assets/favicon.svg")}" type="image/svg+xml">
  <link rel="stylesheet" href="${assetUrl("/assets/site.css")}">
  <script type="module" src="${assetUrl("/assets/site.js")}"></script>${parts.revision === undefined ? "" : html`
  <meta name="${DEV_REVISION_META}" content="${String(parts.revision)}">`}
</head>
<body>
  <a class="nhsuk-skip-link" href="#maincontent">Skip to main content</a>${header(parts)}${breadcrumbs(parts.breadcrumbs)}
  <div class="nhsuk-width-container app-layout">${sidebar}${main(page, parts)}
  </div>
${footer(page, parts)}
</body>
</html>
`.value;
}
