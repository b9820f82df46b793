import { decodeHTML } from "entities";
import type UserConfig from "@11ty/eleventy/UserConfig";
import path from "node:path";
import { PROJECT_ROOT, type BuildContext } from "../build/context.ts";
import { escapeHtml } from "../html.ts";
import { Slugger } from "../markdown/headingIds.ts";

interface CollectionItem {
  url: string | false;
  data: { title?: unknown; edition_of?: unknown; edition?: unknown; permalink?: unknown };
}

export interface Edition {
  readonly title: string;
  readonly label: string;
  readonly url: string;
}

/** Pages that declare `edition_of: <permalink>` are earlier editions of that page. */
export function earlierEditions(all: readonly CollectionItem[], pageUrl: string): Edition[] {
  const own = pageUrl.replace(/^\//, "");
  return all
    .filter((item) => item.url && String(item.data.edition_of ?? "").replace(/^\//, "") === own)
    .map((item) => ({ title: String(item.data.title ?? ""), label: String(item.data.edition ?? "Earlier edition"), url: String(item.url) }));
}

const RAW_HEADING = /<h([1-6])((?:\s+(?!id=)[\w-]+(?:="[^"]*"|='[^']*')?)*)\s*>([\s\S]*?)<\/h\1>/g;

/**
 * Gives ids to headings written as raw HTML (the glossary page's `<h3>` terms),
 * by the same rule as Markdown headings, so tooltips and contents can link to them.
 */
export function addRawHeadingIds(page: string): string {
  if (!/<h[1-6](?![^>]*\sid=)[\s>]/.test(page)) return page;
  const slugger = new Slugger();
  for (const m of page.matchAll(/\sid="([^"]+)"/g)) slugger.reserve(m[1]!);
  return page.replace(RAW_HEADING, (whole, level: string, attrs: string, inner: string) => {
    const text = decodeHTML(inner.replace(/<[^>]*>/g, "")).trim();
    return text ? `<h${level}${attrs} id="${escapeHtml(slugger.unique(text))}">${inner}</h${level}>` : whole;
  });
}

/** Filters the layout uses to show page data safely, and page-level HTML fixes. */
export function pagePlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  /** Titles and summaries may hold entities (`FHIR&reg;`): decode them, then escape everything. */
  eleventyConfig.addPassthroughCopy({ [path.join(PROJECT_ROOT, "assets")]: "assets" });
  eleventyConfig.addFilter("text", (value: unknown) => escapeHtml(decodeHTML(String(value ?? ""))));
  eleventyConfig.addFilter("siteUrl", (sitePath: string) => context.site().url(sitePath));
  eleventyConfig.addFilter("earlierEditions", (all: CollectionItem[], pageUrl: string) => earlierEditions(all, pageUrl));
  eleventyConfig.addFilter("currentEdition", (all: CollectionItem[], editionOf: string) => all.find((item) => item.url && String(item.url).replace(/^\//, "") === String(editionOf).replace(/^\//, "")));
  eleventyConfig.addTransform("raw-heading-ids", function (this: { page: { outputPath: string | false } }, content: string) {
    return typeof this.page.outputPath === "string" && this.page.outputPath.endsWith(".html") ? addRawHeadingIds(content) : content;
  });
}
