import type { MarkdownIt, StateBlock } from "markdown-it";
import { NOT_LAZY } from "./lists.ts";

/**
 * Code blocks as kramdown reads them, where CommonMark differs:
 * - a fence (kramdown-parser-gfm FENCED_CODEBLOCK_MATCH) is a run of three
 *   or more backticks or tildes with at most one word after it (the
 *   language), and it must be closed: `~~~ not code`, ```` ```a b ```` or a
 *   fence never closed is a paragraph there, where CommonMark opens a code
 *   block that can swallow the rest of the page;
 * - indented code (codeblock.rb CODEBLOCK_MATCH) goes on over lazy lines:
 *   a non-blank line right after a code line belongs to the block, joined
 *   to the line before by a space, unless it is an attribute list, a `^` or
 *   a block HTML tag.
 */
const OPENER = /^ {0,3}(`{3,}|~{3,})[ \t]*(?:[^\s`]+)?[ \t]*$/;

const lineText = (state: StateBlock, line: number): string => state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!);

function isClosed(state: StateBlock, startLine: number, endLine: number, run: string): boolean {
  const closer = new RegExp(`^${run[0] === "`" ? "`" : "~"}{${run.length},}[ \\t]*$`);
  for (let line = startLine + 1; line < endLine; line++) {
    if (!state.isEmpty(line) && state.sCount[line]! < state.blkIndent) return false;
    if (state.sCount[line]! - state.blkIndent < 4 && closer.test(lineText(state, line))) return true;
  }
  return false;
}

function indentedCode(state: StateBlock, startLine: number, endLine: number): boolean {
  const indented = (line: number): boolean => !state.isEmpty(line) && state.sCount[line]! - state.blkIndent >= 4;
  if (!indented(startLine)) return false;
  let end = startLine + 1;
  for (let line = startLine + 1; line < endLine; line++) {
    if (indented(line)) end = line + 1;
    else if (state.isEmpty(line)) continue;
    else if (end === line && state.sCount[line]! >= state.blkIndent && !NOT_LAZY.test(lineText(state, line))) end = line + 1;
    else break;
  }
  const lines: string[] = [];
  for (let line = startLine; line < end; line++) {
    const text = state.getLines(line, line + 1, state.blkIndent + 4, false);
    if (indented(line) || state.isEmpty(line)) lines.push(text);
    else lines[lines.length - 1] += ` ${state.getLines(line, line + 1, state.blkIndent, false)}`;
  }
  const token = state.push("code_block", "code", 0);
  token.content = `${lines.join("\n")}\n`;
  token.map = [startLine, end];
  state.line = end;
  return true;
}

export function codeBlocksPlugin(md: MarkdownIt): void {
  // markdown-it does not export its fence rule; the ruler's (typed, internal) list is the one way to wrap it.
  const { fn: fence, alt } = md.block.ruler.__rules__.find((rule) => rule.name === "fence")!;
  const wrapped = (state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean => {
    const opener = OPENER.exec(lineText(state, startLine));
    return !!opener && isClosed(state, startLine, endLine, opener[1]!) && fence(state, startLine, endLine, silent);
  };
  md.block.ruler.at("fence", wrapped, { alt: [...alt] });
  // Kept under markdown-it's name "code", so enabling or disabling indented code still works.
  md.block.ruler.at("code", (state, startLine, endLine) => indentedCode(state, startLine, endLine));
}
