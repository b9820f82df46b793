import { copyFileSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { filters } from "liquidjs";
import type { BuildContext } from "../build/context.ts";
import { components } from "../components/index.ts";
import { deepFreeze } from "../site/freeze.ts";
import { PAGE_LAYOUT } from "../site/layout.ts";
import { markdownExtensions } from "./config.ts";
import { absoluteUrl, createPathTag, relativeUrl } from "./filters.ts";
import { createHighlightTag } from "./highlightTag.ts";
import { createIncludeTag } from "./includeTag.ts";
import { rubyLiquidCompat } from "./rubyLiquid.ts";
import { JEKYLL_VERSION, siteVariables } from "./siteVariables.ts";
import type { TreePage } from "./tree.ts";

const RUBY_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeRuby = (value: unknown, which: RegExp): string => (value === undefined || value === null ? "" : String(value).replace(which, (ch) => RUBY_ESCAPES[ch]!));

/** Formats Eleventy renders whatever a plugin says (its defaults): in a Jekyll tree such a file is a page only with front matter. */
const ELEVENTY_FORMATS = ["liquid", "njk", "md", "html", "11ty.js", "11ty.cjs", "11ty.mjs"];

/** A path as an Eleventy ignore glob: glob characters in real file names taken literally. */
const literalGlob = (p: string): string => p.replace(/[[\]{}()*?!+@]/g, "\\$&");

const toPosix = (p: string): string => p.split(path.sep).join("/");

/**
 * Reads a Jekyll "documentation theme" tree as Jekyll does: its `_config.yml`
 * (exclude/include, defaults, collections, permalink), pages with front matter
 * rendered whatever their extension, posts and output collections at Jekyll's
 * URLs, every other file copied byte for byte, nothing `_`/`.`-named published;
 * Liquid with Jekyll's `site`, `page`, filters and tags.
 */
export function jekyllPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  const input = context.options.contentDir;
  const relativeInput = path.relative(process.cwd(), input) || ".";
  const { config, tree } = context.site();
  const relative = (inputPath: string): string => toPosix(path.relative(input, path.resolve(inputPath)));
  const treePage = (inputPath: string): TreePage | undefined => context.site().tree.page(relative(inputPath));

  // Every extension a page of the tree has is a template format: Markdown ones as Markdown, the rest (xml, json, txt…) as Liquid.
  const markdown = new Set(markdownExtensions(config));
  const formats = new Set(ELEVENTY_FORMATS);
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
  // Ruby's YAML keeps the last of two equal keys; js-yaml does so in its JSON-compatible mode.
  eleventyConfig.setFrontMatterParsingOptions({ json: true } as object);
  // What Jekyll does not render: left-out folders and files, and files without front matter (copied instead).
  const isTemplate = (file: string): boolean => [...formats].some((format) => file.toLowerCase().endsWith(`.${format}`));
  for (const folder of tree.skippedFolders) eleventyConfig.ignores.add(`${relativeInput}/${literalGlob(folder)}/**`);
  for (const file of [...tree.skipped, ...tree.statics.map((s) => s.file)]) {
    if (isTemplate(file)) eleventyConfig.ignores.add(`${relativeInput}/${literalGlob(file)}`);
  }
  eleventyConfig.ignores.add(`${relativeInput}/**/node_modules/**`);
  // The tree's data (sidebars, glossary) is read by the site model, not by Eleventy: the dev server must still watch it.
  eleventyConfig.addWatchTarget(`${relativeInput}/_data/**`);
  eleventyConfig.addWatchTarget(`${relativeInput}/_config.yml`);

  copyStaticFiles(eleventyConfig, context);

  // Each page at Jekyll's URL, with the `defaults:` of `_config.yml` beneath its front matter.
  const defaultKeys = new Set(config.defaults.flatMap((entry) => Object.keys(entry.values)).filter((key) => key !== "layout" && key !== "permalink"));
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
    if (page) {
      const pageData = data as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(page.data)) if (!(key in data.page)) data.page[key] = pageData[key] !== undefined ? pageData[key] : value;
      data.page["path"] = page.file;
      if (page.date) data.page["date"] = page.date;
    }
    return rubyLiquidCompat(content);
  });

  eleventyConfig.setLiquidOptions({ jekyllInclude: false, jekyllWhere: true, dynamicPartials: false, strictFilters: false, strictVariables: false });
  eleventyConfig.addLiquidTag(
    "include",
    createIncludeTag({
      components,
      site: () => context.site(),
      log: context.log,
      markdownInline: (text) => context.md.renderInline(text),
    }),
  );
  eleventyConfig.addLiquidTag("highlight", createHighlightTag());
  eleventyConfig.addLiquidTag("link", createPathTag("link", () => context.site()));
  eleventyConfig.addLiquidTag("post_url", createPathTag("post_url", () => context.site()));
  eleventyConfig.addLiquidFilter("relative_url", (value: unknown) => relativeUrl(context.site(), value));
  eleventyConfig.addLiquidFilter("absolute_url", (value: unknown) => absoluteUrl(context.site(), value));
  eleventyConfig.addLiquidFilter("markdownify", (value: unknown) => context.md.render(String(value ?? "")));
  // Ruby's escapes: `escape` is CGI.escapeHTML, `xml_escape` leaves `'` alone; LiquidJS writes `&#34;` for both.
  eleventyConfig.addLiquidFilter("escape", (value: unknown) => escapeRuby(value, /[&<>"']/g));
  eleventyConfig.addLiquidFilter("xml_escape", (value: unknown) => escapeRuby(value, /[&<>"]/g));
  // Jekyll's slugify (LiquidJS has it), not Eleventy's, which it replaces by default.
  eleventyConfig.addLiquidFilter("slugify", filters["slugify"] as (value: unknown, mode?: string) => string);

  eleventyConfig.addGlobalData("jekyll", { version: JEKYLL_VERSION, environment: "production" });
  // Frozen: Eleventy shares frozen global data between pages; anything else it deep-copies into every page's data,
  // which grows with pages × data files (a copy of every sidebar per page).
  const time = new Date();
  eleventyConfig.addGlobalData("site", () => {
    const site = context.site();
    return deepFreeze({
      ...siteVariables({ contentDir: input, config: site.config, tree: site.tree, data: site.data, markdown: (text) => context.md.render(text), time }),
      baseurl: site.pathPrefix.replace(/\/$/, ""),
    });
  });
}

/**
 * Static files (no front matter) are copied byte for byte before the pages are written,
 * and in the dev server only when they changed.
 */
function copyStaticFiles(eleventyConfig: UserConfig, context: BuildContext): void {
  const copied = new Map<string, number>();
  eleventyConfig.on("eleventy.before", ({ directories }: { directories: { output: string } }) => {
    const site = context.site();
    for (const file of site.tree.statics) {
      const from = path.join(site.contentDir, file.file);
      const to = path.join(directories.output, file.outputPath);
      const stamp = statSync(from).mtimeMs;
      if (copied.get(to) === stamp) continue;
      mkdirSync(path.dirname(to), { recursive: true });
      copyFileSync(from, to);
      copied.set(to, stamp);
    }
  });
}
