import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";

/** Markdown is rendered by markdown-it with the kramdown dialect plugins. */
export function markdownPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  eleventyConfig.setLibrary("md", context.md);
  // Eleventy turns indented code blocks off in any Markdown library it is given; kramdown reads them as code.
  eleventyConfig.amendLibrary("md", (md: { enable(rule: string): unknown }) => md.enable("code"));
}
