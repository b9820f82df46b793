import type { MarkdownIt, StateInline } from "markdown-it";

/**
 * Code spans as kramdown reads them (parser/kramdown/codespan.rb), where
 * CommonMark differs: a lone backtick with a space (or the start) before it
 * and a space after it is a literal backtick; a span ends at the first run of
 * as many backticks as opened it, even inside a longer run (`` `a``b` `` is
 * two spans); and only a span opened by two or more backticks loses one space
 * at each end. A backslash before a backtick is still an escape outside a
 * span, as in both.
 */
export function codeSpansPlugin(md: MarkdownIt): void {
  // Per inline source, per opener length: the earliest start from which no closer follows,
  // so a page of unclosed openers is read in one pass per length, not one per opener.
  const noCloser = new WeakMap<StateInline, Map<number, number>>();

  md.inline.ruler.at("backticks", (state, silent) => {
    const src = state.src;
    const start = state.pos;
    if (src.charCodeAt(start) !== 0x60 /* ` */) return false;
    let pos = start + 1;
    while (pos < state.posMax && src.charCodeAt(pos) === 0x60) pos++;
    const marker = src.slice(start, pos);
    const simple = marker.length === 1;
    // Ruby's \s, as kramdown's pattern has it.
    const spaced = (ch: string | undefined): boolean => ch !== undefined && /^[ \t\n\r\f\v]$/.test(ch);
    const literal = simple && (start === 0 || spaced(src[start - 1])) && spaced(src[pos]);

    const failed = noCloser.get(state) ?? new Map<number, number>();
    noCloser.set(state, failed);
    const close = literal || (failed.get(marker.length) ?? Infinity) <= pos ? -1 : src.indexOf(marker, pos);
    if (close < 0 && !literal) failed.set(marker.length, Math.min(pos, failed.get(marker.length) ?? Infinity));
    if (close < 0 || close + marker.length > state.posMax) {
      if (!silent) state.pending += marker;
      state.pos = pos;
      return true;
    }
    if (!silent) {
      const token = state.push("code_inline", "code", 0);
      token.markup = marker;
      let content = src.slice(pos, close).replace(/\n/g, " ");
      if (!simple) content = content.replace(/^ /, "").replace(/ $/, "");
      token.content = content;
    }
    state.pos = close + marker.length;
    return true;
  });
}
