/**
 * How search ranks pages: the weights of the metadata each page carries and
 * the words a query leaves out. Shared by the build (which writes the
 * metadata, src/search/pageMeta.ts) and the browser (which ranks with it,
 * assets/scripts/search.ts), so it runs in both: no Node or DOM here.
 *
 * Pagefind adds a field's boost to a page's body score when query words match
 * in it: weight × the matched words' rarity × (share of the query matched)²,
 * so a field matching the whole query counts most. Body text counts through
 * the usual term-frequency score (weight 1; headings a little more).
 */
export const META_WEIGHTS = {
  /** The page's own name (its h1): a query that is a title should find that page first. */
  title: 10,
  /** The label(s) the sidebars give the page ("Consumer supplier pathway"): how readers know a page, often not its title. */
  sidebar: 10,
  /** The author's `keywords`: chosen for search, but often shared by whole sections ("usecase, structured"). */
  keywords: 5,
  /** The author's one-line `summary`: describes the page, in more (and commoner) words. */
  summary: 3,
  /** `tags`: broad topics shared by many pages, a hint rather than a name. */
  tags: 2,
} as const;

/** The metadata fields the build writes for each page (Pagefind finds the title itself, from the h1). */
export type PageMetaField = Exclude<keyof typeof META_WEIGHTS, "title">;

/**
 * Common English words that neither rank nor get highlighted. Words with a
 * meaning in API documentation stay searchable: RFC 2119's MUST, SHOULD,
 * MAY, NOT; "all", "any", "no". "get" is left out, as in "how do I get an
 * ASID" (HTTP's GET is rarely searched for with other words; alone it is
 * still searched).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ("a about an and are as at be been but by can could did do does doing for from get got had has have having how i if in into is it its " +
    "me my of on or our ours so such than that the their theirs them then there these they this those to too was we were " +
    "what when where which while who whom why will with would you your yours").split(" "),
);

/** Characters Pagefind never indexes but keeps in a query (`$` of `$gpc.getstructuredrecord`), so a query holding them finds nothing. */
const UNINDEXED_SYMBOLS = /\p{S}/gu;

/**
 * The query Pagefind is given for what the reader typed: stop words and
 * unindexed symbols left out. A query of stop words alone is searched as
 * typed (better some results than none); a quoted phrase is left whole.
 */
export function searchTerms(query: string): string {
  const trimmed = query.trim();
  if (/^".+"$/.test(trimmed)) return trimmed;
  const words = trimmed.replace(UNINDEXED_SYMBOLS, "").split(/\s+/).filter((word) => word !== "");
  const kept = words.filter((word) => !STOP_WORDS.has(word.toLowerCase()));
  return (kept.length > 0 ? kept : words).join(" ");
}

/**
 * Whether to fetch index chunks for a query the reader is still typing: only
 * once its last word has three characters, as a shorter prefix matches words
 * in many chunks.
 */
export function worthPreloading(terms: string): boolean {
  const last = terms.split(" ").pop() ?? "";
  return last.length >= 3;
}
