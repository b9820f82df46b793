import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
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
  const sanitised = sanitiseMarkup(content, "fragment");
  return enhanceContent(sanitised.tree, reportRemoved(context, inputPath, sanitised));
}

/** A page published without the frame (`layout: none`, an `.svg` with front matter): the markup policy, and the policy's meta tag. */
export function unframedContent(context: BuildContext, inputPath: string, kind: Exclude<MarkupKind, "fragment">, content: string): string {
  const sanitised = kind === "document" ? sanitiseDocument(content, META_CONTENT_SECURITY_POLICY) : sanitiseMarkup(content, kind);
  return reportRemoved(context, inputPath, sanitised);
}

/** Static files a browser opens as HTML or SVG, and so would run script in: the markup policy applies. */
const MARKUP_STATICS: Readonly<Record<string, Exclude<MarkupKind, "fragment">>> = { ".html": "document", ".htm": "document", ".svg": "svg" };
/** Static files a browser opens as XML, where HTML or SVG elements run script and an XSLT stylesheet can write them. */
const XML_STATICS = new Set([".xml", ".xhtml", ".xht", ".xsl", ".xslt"]);
const ACTIVE_XML = /http:\/\/www\.w3\.org\/(?:1999\/xhtml|2000\/svg|1999\/XSL\/Transform)|<\?xml-stylesheet/i;

/**
 * What a static file (no front matter, which Jekyll copies as it is) publishes: its own bytes, unless
 * a browser opening it from the site's origin could run script. An `.html` or `.svg` file then has the
 * markup policy applied, each removal reported at its line (a file the policy leaves alone is copied
 * byte for byte). An XML file (a sitemap or feed) can run script only through HTML or SVG elements or
 * a stylesheet, which no allowlist here reads: such a file is left out, with a warning at that line.
 * Returns "as-is" (copy it), the markup to write instead, or undefined (left out).
 */
export function staticFileOutput(context: BuildContext, inputPath: string): "as-is" | string | undefined {
  const extension = path.extname(inputPath).toLowerCase();
  const kind = MARKUP_STATICS[extension];
  if (!kind && !XML_STATICS.has(extension)) return "as-is";
  const text = readFileSync(inputPath, "utf8");
  if (kind) {
    const sanitised = kind === "document" ? sanitiseDocument(text, META_CONTENT_SECURITY_POLICY) : sanitiseMarkup(text, kind);
    return sanitised.removed.length === 0 ? "as-is" : reportRemoved(context, inputPath, sanitised);
  }
  const active = ACTIVE_XML.exec(text);
  if (!active) return "as-is";
  context.log.warn({
    code: "unsafe-markup",
    file: displayPath(context.options.contentDir, inputPath),
    line: lineOfText(text, active[0]),
    message: `${active[0]} makes this XML file able to run script in a browser that opens it: the file was left out`,
    hint: "publish HTML as a .html page and drawings as .svg files (both are made safe), or remove the HTML, SVG or stylesheet from the XML",
  });
  return undefined;
}

/** Filters the site's Liquid templates (site index, 404) use to show data safely. */
export function pagePlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  /** Titles and summaries may hold entities (`FHIR&reg;`): decode them, then escape everything. */
  eleventyConfig.addFilter("text", (value: unknown) => escapeHtml(decodeHTML(String(value ?? ""))));
  eleventyConfig.addFilter("siteUrl", (sitePath: string) => context.site().url(sitePath));
}
