import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { assetsPlugin } from "./src/eleventy/assetsPlugin.ts";
import { BuildContext, PROJECT_ROOT, readBuildOptions } from "./src/eleventy/context.ts";
import { checksPlugin } from "./src/eleventy/checksPlugin.ts";
import { jekyllPlugin } from "./src/eleventy/jekyllPlugin.ts";
import { markdownPlugin } from "./src/eleventy/markdownPlugin.ts";
import { navigationPlugin } from "./src/eleventy/navigationPlugin.ts";
import { outputPlugin } from "./src/eleventy/outputPlugin.ts";
import { searchPlugin } from "./src/eleventy/searchPlugin.ts";
import { LAYOUT_FOLDER, layoutPlugin } from "./src/eleventy/layoutPlugin.ts";
import { pagePlugin } from "./src/eleventy/pagePlugin.ts";
import { sitePagesPlugin } from "./src/eleventy/sitePagesPlugin.ts";

/** Each concern is a local plugin in src/; this file only wires them together. */
export default function (eleventyConfig: UserConfig) {
  // Eleventy types `directories` as a bare object; at config time it holds the resolved input folder.
  const input = (eleventyConfig.directories as { input: string }).input;
  const context = new BuildContext(readBuildOptions(input, eleventyConfig.pathPrefix));
  eleventyConfig.setIncludesDirectory(LAYOUT_FOLDER);
  eleventyConfig.setDataDirectory(path.relative(input, path.join(PROJECT_ROOT, "_data")));
  eleventyConfig.addPlugin(checksPlugin, { context });
  eleventyConfig.addPlugin(markdownPlugin, { context });
  eleventyConfig.addPlugin(jekyllPlugin, { context });
  eleventyConfig.addPlugin(navigationPlugin, { context });
  eleventyConfig.addPlugin(pagePlugin, { context });
  eleventyConfig.addPlugin(layoutPlugin, { context });
  eleventyConfig.addPlugin(sitePagesPlugin, { context });
  eleventyConfig.addPlugin(assetsPlugin, { context });
  eleventyConfig.addPlugin(searchPlugin, { context });
  eleventyConfig.addPlugin(outputPlugin, { context });
}
