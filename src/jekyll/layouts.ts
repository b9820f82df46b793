/** Layout names that mean "no layout" (the theme's `none.html` only prints the content). */
const NO_LAYOUT = new Set(["none", "null", "false", ""]);

/** Whether a page's layout leaves it unframed: `layout: none`/null/false, or output that is not HTML (feeds, JSON, text). */
export function isUnframed(layout: unknown, outputPath: string): boolean {
  if (!/\.html?$/i.test(outputPath)) return true;
  return layout === null || layout === false || (typeof layout === "string" && NO_LAYOUT.has(layout));
}
