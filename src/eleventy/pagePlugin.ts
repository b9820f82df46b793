import { existsSync, readFileSync } from "node:fs";
import { decodeHTML } from "entities";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";
import { escapeHtml } from "../shared/html.ts";
import { enhanceContent, removeScripts, type PageContent } from "../theme/contentHtml.ts";
import { displayPath, lineOfText } from "../source/sourceFile.ts";

/**
 * A page's own content as the layout shows it: script removed (each removal
 * reported at its line) and enhanced (heading links, contents, tables, tabs, tags).
 */
export function pageContent(context: BuildContext, inputPath: string, content: string): PageContent {
  const { html, removed } = removeScripts(content);
  if (removed.length > 0) {
    // The site's own pages are virtual (no file to point into): their markup came from the tree's data.
    const source = existsSync(inputPath) ? readFileSync(inputPath, "utf8") : "";
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
