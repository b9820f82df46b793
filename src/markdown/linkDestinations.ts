import type { MarkdownIt } from "markdown-it";

/**
 * kramdown accepts spaces in inline link and image destinations
 * (`![Img](images/GP Connect Model.png)`); CommonMark does not. When the
 * standard parser stops at a space, read on to the closing parenthesis,
 * leaving an optional quoted title alone. kramdown also ends a destination
 * with unbalanced parentheses at a space before a quoted title
 * (`[a](/to(do "Title")` links to `/to(do`), where CommonMark makes no link.
 */
/**
 * Where kramdown ends a destination CommonMark refused for its parentheses: at the first space
 * (the end of the URL), if the spaces after it lead to a quote (a title).
 */
function endBeforeTitle(str: string, start: number, max: number, firstSpace: (str: string, from: number) => number): number | undefined {
  if (str.charCodeAt(start) === 0x3c /* < */) return undefined;
  const space = firstSpace(str, start);
  if (space === start || space >= max) return undefined;
  const title = /[ \t\n]+["']/y;
  title.lastIndex = space;
  return title.test(str) ? space : undefined;
}

export function linkDestinationsPlugin(md: MarkdownIt): void {
  const standard = md.helpers.parseLinkDestination;
  // The last scan that met no ")" before the line's end: a later start inside it meets none either,
  // so `[a](b c ` repeated on one line is read in one pass, not once per link.
  let unclosed: { str: string; from: number; to: number } | undefined;
  // The last first space found: any later start before it finds the same, so unclosed `[a](b(` repeated is read in one pass.
  let lastSpace: { str: string; from: number; at: number } | undefined;
  const firstSpace = (str: string, from: number): number => {
    if (lastSpace && lastSpace.str === str && from >= lastSpace.from && from <= lastSpace.at) return lastSpace.at;
    const space = /[ \t\n]/g;
    space.lastIndex = from;
    const at = space.exec(str)?.index ?? str.length;
    lastSpace = { str, from, at };
    return at;
  };
  md.helpers.parseLinkDestination = (str, start, max) => {
    const result = standard(str, start, max);
    if (!result.ok) {
      const end = endBeforeTitle(str, start, max, firstSpace);
      return end === undefined ? result : { ok: true, pos: end, str: md.utils.unescapeAll(str.slice(start, end)) };
    }
    if (str.charCodeAt(result.pos) !== 0x20 || str.charCodeAt(start) === 0x3c) return result;
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
