import type { MarkdownIt, StateBlock } from "markdown-it";

/**
 * kramdown's end-of-block marker (parser/kramdown/eob.rb): a line holding
 * only `^` ends the paragraph, list, quote or code block before it, so the
 * next line starts a new block, and leaves nothing in the page.
 */
const EOB = /^\^[ \t]*$/;

/** Whether `line` is an end-of-block marker at the start of the current block's content. */
export function isEndOfBlock(state: StateBlock, line: number): boolean {
  if (state.sCount[line]! > state.blkIndent) return false;
  return EOB.test(state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!));
}

function endOfBlockRule(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (!isEndOfBlock(state, startLine)) return false;
  if (!silent) state.line = startLine + 1;
  return true;
}

export function endOfBlockPlugin(md: MarkdownIt): void {
  md.block.ruler.after("code", "kramdown_end_of_block", endOfBlockRule, { alt: ["paragraph", "reference", "blockquote", "list"] });
}
