import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";
import { PROJECT_ROOT } from "../shared/sitePaths.ts";
import { escapeHtml } from "../shared/html.ts";
import { CONTENT_SECURITY_POLICY } from "../shared/securityPolicy.ts";
import { collectRedirects, redirectPage, redirectsFile, type Redirect } from "../theme/redirects.ts";
import type { ListedPage } from "../source/pages.ts";
import { displayPath } from "../source/sourceFile.ts";

/** `_headers` for static hosts that read one (Netlify, Cloudflare Pages): the policy and safe defaults for every path. */
export function headersFile(): string {
  return `/*\n  Content-Security-Policy: ${CONTENT_SECURITY_POLICY}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n`;
}

/** The site index page: every sidebar, then the pages no sidebar lists. Also where search goes without JavaScript. */
export const SITE_INDEX_URL = "search.html";

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
  eleventyConfig.addTemplate("_site-pages/search.html", template("search.liquid"), { permalink: SITE_INDEX_URL, title: "Site index and search", search: "exclude", toc: false });
  eleventyConfig.addTemplate("_site-pages/headers.html", headersFile(), { permalink: "_headers", layout: false, eleventyExcludeFromCollections: true });
  // A tree's own sitemap.xml (a page with front matter) is published instead.
  if (!context.site().tree.pages.some((page) => page.output && page.outputPath === "sitemap.xml")) {
    eleventyConfig.addTemplate("_site-pages/sitemap.html", "{{ collections.all | sitemapXml }}", { permalink: "sitemap.xml", layout: false, eleventyExcludeFromCollections: true });
  }
  eleventyConfig.addCollection("redirects", (api: { getAll(): ListedPage[] }) => {
    const { redirects, problems } = collectRedirects({
      pages: api.getAll(),
      settings: context.settings.redirects,
      displayPath: (inputPath) => displayPath(context.options.contentDir, inputPath),
      settingsLine: (from) => context.settings.lineOf(["redirects", from]),
      settingsFile: context.settings.file,
    });
    for (const problem of problems) context.log.warn(problem);
    return redirects;
  });
  eleventyConfig.addTemplate("_site-pages/redirect.html", "{{ redirect | redirectPage }}", {
    pagination: { data: "collections.redirects", size: 1, alias: "redirect" },
    permalink: "{{ redirect.from }}",
    layout: false,
    eleventyExcludeFromCollections: true,
  });
  eleventyConfig.addTemplate("_site-pages/redirects.txt.html", "{{ collections.redirects | redirectsFile }}", { permalink: "_redirects", layout: false, eleventyExcludeFromCollections: true });
  // What Jekyll's plugins add when the tree's _config.yml lists them: jekyll-sitemap's robots.txt, jekyll-redirect-from's redirects.json.
  const { config, tree } = context.site();
  const plugins = new Set([...config.plugins, ...config.gems]);
  const published = new Set(tree.pages.filter((page) => page.output).map((page) => page.outputPath).concat(tree.statics.map((file) => file.outputPath)));
  if (plugins.has("jekyll-sitemap") && !published.has("robots.txt")) {
    eleventyConfig.addTemplate("_site-pages/robots.txt.html", "{{ 'sitemap.xml' | absoluteSiteUrl | prepend: 'Sitemap: ' }}\n", { permalink: "robots.txt", layout: false, eleventyExcludeFromCollections: true });
  }
  if (plugins.has("jekyll-redirect-from") && !published.has("redirects.json")) {
    eleventyConfig.addTemplate("_site-pages/redirects.json.html", "{{ collections.redirects | redirectsJson }}", { permalink: "redirects.json", layout: false, eleventyExcludeFromCollections: true });
  }
  eleventyConfig.addFilter("absoluteSiteUrl", (sitePath: string) => (context.site().settings.url ?? "").replace(/\/+$/, "") + context.site().url(sitePath));
  eleventyConfig.addFilter("redirectsJson", (redirects: Redirect[]) => {
    const site = context.site();
    const origin = (site.settings.url ?? "").replace(/\/+$/, "");
    return JSON.stringify(Object.fromEntries(redirects.map((r) => [site.url(`/${r.from}`), origin + site.url(`/${r.to}`)])));
  });
  eleventyConfig.addFilter("redirectPage", (redirect: Redirect) => redirectPage(redirect, context.site().url));
  eleventyConfig.addFilter("redirectsFile", (redirects: Redirect[]) => redirectsFile(redirects, context.site().url));
  const hasOwn404 = ["404.md", "404.html"].some((name) => existsSync(path.join(context.options.contentDir, name)));
  if (!hasOwn404) eleventyConfig.addTemplate("_site-pages/404.html", template("404.liquid"), { permalink: "404.html", title: "Page not found", search: "exclude", toc: false });

  eleventyConfig.addFilter("sitemapXml", (all: ListedPage[]) => {
    const site = context.site();
    return sitemapXml(all, site.settings.url ?? "", site.url);
  });
}
