import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";

/** The site index page (a Liquid template) lists every sidebar; pages get their navigation from the layout. */
export function navigationPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  eleventyConfig.addFilter("siteIndex", () => context.navigation().siteIndex());
}
