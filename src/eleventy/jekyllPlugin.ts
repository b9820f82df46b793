import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { filters, Liquid } from "liquidjs";
import type { BuildContext } from "./context.ts";
import { components } from "../components/index.ts";
import { htmlToText } from "../shared/html.ts";
import { deepFreeze } from "../shared/freeze.ts";
import { redirectStub } from "../theme/redirects.ts";
import { PAGE_LAYOUT } from "./layoutPlugin.ts";
import { staticFileOutput } from "./pagePlugin.ts";
import { CODE_TEMPLATES, ELEVENTY_KEYS, TEMPLATE_FORMATS } from "./safetyPlugin.ts";
import { SITE_PAGES_FOLDER } from "./sitePagesPlugin.ts";
import type { SiteModel } from "../source/model.ts";
import { markdownExtensions } from "../source/jekyllConfig.ts";
import { absoluteUrl, createPathTag, jekyllSort, relativeUrl } from "../jekyll/filters.ts";
import { createHighlightTag } from "../jekyll/highlightTag.ts";
import { createIncludeTag } from "../jekyll/includeTag.ts";
import { createRefusedFileTag, FILE_TAGS } from "../jekyll/fileTags.ts";
import { escapingSitePath, fromWorkingFolder, isExternalUrl, isInside, realInside, relativePath } from "../shared/sitePaths.ts";
import { rubyLiquidCompat } from "../jekyll/rubyLiquid.ts";
import { FRONT_MATTER_BLOCK, JEKYLL_VERSION, siteVariables } from "../jekyll/siteVariables.ts";
import { frontMatterLine, readPage, type TreePage } from "../source/jekyllTree.ts";

/** Ruby's HTML escapes (CGI.escapeHTML): `&quot;` and `&#39;` where LiquidJS writes `&#34;`. */
const RUBY_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeRuby = (value: unknown, which: RegExp): string => (value === undefined || value === null ? "" : String(value).replace(which, (ch) => RUBY_ESCAPES[ch]!));

/** The first URL of `redirect_to` (jekyll-redirect-from takes the first of a list). */
export function redirectTarget(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first.trim() ? first.trim() : undefined;
}

/** A path as an Eleventy ignore glob: glob characters in real file names taken literally. */
const literalGlob = (p: string): string => p.replace(/[[\]{}()*?!+@]/g, "\\$&");

/**
 * Reads a Jekyll "documentation theme" tree as Jekyll does: its `_config.yml`
 * (exclude/include, defaults, collections, permalink), pages with front matter
 * rendered whatever their extension, posts and output collections at Jekyll's
 * URLs, every other file copied byte for byte, nothing `_`/`.`-named published;
 * Liquid with Jekyll's `site`, `page`, filters and tags.
 */
