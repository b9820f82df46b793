import { readFileSync } from "node:fs";
import { decodeHTML } from "entities";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "../build/context.ts";
import { escapeHtml } from "../html.ts";
import { enhanceContent, removeScripts, type RemovedMarkup } from "./contentHtml.ts";
import { displayPath, lineOfText } from "./sourceFile.ts";

interface CollectionItem {
  url: string | false;
  data: { title?: unknown; edition_of?: unknown; edition?: unknown; permalink?: unknown; tagName?: unknown };
}

export interface TagLink {
  readonly label: string;
  readonly url: string;
}

/** Tag pages by tag name (`tag_fhir.html` declares `tagName: fhir`). */
export function tagPages(all: readonly CollectionItem[]): Map<string, TagLink> {
  const pages = new Map<string, TagLink>();
  for (const item of all) {
    if (item.url && typeof item.data.tagName === "string") pages.set(item.data.tagName, { label: String(item.data.title ?? item.data.tagName), url: item.url });
  }
  return pages;
}

export interface Edition {
  readonly title: string;
  readonly label: string;
  readonly url: string;
}

/** Pages that declare `edition_of: <permalink>` are earlier editions of that page: every page's list, by its permalink, in one pass. */
export function earlierEditions(all: readonly CollectionItem[]): Map<string, Edition[]> {
  const editions = new Map<string, Edition[]>();
  for (const item of all) {
    if (!item.url || !item.data.edition_of) continue;
    const of = String(item.data.edition_of).replace(/^\//, "");
    const list = editions.get(of) ?? [];
    list.push({ title: String(item.data.title ?? ""), label: String(item.data.edition ?? "Earlier edition"), url: String(item.url) });
    editions.set(of, list);
  }
  return editions;
}

/** Filters the layout uses to show page data safely, and page-level HTML fixes. */
export function pagePlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  // Indexes of the whole collection, built once per build rather than scanned once per page.
  let tags: Map<string, TagLink> | undefined;
  let editions: Map<string, Edition[]> | undefined;
  eleventyConfig.on("eleventy.before", () => {
    tags = undefined;
    editions = undefined;
  });
  const reportRemovedScripts = (inputPath: string, removed: readonly RemovedMarkup[]): void => {
    const source = readFileSync(inputPath, "utf8");
    for (const { markup, needle } of removed) {
      context.log.warn({
        code: "unsafe-markup",
        file: displayPath(context.options.contentDir, inputPath),
        line: lineOfText(source, needle),
        message: `${markup.length > 80 ? `${markup.slice(0, 77)}…` : markup} was removed: pages may not run script`,
        hint: "describe or link to the behaviour instead; the site's scripts live in assets/scripts/",
      });
    }
  };
  /** Titles and summaries may hold entities (`FHIR&reg;`): decode them, then escape everything. */
  eleventyConfig.addFilter("text", (value: unknown) => escapeHtml(decodeHTML(String(value ?? ""))));
  eleventyConfig.addFilter("siteUrl", (sitePath: string) => context.site().url(sitePath));
  eleventyConfig.addFilter("earlierEditions", (all: CollectionItem[], pageUrl: string) => {
    editions ??= earlierEditions(all);
    return editions.get(pageUrl.replace(/^\//, "")) ?? [];
  });
  eleventyConfig.addFilter("currentEdition", (all: CollectionItem[], editionOf: string) => all.find((item) => item.url && String(item.url).replace(/^\//, "") === String(editionOf).replace(/^\//, "")));
  eleventyConfig.addFilter("pageContent", function (this: { page: { inputPath: string } }, content: string) {
    const { html, removed } = removeScripts(content);
    if (removed.length > 0) reportRemovedScripts(this.page.inputPath, removed);
    return enhanceContent(html);
  });
  /** A page's tags that have a tag page, linked to it. */
  eleventyConfig.addFilter("pageTags", (pageTags: unknown, all: CollectionItem[]) => {
    tags ??= tagPages(all);
    const names = Array.isArray(pageTags) ? pageTags.map(String) : [];
    return names.flatMap((name) => {
      const link = tags!.get(name);
      return link ? [{ label: link.label, url: context.site().url(link.url) }] : [];
    });
  });
}
