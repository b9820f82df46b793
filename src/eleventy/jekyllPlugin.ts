import { readdirSync } from "node:fs";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";
import { components } from "../components/index.ts";
import { deepFreeze } from "../shared/freeze.ts";
import { PAGE_LAYOUT } from "./layoutPlugin.ts";
import { createHighlightTag } from "../jekyll/highlightTag.ts";
import { createIncludeTag } from "../jekyll/includeTag.ts";
import { relativePath } from "../shared/sitePaths.ts";

/** Extensions Eleventy renders as pages; every other file in the tree is copied as it is. */
const PAGE_EXTENSIONS = new Set(["md", "html"]);

/** Extensions of the static files in the tree (images, downloads), skipping Jekyll's `_` folders. */
export function staticExtensions(dir: string): string[] {
  const found = new Set<string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith("_") || entry.name.startsWith(".") || entry.name === "node_modules") continue;
      if (entry.isDirectory()) walk(path.join(folder, entry.name));
      else {
        const ext = path.extname(entry.name).slice(1).toLowerCase();
        if (ext && !PAGE_EXTENSIONS.has(ext)) found.add(ext);
      }
    }
  };
  walk(dir);
  return [...found].sort();
}

/** The url of a page with no permalink: Jekyll's `folder/name.html`, not Eleventy's `folder/name/index.html`. */
export function jekyllPermalink(contentDir: string, inputPath: string): string {
  return relativePath(contentDir, inputPath).replace(/\.[^./]+$/, ".html");
}

/**
 * Reads a Jekyll "documentation theme" tree as it is: its `_`-folders are not
 * pages, its static files are copied, pages without a permalink keep Jekyll's
 * URL, `site.data` is the tree's `_data`, and `include`/`highlight` are Jekyll's.
 */
export function jekyllPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  const input = context.options.contentDir;
  const relativeInput = path.relative(process.cwd(), input) || ".";
  eleventyConfig.setTemplateFormats([...PAGE_EXTENSIONS]);
  const statics = staticExtensions(input);
  // A brace list of one ("*.{png}") matches nothing in Eleventy's glob library.
  if (statics.length > 0) eleventyConfig.addPassthroughCopy(`${relativeInput}/**/*.${statics.length === 1 ? statics[0] : `{${statics.join(",")}}`}`);
  eleventyConfig.ignores.add(`${relativeInput}/**/_*/**`);
  eleventyConfig.ignores.add(`${relativeInput}/**/_*`);
  eleventyConfig.ignores.add(`${relativeInput}/**/README.md`);
  eleventyConfig.ignores.add(`${relativeInput}/**/node_modules/**`);

  eleventyConfig.setLiquidOptions({ jekyllInclude: false, dynamicPartials: false, strictFilters: false, strictVariables: false });
  eleventyConfig.addLiquidTag(
    "include",
    createIncludeTag({
      components,
      site: () => context.site(),
      log: context.log,
      markdownInline: (text) => context.md.renderInline(text),
      sourceLines: context.sourceLines,
      templates: context.includeTemplates,
    }),
  );
  eleventyConfig.addLiquidTag("highlight", createHighlightTag());

  eleventyConfig.addGlobalData("permalink", () => (data: { page: { inputPath: string } }) => jekyllPermalink(input, data.page.inputPath));
  eleventyConfig.addGlobalData("layout", "page");
  eleventyConfig.addLayoutAlias("page", PAGE_LAYOUT);
  eleventyConfig.addLayoutAlias("default", PAGE_LAYOUT);
  // Frozen: Eleventy shares frozen global data between pages; anything else it deep-copies into every page's data,
  // which grows with pages × data files (a copy of every sidebar per page).
  eleventyConfig.addGlobalData("site", () => {
    const site = context.site();
    return deepFreeze({ title: site.settings.title, description: site.settings.description, owner: site.settings.owner, source: site.settings.source, data: site.data, baseurl: site.pathPrefix.replace(/\/$/, "") });
  });
}
