import { mapBootstrap } from "./bootstrap.ts";
import { dropInlineStyles } from "./contentHtml.ts";
import { sanitiseMarkup } from "../shared/markupPolicy.ts";

/**
 * The tree's version banner include (`version_1_current.html`), shown above
 * every page's title as the old layout showed it: its markup with Bootstrap
 * mapped (its `alert` becomes a callout) and anything that could run removed.
 * The old layout was HTML, not Markdown, so kramdown's `markdown` attribute did nothing there.
 */
export function bannerHtml(source: string): string {
  const { html } = sanitiseMarkup(dropInlineStyles(source.replace(/\smarkdown\s*=\s*(?:"[^"]*"|'[^']*')/g, "")), "fragment");
  return mapBootstrap(html).trim();
}
