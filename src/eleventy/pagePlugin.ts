import { readFileSync } from "node:fs";
import { decodeHTML } from "entities";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";
import { escapeHtml } from "../shared/html.ts";
import { enhanceContent, removeScripts, type PageContent } from "../theme/contentHtml.ts";
import { displayPath, lineOfText } from "../source/sourceFile.ts";
import { withoutLeadingSlash } from "../shared/sitePaths.ts";

export interface CollectionItem {
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
    const of = withoutLeadingSlash(String(item.data.edition_of));
    const list = editions.get(of) ?? [];
    list.push({ title: String(item.data.title ?? ""), label: String(item.data.edition ?? "Earlier edition"), url: String(item.url) });
    editions.set(of, list);
  }
  return editions;
}

/**
 * A page's own content as the layout shows it: script removed (each removal
 * reported at its line) and enhanced (heading links, contents, tables, tabs, tags).
 */
export function pageContent(context: BuildContext, inputPath: string, content: string): PageContent {
  const { html, removed } = removeScripts(content);
  if (removed.length > 0) {
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
  }
  return enhanceContent(html);
}

/** Filters the site's Liquid templates (site index, 404) use to show data safely. */
export function pagePlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  /** Titles and summaries may hold entities (`FHIR&reg;`): decode them, then escape everything. */
  eleventyConfig.addFilter("text", (value: unknown) => escapeHtml(decodeHTML(String(value ?? ""))));
  eleventyConfig.addFilter("siteUrl", (sitePath: string) => context.site().url(sitePath));
}
