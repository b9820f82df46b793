import type { Link } from "../navigation/render.ts";
import type { FrontMatter, ListedPage } from "../source/pages.ts";
import { withoutLeadingSlash } from "../shared/sitePaths.ts";
import type { FramePage } from "./frame.ts";

export interface TagLink {
  readonly label: string;
  readonly url: string;
}

export interface Edition {
  readonly title: string;
  readonly label: string;
  readonly url: string;
}

/** Tag pages by tag name (`tag_fhir.html` declares `tagName: fhir`). */
export function tagPages(all: readonly ListedPage[]): Map<string, TagLink> {
  const pages = new Map<string, TagLink>();
  for (const item of all) {
    if (item.url && typeof item.data.tagName === "string") pages.set(item.data.tagName, { label: String(item.data.title ?? item.data.tagName), url: item.url });
  }
  return pages;
}

/** Pages that declare `edition_of: <permalink>` are earlier editions of that page: every page's list, by its permalink, in one pass. */
export function earlierEditions(all: readonly ListedPage[]): Map<string, Edition[]> {
  const editions = new Map<string, Edition[]>();
  for (const item of all) {
    if (!item.url || !item.data.edition_of) continue;
    const of = withoutLeadingSlash(String(item.data.edition_of));
    const list = editions.get(of) ?? [];
    list.push({ title: String(item.data.title ?? ""), label: String(item.data.edition ?? "Earlier edition"), url: String(item.url) });
    editions.set(of, list);
  }
  return editions;
}

/** Indexes of the whole site that pages' data needs, built once per build (when the first page asks) rather than scanned per page. */
export class SiteIndexes {
  private tags: Map<string, TagLink> | undefined;
  private editions: Map<string, Edition[]> | undefined;

  tagPages(all: readonly ListedPage[]): Map<string, TagLink> {
    this.tags ??= tagPages(all);
    return this.tags;
  }

  earlierEditions(all: readonly ListedPage[]): Map<string, Edition[]> {
    this.editions ??= earlierEditions(all);
    return this.editions;
  }

  clear(): void {
    this.tags = undefined;
    this.editions = undefined;
  }
}

/**
 * What the frame needs of one page, apart from its content and what the
 * navigation works out: small and without HTML, because it is noted when the
 * page's layout renders and kept until the page is written.
 */
export interface PageData {
  /** Site path, e.g. `/overview_engage.html`. */
  readonly url: string;
  readonly inputPath: string;
  /** The sidebar the page names (the site's default applies when undefined). */
  readonly sidebar: string | undefined;
  readonly page: FramePage;
  readonly tags: readonly TagLink[];
  readonly editions: readonly Edition[];
  /** `last_updated` as the author wrote it (YAML may have read it as a date). */
  readonly lastUpdated: string | Date | undefined;
}

/** A page's data from its front matter and the site's pages: title, summary, search and contents switches, tags, editions. */
export function pageData(page: { readonly url: string; readonly inputPath: string; readonly data: FrontMatter }, all: readonly ListedPage[], indexes: SiteIndexes, siteUrl: (sitePath: string) => string): PageData {
  const { data, url } = page;
  const editionOf = data.edition_of ? withoutLeadingSlash(String(data.edition_of)) : undefined;
  const current = editionOf ? all.find((item) => item.url && withoutLeadingSlash(item.url) === editionOf) : undefined;
  const currentLink: Link | undefined = current && current.url ? { url: current.url, title: String(current.data.title ?? "") } : undefined;
  const tags = indexes.tagPages(all);
  const names = Array.isArray(data.tags) ? data.tags.map(String) : [];
  return {
    url,
    inputPath: page.inputPath,
    // `sidebar:` left empty means the default, as no `sidebar:` does.
    sidebar: data.sidebar == null ? undefined : String(data.sidebar),
    page: {
      title: String(data.title ?? ""),
      summary: data.summary ? String(data.summary) : undefined,
      searchable: data.search !== "exclude",
      toc: data.toc !== false,
      edition: editionOf ? { label: data.edition ? String(data.edition) : "earlier edition", current: currentLink } : undefined,
    },
    tags: names.flatMap((name) => {
      const link = tags.get(name);
      return link ? [{ label: link.label, url: siteUrl(link.url) }] : [];
    }),
    editions: indexes.earlierEditions(all).get(withoutLeadingSlash(url)) ?? [],
    lastUpdated: data.last_updated instanceof Date ? data.last_updated : data.last_updated == null ? undefined : String(data.last_updated),
  };
}
