import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { assetsPlugin } from "./src/eleventy/assetsPlugin.ts";
import { BuildContext, ServedSite, type BuildOptions } from "./src/eleventy/context.ts";
import { checksPlugin } from "./src/eleventy/checksPlugin.ts";
import { devServerPlugin } from "./src/eleventy/devServerPlugin.ts";
import { ELEVENTY_RANGE } from "./src/eleventy/internals.ts";
import { jekyllPlugin } from "./src/eleventy/jekyllPlugin.ts";
import { lifecyclePlugin } from "./src/eleventy/lifecycle.ts";
import { markdownPlugin } from "./src/eleventy/markdownPlugin.ts";
import { navigationPlugin } from "./src/eleventy/navigationPlugin.ts";
import { outputPlugin } from "./src/eleventy/outputPlugin.ts";
import { searchPlugin } from "./src/eleventy/searchPlugin.ts";
import { LAYOUT_FOLDER, layoutPlugin } from "./src/eleventy/layoutPlugin.ts";
import { pagePlugin } from "./src/eleventy/pagePlugin.ts";
import { safetyPlugin, TEMPLATE_FORMATS } from "./src/eleventy/safetyPlugin.ts";
import { sitePagesPlugin } from "./src/eleventy/sitePagesPlugin.ts";
import { PROJECT_ROOT } from "./src/shared/sitePaths.ts";

/** Each concern is a local plugin in src/eleventy/; this file only wires them together, for the options the CLI parsed. */
export function siteConfig(options: BuildOptions): (eleventyConfig: UserConfig) => void {
  // Outlives the dev server's configuration reloads, each of which runs the function below again.
  const served = new ServedSite();
  return (eleventyConfig) => {
    eleventyConfig.versionCheck(ELEVENTY_RANGE);
    const context = new BuildContext(options, served);
    eleventyConfig.setIncludesDirectory(LAYOUT_FOLDER);
    // Only the formats a tree may have (a plugin can add formats, never set them): no Nunjucks, no tree JavaScript.
    eleventyConfig.setTemplateFormats(TEMPLATE_FORMATS);
    // Never the tree's own _data/: that is Jekyll data, read by src/source and given to Liquid as site.data.
    eleventyConfig.setDataDirectory(path.relative(options.contentDir, path.join(PROJECT_ROOT, "_data")));
    // Registers eleventy.before/after/beforeWatch: starts each build, then runs the plugins' start and end steps.
    eleventyConfig.addPlugin(lifecyclePlugin, { context });
    eleventyConfig.addPlugin(checksPlugin, { context });
    // Numbers each dev-server build, so that a page opened while a rebuild rewrote it knows to reload.
    eleventyConfig.addPlugin(devServerPlugin, { context });
    // Front matter read as YAML only, without Eleventy's own keys: before any plugin that reads pages.
    eleventyConfig.addPlugin(safetyPlugin, { context });
    eleventyConfig.addPlugin(markdownPlugin, { context });
    eleventyConfig.addPlugin(jekyllPlugin, { context });
    eleventyConfig.addPlugin(navigationPlugin, { context });
    eleventyConfig.addPlugin(pagePlugin, { context });
    eleventyConfig.addPlugin(layoutPlugin, { context });
    eleventyConfig.addPlugin(sitePagesPlugin, { context });
    eleventyConfig.addPlugin(assetsPlugin, { context });
    eleventyConfig.addPlugin(searchPlugin, { context });
    // Transforms run in the order they are added: the page-output transform writes the page, so it is added last.
    eleventyConfig.addPlugin(outputPlugin, { context });
  };
}
