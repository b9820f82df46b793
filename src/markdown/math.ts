import type { MarkdownIt, StateBlock, StateInline } from "markdown-it";
import { escapeHtml } from "../shared/html.ts";

/**
 * kramdown's math (parser/kramdown/math.rb) as its default engine, MathJax,
 * writes it (converter/html.rb `convert_math`): `$$…$$` standing alone
 * between block boundaries is display math, `\[…\]`; anywhere else in text
 * it is inline math, `\(…\)`. The TeX is kept as written (backslashes are
 * not Markdown escapes there), HTML-escaped. `\$$` is no math, but for
 * a line of its own: that escape only stops it being display math.
 */
const BLOCK_BOUNDARY = /^(?:[ \t]*|\^[ \t]*|\{:.*\}[ \t]*)$/;

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line]!, state.eMarks[line]!);
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  if (!state.src.startsWith("$$", start)) return false;
  if (startLine > 0 && !BLOCK_BOUNDARY.test(lineText(state, startLine - 1))) return false;
  const close = state.src.indexOf("$$", start + 2);
  if (close < 0) return false;
  let last = startLine;
  while (last < endLine && state.eMarks[last]! < close + 2) last++;
  if (last >= endLine || state.src.slice(close + 2, state.eMarks[last]).trim() !== "") return false;
  if (last + 1 < endLine && !BLOCK_BOUNDARY.test(lineText(state, last + 1))) return false;
  if (silent) return true;
  const token = state.push("kramdown_math_block", "", 0);
  token.content = state.src.slice(start + 2, close).trim();
  token.map = [startLine, last + 1];
  state.line = last + 1;
  return true;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const lineStart = state.pos === 0 || state.src[state.pos - 1] === "\n";
  const open = lineStart && state.src.startsWith("\\$$", state.pos) ? state.pos + 1 : state.pos;
  if (!state.src.startsWith("$$", open)) return false;
  const close = state.src.indexOf("$$", open + 2);
  if (close < 0) return false;
  if (open > state.pos && !/^[ \t]*(?:\n|$)/.test(state.src.slice(close + 2))) return false;
  if (!silent) state.push("kramdown_math_inline", "", 0).content = state.src.slice(open + 2, close).trim();
  state.pos = close + 2;
  return true;
}

export function mathPlugin(md: MarkdownIt): void {
  md.block.ruler.before("kramdown_table", "kramdown_math_block", mathBlock);
  md.inline.ruler.before("escape", "kramdown_math_inline", mathInline);
  md.renderer.rules.kramdown_math_block = (tokens, idx, _options, _env, self) => {
    const token = tokens[idx]!;
    const math = `\\[${escapeHtml(token.content)}\\]\n`;
    // With attributes kramdown wraps display math in a div that carries them.
    return token.attrs ? `<div${self.renderAttrs(token)}>${math}</div>\n` : math;
  };
  md.renderer.rules.kramdown_math_inline = (tokens, idx) => `\\(${escapeHtml(tokens[idx]!.content)}\\)`;
}
