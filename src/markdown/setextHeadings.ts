import type { MarkdownIt, StateBlock } from "markdown-it";

/**
 * Setext headings as kramdown reads them (parser/kramdown/header.rb
 * SETEXT_HEADER_START): one line of text, then a line of `=` or `-`. Under a
 * paragraph of several lines the underline is text, where CommonMark makes
 * the whole paragraph the heading.
 */
const UNDERLINE = /^(?:=+|-+)[ \t]*$/;

export function setextHeadingsPlugin(md: MarkdownIt): void {
  // markdown-it does not export its lheading rule; the ruler's (typed, internal) list is the one way to wrap it.
  const { fn: lheading, alt } = md.block.ruler.__rules__.find((rule) => rule.name === "lheading")!;
  const wrapped = (state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean => {
    const next = startLine + 1;
    if (next >= endLine || state.sCount[next]! - state.blkIndent >= 4) return false;
    if (!UNDERLINE.test(state.src.slice(state.bMarks[next]! + state.tShift[next]!, state.eMarks[next]!))) return false;
    return lheading(state, startLine, endLine, silent);
  };
  md.block.ruler.at("lheading", wrapped, { alt: [...alt] });
}
