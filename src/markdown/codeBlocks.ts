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

/**
 * The closing fence lines from `from` to the end of the container (a line indented less than its
 * content, or `endLine`), as the longest closing run of each kind at or after each line. Kept for
 * the last container read at each indentation: every line of a paragraph asks whether a fence
 * opens there, and a page of fences never closed would scan to its end from each of them.
 */
interface Closers {
  src: string;
  readonly endLine: number;
  readonly from: number;
  /** The first line past the container. */
  readonly to: number;
  readonly longest: Record<"`" | "~", number[]>;
}
const CLOSER = /^(`+|~+)[ \t]*$/;
const closersByIndent = new Map<number, Closers>();

function closers(state: StateBlock, from: number, endLine: number): Closers {
  const known = closersByIndent.get(state.blkIndent);
  if (known && known.endLine === endLine && from >= known.from && from <= known.to && known.src === state.src) {
    // An equal page may be another string (the same text rendered again): comparing is then as long as the page, so keep this one.
    known.src = state.src;
    return known;
  }
  const runs: { "`": number; "~": number }[] = [];
  let to = from;
  for (; to < endLine; to++) {
    if (!state.isEmpty(to) && state.sCount[to]! < state.blkIndent) break;
    const run = state.sCount[to]! - state.blkIndent < 4 ? CLOSER.exec(lineText(state, to))?.[1] : undefined;
    runs.push({ "`": run?.[0] === "`" ? run.length : 0, "~": run?.[0] === "~" ? run.length : 0 });
  }
  const longest: Closers["longest"] = { "`": new Array<number>(runs.length), "~": new Array<number>(runs.length) };
  for (let i = runs.length - 1; i >= 0; i--) {
    for (const kind of ["`", "~"] as const) longest[kind][i] = Math.max(runs[i]![kind], longest[kind][i + 1] ?? 0);
  }
  const read: Closers = { src: state.src, endLine, from, to, longest };
  closersByIndent.set(state.blkIndent, read);
  return read;
}

/** Whether a line closing the fence `run` opened at `startLine` follows in its container. */
function isClosed(state: StateBlock, startLine: number, endLine: number, run: string): boolean {
  const read = closers(state, startLine + 1, endLine);
  return (read.longest[run[0] as "`" | "~"][startLine + 1 - read.from] ?? 0) >= run.length;
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