export function jekyllPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  const input = context.options.contentDir;
  const relativeInput = fromWorkingFolder(input);
  const { config, tree } = context.site();
  // A page saved under the dev server after the tree was read (a partial rebuild) is read on its own.
  const treePage = (inputPath: string): TreePage | undefined => {
    const file = relativePath(input, inputPath);
    const site = context.site();
    return site.tree.page(file) ?? (isInside(input, inputPath) && !file.split("/").some((part) => /^[_.]/.test(part)) && realInside(input, inputPath) ? readPage(input, site.config, file) : undefined);
  };

  // Every extension a page of the tree has is a template format: Markdown ones as Markdown, the rest (xml, json, txt…) as Liquid.
  const markdown = new Set(markdownExtensions(config));
  const formats = new Set([...TEMPLATE_FORMATS, "11ty.cjs", "11ty.mjs"]);
  for (const page of tree.pages) {
    if (!page.output) continue;
    const ext = path.posix.extname(page.file).slice(1).toLowerCase();
    if (!ext || formats.has(ext)) continue;
    formats.add(ext);
    eleventyConfig.addExtension(ext, { key: markdown.has(ext) ? "md" : "liquid" });
    // A plugin can only add formats (Eleventy ignores setTemplateFormats from one).
    eleventyConfig.addTemplateFormats(ext);
  }
  // Only `_data/` is data: a `NAME.json` beside a page is a file of the site, not Eleventy's data for that page.
  eleventyConfig.setDataFileSuffixes([]);
  eleventyConfig.setUseGitIgnore(false);
  // What Jekyll does not render: left-out folders and files, and files without front matter (copied instead).
  const isTemplate = (file: string): boolean => [...formats].some((format) => file.toLowerCase().endsWith(`.${format}`));
  for (const folder of tree.skippedFolders) eleventyConfig.ignores.add(`${relativeInput}/${literalGlob(folder)}/**`);
  for (const file of [...tree.skipped, ...tree.statics.map((s) => s.file)]) {
    if (isTemplate(file)) eleventyConfig.ignores.add(`${relativeInput}/${literalGlob(file)}`);
  }
  eleventyConfig.ignores.add(`${relativeInput}/**/node_modules/**`);
  // Nothing in a tree chooses code to run or leads Eleventy outside it: no JavaScript template, no link walked.
  eleventyConfig.ignores.add(`${relativeInput}/${CODE_TEMPLATES}`);
  for (const link of tree.links) {
    eleventyConfig.ignores.add(`${relativeInput}/${literalGlob(link)}`);
    eleventyConfig.ignores.add(`${relativeInput}/${literalGlob(link)}/**`);
  }

  copyStaticFiles(context);
  removeGoneOutputs(context);

  // Each page at Jekyll's URL, with the `defaults:` of `_config.yml` beneath its front matter.
  const defaultKeys = new Set(config.defaults.flatMap((entry) => Object.keys(entry.values)).filter((key) => key !== "layout" && key !== "permalink" && !ELEVENTY_KEYS.has(key)));
  const computed: Record<string, (data: Record<string, unknown> & { page: { inputPath: string } }) => unknown> = {
    permalink: (data) => treePage(data.page.inputPath)?.outputPath ?? data["permalink"],
  };
  for (const key of defaultKeys) computed[key] = (data) => (data[key] !== undefined ? data[key] : treePage(data.page.inputPath)?.data[key]);
  eleventyConfig.addGlobalData("eleventyComputed", computed);

  // Every layout a page names is the site's page layout, which leaves `none` (and non-HTML output) unframed.
  eleventyConfig.addGlobalData("layout", "page");
  const layouts = new Set(["page", "default", "post"]);
  for (const page of tree.pages) {
    const layout = page.data["layout"];
    if (typeof layout === "string" && layout) layouts.add(layout);
  }
  for (const layout of layouts) eleventyConfig.addLayoutAlias(layout, PAGE_LAYOUT);

  // Ruby Liquid's leniencies, and Jekyll's `page.*` (front matter and defaults beside Eleventy's url and inputPath).
  eleventyConfig.addPreprocessor("jekyll-liquid", "*", (data: { page: Record<string, unknown> & { inputPath: string } }, content: string) => {
    const page = treePage(data.page.inputPath);
    // Eleventy renders only what Jekyll would: the tree's pages and the site's own pages, whatever else it found.
    if (!page && !relativePath(input, data.page.inputPath).startsWith(`${SITE_PAGES_FOLDER}/`)) return false;
    if (page) {
      const pageData = data as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(page.data)) if (!(key in data.page)) data.page[key] = pageData[key] !== undefined ? pageData[key] : value;
      data.page["path"] = page.file;
      if (page.date) data.page["date"] = page.date;
      // jekyll-redirect-from's `redirect_to`: the page is a stub leading there (its layout leaves it unframed).
      const redirectTo = redirectTarget(page.data["redirect_to"]);
      const escape = redirectTo && !isExternalUrl(redirectTo) ? escapingSitePath(redirectTo) : undefined;
      if (escape) {
        context.log.error({ code: "output-path", file: page.file, line: frontMatterLine(input, page.file, "redirect_to"), message: `redirect_to ${redirectTo} has ${escape} and leads outside the site: the page is left out`, hint: "redirect to a page of this site (its permalink) or to a full https:// URL" });
        return false;
      }
      if (redirectTo) return redirectStub(context.site().url(redirectTo), htmlToText(String(page.data["title"] ?? redirectTo)));
    }
    return rubyLiquidCompat(content);
  });

  const liquid = jekyllLiquid(context);
  eleventyConfig.setLiquidOptions(LIQUID_OPTIONS);
  for (const [name, tag] of Object.entries(liquid.tags)) eleventyConfig.addLiquidTag(name, tag);
  for (const [name, filter] of Object.entries(liquid.filters)) eleventyConfig.addLiquidFilter(name, filter);

  eleventyConfig.addGlobalData("jekyll", JEKYLL_VARIABLE);
  // Posts and documents are rendered (Liquid, then Markdown) before any page reads them: feeds and news lists print `post.content`.
  const time = new Date();
  let documentHtml = new Map<string, string>();
  const variables = (): Record<string, unknown> => {
    const site = context.site();
    return {
      ...siteVariables({ contentDir: input, config: site.config, tree: site.tree, data: site.data, markdown: (text) => context.md.render(text), time, rendered: documentHtml }),
      baseurl: site.pathPrefix.replace(/\/$/, ""),
    };
  };
  context.lifecycle.onStart(async ({ partial }) => {
    if (!partial) documentHtml = await renderDocuments(context, liquid, variables());
  });
  // Frozen: Eleventy shares frozen global data between pages; anything else it deep-copies into every page's data,
  // which grows with pages × data files (a copy of every sidebar per page).
  eleventyConfig.addGlobalData("site", () => deepFreeze(variables()));
}

/**
 * Bounds on one page's Liquid, so no input hangs the build; each is an error at the page.
 * Generous for any real page (the corpus's largest is far below each): 20 million characters
 * parsed, 5 s rendering, 100 million units of LiquidJS's memory count (array items, string characters).
 */
const LIQUID_LIMITS = { parseLimit: 20e6, renderLimit: 5_000, memoryLimit: 100e6 } as const;
const LIQUID_OPTIONS = { jekyllInclude: false, jekyllWhere: true, dynamicPartials: false, strictFilters: false, strictVariables: false, ...LIQUID_LIMITS } as const;
const JEKYLL_VARIABLE = { version: JEKYLL_VERSION, environment: "production" };

