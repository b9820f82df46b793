import type { MarkdownIt, Renderer, Token } from "markdown-it";
import footnote from "markdown-it-footnote";
import { escapeHtml } from "../shared/html.ts";

/**
 * Footnotes through markdown-it-footnote, rendered with kramdown's markup and
 * ids (`fnref:NAME`, `fn:NAME`, repeats `fnref:NAME:1`) so existing `#fn:1`
 * links keep working; kramdown names a note by its label, numbers it in order.
 */
type Meta = { id: number; subId?: number; label?: string };

const nameOf = (token: Token): string => {
  const meta = token.meta as Meta;
  return escapeHtml(meta.label ?? String(meta.id + 1));
};

const rules: Partial<Renderer["rules"]> = {
  footnote_ref: (tokens, idx) => {
    const meta = tokens[idx]!.meta as Meta;
    const name = nameOf(tokens[idx]!);
    const repeat = meta.subId ? `:${meta.subId}` : "";
    return `<sup id="fnref:${name}${repeat}" role="doc-noteref"><a href="#fn:${name}" class="footnote" rel="footnote">${meta.id + 1}</a></sup>`;
  },
  footnote_block_open: () => `<div class="footnotes" role="doc-endnotes">\n<ol>\n`,
  footnote_block_close: () => `</ol>\n</div>\n`,
  footnote_open: (tokens, idx) => `<li id="fn:${nameOf(tokens[idx]!)}" role="doc-endnote">`,
  footnote_close: () => `</li>\n`,
  footnote_anchor: (tokens, idx) => {
    const meta = tokens[idx]!.meta as Meta;
    const name = nameOf(tokens[idx]!);
    const target = meta.subId ? `${name}:${meta.subId}` : name;
    const more = meta.subId ? `<sup>${meta.subId + 1}</sup>` : "";
    // A note that does not end in a paragraph gets its back links in a paragraph of their own, as kramdown writes it.
    const first = tokens[idx - 1]?.type !== "footnote_anchor";
    const last = tokens[idx + 1]?.type !== "footnote_anchor";
    const inParagraph = tokens.slice(idx + 1).find((t) => t.type !== "footnote_anchor")?.type === "paragraph_close";
    const link = `<a href="#fnref:${target}" class="reversefootnote" role="doc-backlink">&#8617;${more}</a>`;
    if (inParagraph) return `&#160;${link}`;
    return `${first ? "<p>" : "&#160;"}${link}${last ? "</p>\n" : ""}`;
  },
};

export function footnotesPlugin(md: MarkdownIt): void {
  md.use(footnote);
  Object.assign(md.renderer.rules, rules);
}
