import sanitizeHtml from "sanitize-html";

/**
 * Author-supplied snippets that the build places as markup (sidebar and
 * glossary titles, glossary definitions) keep their formatting and lose
 * anything that could run: tags outside the list, event handlers, script URLs.
 */
const INLINE_TAGS = ["b", "i", "em", "strong", "code", "sup", "sub", "span", "abbr", "br"];

/** A title: inline formatting only (`<b class='resource'>`, `FHIR&reg;`). */
export function sanitiseInline(fragment: string): string {
  return sanitizeHtml(fragment, { allowedTags: INLINE_TAGS, allowedAttributes: { "*": ["class"], abbr: ["title"] } });
}

/** A definition: inline formatting, paragraphs, lists and links to web addresses. */
export function sanitiseBlock(fragment: string): string {
  return sanitizeHtml(fragment, {
    allowedTags: [...INLINE_TAGS, "a", "ul", "ol", "li", "p"],
    allowedAttributes: { a: ["href", "title"], abbr: ["title"] },
    allowedSchemes: ["http", "https", "mailto"],
  });
}
