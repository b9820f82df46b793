/**
 * A copy of a substring that does not keep its whole parent alive: V8 keeps a substring (a regular
 * expression's match, a parser's value) as a slice of the text it came from, so a page's title or sidebar
 * name would hold the page's whole source, or a link its whole page, for as long as the value is kept.
 */
export const detached = (value: string): string => Buffer.from(value, "utf8").toString("utf8");
