import type { MarkdownIt } from "markdown-it";
import { forwardMatch } from "./forwardSearch.ts";

/**
 * kramdown accepts spaces in inline link and image destinations
 * (`![Img](images/GP Connect Model.png)`); CommonMark does not. When the
 * standard parser stops at a space, read on to the closing parenthesis,
 * leaving an optional quoted title alone. kramdown also ends a destination
 * with unbalanced parentheses at a space before a quoted title
 * (`[a](/to(do "Title")` links to `/to(do`), where CommonMark makes no link.
 */
/**
 * How far a destination with spaces is read: far beyond any file name or URL, and a bound on the
 * work per link, since destinations nested in one another (`[a](b c ` × n, then `)` × n) would
 * each read on to their own far closing parenthesis.
 */
const LONGEST_DESTINATION = 1024;

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
  // The first space, remembered: any later start before it finds the same, so unclosed `[a](b(` repeated is read in one pass.
  const nextSpace = forwardMatch(/[ \t\n]/);
  const firstSpace = (str: string, from: number): number => {
    const at = nextSpace(str, from);
    return at < 0 ? str.length : at;
  };
  md.helpers.parseLinkDestination = (str, start, max) => {
    const result = standard(str, start, max);
    if (!result.ok) {
      const end = endBeforeTitle(str, start, max, firstSpace);
      return end === undefined ? result : { ok: true, pos: end, str: md.utils.unescapeAll(str.slice(start, end)) };
    }
    if (str.charCodeAt(result.pos) !== 0x20 || str.charCodeAt(start) === 0x3c) return result;
    if (unclosed && start >= unclosed.from && start < unclosed.to && unclosed.str === str) {
      // An equal text may be another string: keep the one asked about, so the next comparison is immediate.
      unclosed.str = str;
      return result;
    }
    let depth = 0;
    let close = -1;
    let closers = false;
    let pos = start;
    const stop = Math.min(max, start + LONGEST_DESTINATION);
    for (; pos < stop; pos++) {
      const code = str.charCodeAt(pos);
      if (code === 0x0a) break;
      if (code === 0x28) depth++;
      if (code === 0x29) closers = true;
      if (code === 0x29 && depth-- === 0) {
        close = pos;
        break;
      }
    }
    if (close < 0 && !closers && pos < start + LONGEST_DESTINATION) unclosed = { str, from: start, to: pos };
    if (close < 0) return result;
    const inside = str.slice(start, close);
    const withoutTitle = inside.replace(/\s+(?:"[^"]*"|'[^']*')\s*$/, "").trimEnd();
    if (withoutTitle.length <= result.pos - start) return result;
    return { ok: true, pos: start + withoutTitle.length, str: md.utils.unescapeAll(withoutTitle) };
  };
}
