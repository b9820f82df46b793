import type UserConfig from "@11ty/eleventy/UserConfig";

/**
 * The floor for this stack: stock Eleventy rendering the same Markdown with
 * markdown-it, with no components, navigation, layout, checks or search.
 */
export default function (eleventyConfig: UserConfig) {
  eleventyConfig.setTemplateFormats(["md"]);
  eleventyConfig.ignores.add("**/_*/**");
  eleventyConfig.ignores.add("**/README.md");
  // Jekyll includes and Liquid would fail without the components; the floor renders Markdown only.
  return { markdownTemplateEngine: false };
}
