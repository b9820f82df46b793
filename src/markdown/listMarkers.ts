import type { MarkdownIt, StateBlock } from "markdown-it";

/**
 * kramdown's ordered lists take `1.` only; CommonMark also takes `1)`, which
 * would turn "1) Fix the warnings" into a list and drop the "1)" the author
 * wrote. A line starting `1)` stays text, as kramdown leaves it.
 */
const PAREN_MARKER = /^\d{1,9}\)/;

export function listMarkersPlugin(md: MarkdownIt): void {
  // markdown-it does not export its list rule; the ruler's (typed, internal) list is the one way to wrap it.
  const { fn: list, alt } = md.block.ruler.__rules__.find((rule) => rule.name === "list")!;
  const wrapped = (state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean => {
    const start = state.bMarks[startLine]! + state.tShift[startLine]!;
    if (PAREN_MARKER.test(state.src.slice(start, Math.min(start + 11, state.eMarks[startLine]!)))) return false;
    return list(state, startLine, endLine, silent);
  };
  md.block.ruler.at("list", wrapped, { alt: [...alt] });
}
