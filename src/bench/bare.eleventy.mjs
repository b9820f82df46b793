/**
 * The floor for this stack: stock Eleventy rendering the same Markdown with
 * markdown-it, with no components, navigation, layout, checks or search.
 * Plain JavaScript, so the floor pays no TypeScript loading either.
 * @param {import("@11ty/eleventy/UserConfig").default} eleventyConfig
 */
export default function (eleventyConfig) {
  eleventyConfig.setTemplateFormats(["md"]);
  eleventyConfig.ignores.add("**/_*/**");
  eleventyConfig.ignores.add("**/README.md");
  // Jekyll includes and Liquid would fail without the components; the floor renders Markdown only.
  return { markdownTemplateEngine: false };
}