type TagFactory = Parameters<UserConfig["addLiquidTag"]>[1];
type FilterFunction = (value: unknown, ...args: unknown[]) => unknown;

/** Jekyll's tags and filters, and what LiquidJS writes differently from Ruby Liquid: one set for pages and for posts' own rendering. */
function jekyllLiquid(context: BuildContext): { tags: Record<string, TagFactory>; filters: Record<string, FilterFunction> } {
  const site = (): SiteModel => context.site();
  const includeOptions = { components, site, log: context.log, markdownInline: (text: string) => context.md.renderInline(text), sourceLines: context.sourceLines, templates: context.includeTemplates, tagged: context.taggedPages };
  return {
    tags: {
      include: createIncludeTag(includeOptions),
      include_relative: createIncludeTag(includeOptions, true),
      highlight: createHighlightTag(),
      link: createPathTag("link", site, context.sourceLines),
      post_url: createPathTag("post_url", site, context.sourceLines),
      ...Object.fromEntries(FILE_TAGS.map((name) => [name, createRefusedFileTag(name)])),
    },
    filters: {
      relative_url: (value) => relativeUrl(site(), value),
      absolute_url: (value) => absoluteUrl(site(), value),
      markdownify: (value) => context.md.render(String(value ?? "")),
      // Ruby's escapes: `escape` is CGI.escapeHTML, `xml_escape` leaves `'` alone; LiquidJS writes `&#34;` for both.
      escape: (value) => escapeRuby(value, /[&<>"']/g),
      xml_escape: (value) => escapeRuby(value, /[&<>"]/g),
      sort: jekyllSort as FilterFunction,
      // Jekyll's slugify (LiquidJS has it), not Eleventy's, which replaces it by default.
      slugify: filters["slugify"] as FilterFunction,
    },
  };
}

/** The HTML of every post and document (Liquid, then Markdown for Markdown files), by file; one that fails keeps its Markdown-only HTML (its page reports the error). */
async function renderDocuments(context: BuildContext, set: ReturnType<typeof jekyllLiquid>, site: Record<string, unknown>): Promise<Map<string, string>> {
  const engine = new Liquid(LIQUID_OPTIONS);
  for (const [name, factory] of Object.entries(set.tags)) engine.registerTag(name, (factory as (liquid: Liquid) => Parameters<Liquid["registerTag"]>[1])(engine));
  for (const [name, filter] of Object.entries(set.filters)) engine.registerFilter(name, filter);
  const model = context.site();
  const markdown = new Set(markdownExtensions(model.config));
  const html = new Map<string, string>();
  for (const page of model.tree.pages) {
    if (page.type === "pages") continue;
    const inputPath = path.join(model.contentDir, page.file);
    const body = readFileSync(inputPath, "utf8").replace(FRONT_MATTER_BLOCK, "");
    try {
      const text = await engine.parseAndRender(rubyLiquidCompat(body), { site, jekyll: JEKYLL_VARIABLE, page: { ...page.data, url: page.url, inputPath, path: page.file } });
      html.set(page.file, markdown.has(path.posix.extname(page.file).slice(1).toLowerCase()) ? context.md.render(text) : text);
    } catch {
      // Left to the document's own page (or to no one, for an unpublished collection): its Markdown-only HTML stays.
    }
  }
  return html;
}

/**
 * Under the dev server, a page or file deleted from the tree (or renamed, or excluded by a `_config.yml` save)
 * leaves the served site at the whole rebuild its change starts: its old output file goes, so links to it are
 * reported as broken. What was published is kept on `context.served`, which outlives configuration reloads.
 */
function removeGoneOutputs(context: BuildContext): void {
  context.lifecycle.onStart(({ outputDir, partial, serving }) => {
    if (partial) return;
    const now = context.site().published;
    for (const gone of serving ? context.served.published : []) {
      const file = path.join(outputDir, gone);
      if (!now.has(gone) && isInside(outputDir, file)) rmSync(file, { force: true });
    }
    context.served.published = now;
  });
}

/**
 * Static files (no front matter) are copied byte for byte before the pages are written (but for
 * what could run script: `staticFileOutput`), and in the dev server only when they changed.
 */
function copyStaticFiles(context: BuildContext): void {
  const copied = new Map<string, number>();
  context.lifecycle.onStart(({ outputDir }) => {
    const site = context.site();
    for (const file of site.tree.statics) {
      const from = path.join(site.contentDir, file.file);
      const to = path.join(outputDir, file.outputPath);
      const stamp = statSync(from).mtimeMs;
      if (copied.get(to) === stamp) continue;
      copied.set(to, stamp);
      const output = staticFileOutput(context, from);
      if (output === undefined) {
        rmSync(to, { force: true });
        continue;
      }
      mkdirSync(path.dirname(to), { recursive: true });
      if (output === "as-is") copyFileSync(from, to);
      else writeFileSync(to, output);
    }
  });
}
