import type { MarkdownIt, Renderer, StateBlock, StateCore, Token } from "markdown-it";
import footnote from "markdown-it-footnote";
import { escapeHtml } from "../shared/html.ts";
import { pageOptions } from "./options.ts";
import { blockReferences } from "./kramdownAttributes.ts";

/**
 * Footnotes through markdown-it-footnote, rendered with kramdown's markup and
 * ids (`fnref:NAME`, `fn:NAME`, repeats `fnref:NAME:1`) so existing `#fn:1`
 * links keep working; kramdown names a note by its label, numbers it in order.
 * A list given the reference `{:footnotes}` is where the notes go instead of
 * the page's end (converter/html.rb, `@footnote_location`); with no notes it
 * is left out.
 */
type Meta = { id: number; subId?: number; label?: string };

const nameOf = (token: Token): string => {
  const meta = token.meta as Meta;
  return escapeHtml(meta.label ?? String(meta.id + 1));
};

const rules: Partial<Renderer["rules"]> = {
  // `{::options footnote_nr="10" /}` numbers the page's notes from 10 (kramdown's converter option).
  footnote_ref: (tokens, idx, _options, env) => {
    const meta = tokens[idx]!.meta as Meta;
    const name = nameOf(tokens[idx]!);
    const repeat = meta.subId ? `:${meta.subId}` : "";
    return `<sup id="fnref:${name}${repeat}" role="doc-noteref"><a href="#fn:${name}" class="footnote" rel="footnote">${meta.id + pageOptions(env).footnoteNr}</a></sup>`;
  },
  footnote_block_open: (_tokens, _idx, _options, env) => {
    const first = pageOptions(env).footnoteNr;
    return `<div class="footnotes" role="doc-endnotes">\n<ol${first === 1 ? "" : ` start="${first}"`}>\n`;
  },
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
    let after = idx + 1;
    while (tokens[after]?.type === "footnote_anchor") after++;
    const inParagraph = tokens[after]?.type === "paragraph_close";
    const link = `<a href="#fnref:${target}" class="reversefootnote" role="doc-backlink">&#8617;${more}</a>`;
    if (inParagraph) return `&#160;${link}`;
    return `${first ? "<p>" : "&#160;"}${link}${last ? "</p>\n" : ""}`;
  },
};

/**
 * Where a note's definition ends in kramdown (footnote.rb
 * FOOTNOTE_DEFINITION_START: its line, then indented lines, blank lines
 * between them, and lazy lines after an indented one): a line of its own
 * after the first, such as a link definition, is not part of the note.
 */
function definitionEnd(state: StateBlock, startLine: number, endLine: number): number {
  const indented = (line: number): boolean => !state.isEmpty(line) && state.sCount[line]! - state.blkIndent >= 4;
  let end = startLine + 1;
  for (let line = startLine + 1; line < endLine; line++) {
    if (indented(line)) end = line + 1;
    else if (state.isEmpty(line)) continue;
    else if (end === line && end > startLine + 1) end = line + 1;
    else break;
  }
  return end;
}

/** A token list whose `concat` appends to itself and returns it. */
class AppendingTokens extends Array<Token> {
  override concat(...items: (Token | ConcatArray<Token>)[]): Token[] {
    for (const item of items) {
      if (Array.isArray(item)) for (const token of item as Token[]) this.push(token);
      else this.push(item as Token);
    }
    return this;
  }
}

/** markdown-it-footnote's start: `[^label]:`, the label without spaces. */
const DEFINITION_START = /^\[\^[^\] ]+\]:/;

const isList = (token: Token): boolean => token.type === "bullet_list_open" || token.type === "ordered_list_open";

function placeNotes(state: StateCore): void {
  const tokens = state.tokens;
  // A list marked for both is the table of contents, as in kramdown.
  const at = tokens.findIndex((t) => isList(t) && blockReferences(t).includes("footnotes") && !blockReferences(t).includes("toc"));
  if (at < 0) return;
  const open = tokens[at]!;
  let end = at + 1;
  while (end < tokens.length && !(tokens[end]!.level === open.level && tokens[end]!.nesting === -1)) end++;
  // markdown-it-footnote appended the notes at the end, after the list.
  const notesStart = tokens.findIndex((t) => t.type === "footnote_block_open");
  const notes = notesStart < 0 ? [] : tokens.splice(notesStart, tokens.findIndex((t) => t.type === "footnote_block_close") - notesStart + 1);
  tokens.splice(at, end - at + 1, ...notes);
}

export function footnotesPlugin(md: MarkdownIt): void {
  md.use(footnote);
  // markdown-it-footnote does not export its rule; the ruler's (typed, internal) list is the one way to wrap it.
  const { fn: definition, alt } = md.block.ruler.__rules__.find((rule) => rule.name === "footnote_def")!;
  // Only a line that starts a definition is measured: every line of a paragraph asks, and measuring from each would be quadratic.
  md.block.ruler.at(
    "footnote_def",
    (state, startLine, endLine, silent) => DEFINITION_START.test(state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]!)) && definition(state, startLine, definitionEnd(state, startLine, endLine), silent),
    { alt: [...alt] },
  );
  // Its tail copies the page's whole token list once per note (`state.tokens = state.tokens.concat(note)`), quadratic in the
  // notes: it runs on a list whose concat appends in place (filter and concat keep the list's class), then the list is plain again.
  const { fn: tail } = md.core.ruler.__rules__.find((rule) => rule.name === "footnote_tail")!;
  md.core.ruler.at("footnote_tail", (state) => {
    state.tokens = AppendingTokens.from(state.tokens);
    tail(state);
    state.tokens = Array.from(state.tokens);
  });
  Object.assign(md.renderer.rules, rules);
  // After the attribute lists are attached (kramdownAttributesPlugin is used first).
  md.core.ruler.push("kramdown_footnote_placement", placeNotes);
}
