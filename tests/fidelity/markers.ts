/**
 * Source syntax or internal markers that must never reach a reader: the
 * Markdown renderer's placeholders, a comment's stray `-->`, table delimiter
 * rows, kramdown header ids and abbreviation definitions, Liquid, attribute
 * lists. Code samples may show any of these on purpose, so code is skipped,
 * except for the renderer's placeholders and the dev server's stamp, which
 * belong nowhere in a published page.
 */
const PLACEHOLDER = /<!--kramdown-html|kramdown-html:\d/;
/** The dev server's stamp of the build that wrote a page: a published page has none. */
const DEV_REVISION = /<meta name="gpc-revision"/;
const IN_TEXT: readonly [RegExp, string][] = [
  [/-->|--&gt;/, "stray -->"],
  [/\|\s*:?-{3,}:?\s*\|/, "table delimiter row |---|"],
  [/\{#[A-Za-z]/, "header id {#...}"],
  [/\*\[[^\]\n]+\]:/, "abbreviation definition *[...]:"],
  [/\{%|\{\{/, "Liquid"],
  [/\{:/, "attribute list {:"],
  [/markdown="/, "markdown= attribute"],
];

/** The markers found in one page's HTML, by name. */
export function findMarkers(html: string): string[] {
  const found = PLACEHOLDER.test(html) ? ["renderer placeholder"] : [];
  if (DEV_REVISION.test(html)) found.push("dev server revision");
  const text = html
    .replace(/<(script|style|pre|code)\b[\s\S]*?<\/\1>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "");
  for (const [pattern, name] of IN_TEXT) if (pattern.test(text)) found.push(name);
  return found;
}
