import { existsSync, readFileSync } from "node:fs";
import { decodeHTML } from "entities";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";
import { escapeHtml } from "../shared/html.ts";
import { enhanceContent, type PageContent } from "../theme/contentHtml.ts";
import { sanitiseDocument, sanitiseMarkup, type MarkupKind, type SanitisedMarkup } from "../shared/markupPolicy.ts";
import { META_CONTENT_SECURITY_POLICY } from "../shared/securityPolicy.ts";
import { displayPath, lineOfText } from "../source/sourceFile.ts";

/** Reports each piece of markup the policy removed at its line in the page's source. */
function reportRemoved(context: BuildContext, inputPath: string, { html, removed }: SanitisedMarkup): string {
  if (removed.length === 0) return html;
  // The site's own pages are virtual (no file to point into): their markup came from the tree's data.
  const source = existsSync(inputPath) ? readFileSync(inputPath, "utf8").toLowerCase() : "";
  for (const { markup, needles, linkedTo } of removed) {
    const shown = markup.length > 80 ? `${markup.slice(0, 77)}…` : markup;
    context.log.warn({
      code: "unsafe-markup",
      file: displayPath(context.options.contentDir, inputPath),
      line: needles.map((needle) => lineOfText(source, needle)).find((line) => line !== undefined),
      ...(linkedTo
        ? { message: `${shown} was replaced by a link to ${linkedTo}: pages may not load other pages inside them`, hint: "readers follow the link to see it; link to it yourself to choose the words" }
        : { message: `${shown} was removed: pages may not run script, redirect or load other pages`, hint: "describe or link to the behaviour instead; the site's scripts live in assets/scripts/" }),
    });
  }
  return html;
}

/**
 * A page's own content as the layout shows it: what the markup policy does
 * not allow removed (each removal reported at its line) and enhanced
 * (heading links, contents, tables, tabs, tags).
 */
export function pageContent(context: BuildContext, inputPath: string, content: string): PageContent {
  return enhanceContent(reportRemoved(context, inputPath, sanitiseMarkup(content, "fragment")));
}

/** A page published without the frame (`layout: none`, an `.svg` with front matter): the markup policy, and the policy's meta tag. */
export function unframedContent(context: BuildContext, inputPath: string, kind: Exclude<MarkupKind, "fragment">, content: string): string {
  const sanitised = kind === "document" ? sanitiseDocument(content, META_CONTENT_SECURITY_POLICY) : sanitiseMarkup(content, kind);
  return reportRemoved(context, inputPath, sanitised);
}

/** Filters the site's Liquid templates (site index, 404) use to show data safely. */
export function pagePlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  /** Titles and summaries may hold entities (`FHIR&reg;`): decode them, then escape everything. */
  eleventyConfig.addFilter("text", (value: unknown) => escapeHtml(decodeHTML(String(value ?? ""))));
  eleventyConfig.addFilter("siteUrl", (sitePath: string) => context.site().url(sitePath));
}
