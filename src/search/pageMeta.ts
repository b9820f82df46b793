import { htmlToText } from "../shared/html.ts";
import { flattenPages, type Sidebar } from "../source/sidebar.ts";
import type { PageMetaField } from "./ranking.ts";

/** One metadata field of a page, as Pagefind indexes it (`data-pagefind-meta`); weighted by ranking.ts. */
export interface SearchMeta {
  readonly field: PageMetaField;
  readonly value: string;
}

/** What a page's front matter says for search; YAML gives strings, lists or nothing. */
export interface SearchFrontMatter {
  readonly keywords?: unknown;
  readonly summary?: unknown;
  readonly tags?: unknown;
}

/** A front-matter value as plain text: lists joined with commas, markup and entities (`FHIR&reg;`) as a reader sees them. */
export function frontMatterText(value: unknown): string {
  if (Array.isArray(value)) return value.map(frontMatterText).filter((item) => item !== "").join(", ");
  if (value === null || value === undefined || typeof value === "object") return "";
  return htmlToText(String(value));
}

/** Every label the sidebars give each page (a page may sit in several sidebars), by sidebar url (`overview_engage.html`). */
export function sidebarLabels(sidebars: Iterable<Sidebar>): Map<string, string[]> {
  const labels = new Map<string, string[]>();
  for (const sidebar of sidebars) {
    for (const page of flattenPages(sidebar.nodes)) {
      const label = htmlToText(page.title);
      const known = labels.get(page.url) ?? [];
      if (label !== "" && !known.includes(label)) labels.set(page.url, [...known, label]);
    }
  }
  return labels;
}

const sameWords = (a: string, b: string): boolean => a.toLowerCase().replace(/\W+/g, " ").trim() === b.toLowerCase().replace(/\W+/g, " ").trim();

/**
 * The metadata a page is searched by besides its title and text; empty
 * fields are left out, and so are sidebar labels that only repeat the title
 * (they would count the title's words twice).
 */
export function pageSearchMeta(frontMatter: SearchFrontMatter & { readonly title?: unknown }, labels: readonly string[]): SearchMeta[] {
  const title = frontMatterText(frontMatter.title);
  const fields: SearchMeta[] = [
    { field: "sidebar", value: labels.filter((label) => !sameWords(label, title)).join(" · ") },
    { field: "keywords", value: frontMatterText(frontMatter.keywords) },
    { field: "summary", value: frontMatterText(frontMatter.summary) },
    // `use_case` reads as "use case"; Pagefind would split it anyway.
    { field: "tags", value: frontMatterText(frontMatter.tags).replace(/_/g, " ") },
  ];
  return fields.filter((meta) => meta.value !== "");
}
