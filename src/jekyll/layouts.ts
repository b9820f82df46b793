/** Layout names that mean "no layout" (the theme's `none.html` only prints the content). */
const NO_LAYOUT = new Set(["none", "null", "false", ""]);

/** Whether a page's layout leaves it unframed: `layout: none`/null/false, output that is not HTML (feeds, JSON, text), or a `redirect_to` stub. */
export function isUnframed(layout: unknown, outputPath: string, redirectTo?: unknown): boolean {
  if (!/\.html?$/i.test(outputPath) || redirectTo) return true;
  return layout === null || layout === false || (typeof layout === "string" && NO_LAYOUT.has(layout));
}
