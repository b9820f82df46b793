import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";

/** Markdown is rendered by markdown-it with the kramdown dialect plugins. */
export function markdownPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  eleventyConfig.setLibrary("md", context.md);
}
