import type { MarkdownIt } from "markdown-it";

/**
 * kramdown accepts spaces in inline link and image destinations
 * (`![Img](images/GP Connect Model.png)`); CommonMark does not. When the
 * standard parser stops at a space, read on to the closing parenthesis,
 * leaving an optional quoted title alone.
 */
export function linkDestinationsPlugin(md: MarkdownIt): void {
  const standard = md.helpers.parseLinkDestination;
  // The last scan that met no ")" before the line's end: a later start inside it meets none either,
  // so `[a](b c ` repeated on one line is read in one pass, not once per link.
  let unclosed: { str: string; from: number; to: number } | undefined;
  md.helpers.parseLinkDestination = (str, start, max) => {
    const result = standard(str, start, max);
    if (!result.ok || str.charCodeAt(result.pos) !== 0x20 || str.charCodeAt(start) === 0x3c) return result;
    if (unclosed && unclosed.str === str && start >= unclosed.from && start < unclosed.to) return result;
    let depth = 0;
    let close = -1;
    let closers = false;
    let pos = start;
    for (; pos < max; pos++) {
      const code = str.charCodeAt(pos);
      if (code === 0x0a) break;
      if (code === 0x28) depth++;
      if (code === 0x29) closers = true;
      if (code === 0x29 && depth-- === 0) {
        close = pos;
        break;
      }
    }
    if (close < 0 && !closers) unclosed = { str, from: start, to: pos };
    if (close < 0) return result;
    const inside = str.slice(start, close);
    const withoutTitle = inside.replace(/\s+(?:"[^"]*"|'[^']*')\s*$/, "").trimEnd();
    if (withoutTitle.length <= result.pos - start) return result;
    return { ok: true, pos: start + withoutTitle.length, str: md.utils.unescapeAll(withoutTitle) };
  };
}
