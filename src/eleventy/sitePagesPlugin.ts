import { readFileSync } from "node:fs";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";
import { PROJECT_ROOT, relativePath } from "../shared/sitePaths.ts";
import { frontMatterLine } from "../source/jekyllTree.ts";
import { escapeHtml } from "../shared/html.ts";
import { CONTENT_SECURITY_POLICY } from "../shared/securityPolicy.ts";
import { collectRedirects, redirectPage, redirectsFile, type Redirect } from "../theme/redirects.ts";
import type { ListedPage } from "../source/pages.ts";
import { displayPath } from "../source/sourceFile.ts";

/** `_headers` for static hosts that read one (Netlify, Cloudflare Pages): the policy and safe defaults for every path. */
export function headersFile(): string {
  return `/*\n  Content-Security-Policy: ${CONTENT_SECURITY_POLICY}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n`;
}

/** Where the site's own pages are, as Eleventy names them (virtual: a tree's `_` folder of that name is never a page). */
export const SITE_PAGES_FOLDER = "_site-pages";


/** Pages a reader would look for: not excluded from search, not the 404 page. */
export function listedPages<T extends ListedPage>(all: readonly T[]): T[] {
  return all.filter((item) => typeof item.url === "string" && item.url.endsWith(".html") && item.data.search !== "exclude" && !item.url.endsWith("/404.html"));
}

export function sitemapXml(pages: readonly ListedPage[], origin: string, url: (sitePath: string) => string): string {
  const base = origin.replace(/\/+$/, "");
  const entries = listedPages(pages).map((page) => `  <url><loc>${escapeHtml(base + url(String(page.url)))}</loc></url>`);
  return `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join("\n")}\n</urlset>\n`;
}

const template = (name: string): string => readFileSync(path.join(PROJECT_ROOT, "_includes/site", name), "utf8");

/**
 * Pages every site gets whatever its source tree holds: the site index
 * (search's no-JavaScript fallback), `sitemap.xml`, redirects from old URLs,
 * and a 404 page when the tree has none of its own.
 */
export function sitePagesPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  eleventyConfig.addTemplate(`${SITE_PAGES_FOLDER}/search.html`, template("search.liquid"), { permalink: context.site().siteIndex, title: "Site index and search", search: "exclude", toc: false });
  eleventyConfig.addTemplate(`${SITE_PAGES_FOLDER}/headers.html`, headersFile(), { permalink: "_headers", layout: false, eleventyExcludeFromCollections: true });
  // A tree's own sitemap.xml (a page with front matter) is published instead.
  if (!context.site().tree.pages.some((page) => page.output && page.outputPath === "sitemap.xml")) {
    eleventyConfig.addTemplate(`${SITE_PAGES_FOLDER}/sitemap.html`, "{{ collections.all | sitemapXml }}", { permalink: "sitemap.xml", layout: false, eleventyExcludeFromCollections: true });
  }
  eleventyConfig.addCollection("redirects", (api: { getAll(): ListedPage[] }) => {
    const { redirects, problems } = collectRedirects({
      pages: api.getAll(),
      settings: context.settings.redirects,
      displayPath: (inputPath) => displayPath(context.options.contentDir, inputPath),
      settingsLine: (from) => context.settings.lineOf(["redirects", from]),
      settingsFile: context.settings.file,
      redirectLine: (inputPath) => frontMatterLine(context.options.contentDir, relativePath(context.options.contentDir, inputPath), "redirect_from"),
    });
    for (const problem of problems) context.log.add(problem);
    return redirects;
  });
  eleventyConfig.addTemplate(`${SITE_PAGES_FOLDER}/redirect.html`, "{{ redirect | redirectPage }}", {
    pagination: { data: "collections.redirects", size: 1, alias: "redirect" },
    permalink: "{{ redirect.from }}",
    layout: false,
    eleventyExcludeFromCollections: true,
  });
  eleventyConfig.addTemplate(`${SITE_PAGES_FOLDER}/redirects.txt.html`, "{{ collections.redirects | redirectsFile }}", { permalink: "_redirects", layout: false, eleventyExcludeFromCollections: true });
  // What Jekyll's plugins add when the tree's _config.yml lists them: jekyll-sitemap's robots.txt, jekyll-redirect-from's redirects.json.
  const { config, published } = context.site();
  const plugins = new Set([...config.plugins, ...config.gems]);
  if (plugins.has("jekyll-sitemap") && !published.has("robots.txt")) {
    eleventyConfig.addTemplate(`${SITE_PAGES_FOLDER}/robots.txt.html`, "{{ 'sitemap.xml' | absoluteSiteUrl | prepend: 'Sitemap: ' }}\n", { permalink: "robots.txt", layout: false, eleventyExcludeFromCollections: true });
  }
  if (plugins.has("jekyll-redirect-from") && !published.has("redirects.json")) {
    eleventyConfig.addTemplate(`${SITE_PAGES_FOLDER}/redirects.json.html`, "{{ collections.redirects | redirectsJson }}", { permalink: "redirects.json", layout: false, eleventyExcludeFromCollections: true });
  }
  eleventyConfig.addFilter("absoluteSiteUrl", (sitePath: string) => (context.site().settings.url ?? "").replace(/\/+$/, "") + context.site().url(sitePath));
  eleventyConfig.addFilter("redirectsJson", (redirects: Redirect[]) => {
    const site = context.site();
    const origin = (site.settings.url ?? "").replace(/\/+$/, "");
    return JSON.stringify(Object.fromEntries(redirects.map((r) => [site.url(`/${r.from}`), origin + site.url(`/${r.to}`)])));
  });
  eleventyConfig.addFilter("redirectPage", (redirect: Redirect) => redirectPage(redirect, context.site().url));
  eleventyConfig.addFilter("redirectsFile", (redirects: Redirect[]) => redirectsFile(redirects, context.site().url));
  // A tree's own 404 page (wherever its file is) is published instead, as Jekyll would.
  if (!context.site().hasOwn404) eleventyConfig.addTemplate(`${SITE_PAGES_FOLDER}/404.html`, template("404.liquid"), { permalink: "404.html", title: "Page not found", search: "exclude", toc: false, siteIndex: context.site().siteIndex });

  eleventyConfig.addFilter("sitemapXml", (all: ListedPage[]) => {
    const site = context.site();
    return sitemapXml(all, site.settings.url ?? "", site.url);
  });
}
