import type { MarkdownIt, StateInline } from "markdown-it";

/**
 * Backslashes as kramdown-parser-gfm reads them (gfm.rb ESCAPED_CHARS_GFM,
 * kramdown's line_break.rb): only `\ . * _ + ` < > ( ) [ ] { } # ! : | " ' $
 * = - ~` are escapes, so `\^`, `\&` or `\/` keep their backslash, which
 * CommonMark drops; `\\` at the end of a line is a line break, as a single
 * `\` is in both (but not at the end of the paragraph).
 */
const NOT_ESCAPED = new Set("%&,/;?@^".split(""));

function kramdownEscape(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src.charCodeAt(pos) !== 0x5c /* \ */) return false;
  const next = src[pos + 1];
  if (next === "\\" && src[pos + 2] === "\n") {
    if (!silent) state.push("hardbreak", "br", 0);
    state.pos = pos + 3;
    while (src[state.pos] === " " || src[state.pos] === "\t") state.pos++;
    return true;
  }
  if (next === undefined || !NOT_ESCAPED.has(next)) return false;
  if (!silent) state.pending += `\\${next}`;
  state.pos = pos + 2;
  return true;
}

export function escapesPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("escape", "kramdown_escape", kramdownEscape);
}
