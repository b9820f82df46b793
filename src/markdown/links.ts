import { decodeHTML } from "entities";
import type { MarkdownIt, StateBlock, StateInline } from "markdown-it";
import { forwardSearch } from "./forwardSearch.ts";

/**
 * Links and link definitions as kramdown reads them (parser/kramdown/link.rb)
 * where CommonMark differs:
 * - a definition is kramdown's LINK_DEFINITION_START: any text up to an
 *   optional quoted title (on its line or the next), so a URL may hold spaces
 *   (`[a]: some file.html "Title"`) and the title follow the colon without a
 *   space; a later definition of a label replaces an earlier one. A `(Title)`
 *   after the URL is read as a title, as CommonMark reads it, where kramdown
 *   makes it part of a broken URL (tests/fidelity/differences.ts,
 *   reference-title);
 * - a link's text holds no link: an outer `[text [inner](a) more](b)` is the
 *   link, and its inner brackets are text (CommonMark keeps the inner one);
 * - a reference may stand after spaces or a line break: `[text] [ref]`;
 * - an empty title (`[a](b '')`) makes no link;
 * - an autolink is kramdown's AUTOLINK_START: `<` then a `mailto:`, `http(s):`
 *   or `ftp(s):` URL up to the first `>` (spaces allowed), or an e-mail address
 *   of letters, digits and `-_.` in any script; it shows the address as
 *   written, without `mailto:`, entity references read. Other schemes
 *   (`<urn:x>`) are no links, as in kramdown.
 */
const DEFINITION = /\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?\S[^\n]*?))(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?(["'])(.+?)\4)?[ \t]*?\n/y;
const PAREN_TITLE = /^(.*?\S)[ \t]+\(([^()\n]*)\)$/;
/** kramdown's LINK_INLINE_ID_RE after a link's text: `\s*?\[([^\]]+)?\]`. */
const SPACED_REFERENCE = /[ \t\n\r\f\v]+\[([^\]]*)\]/y;

/**
 * kramdown's autolink, `<((mailto|https?|ftps?):[^\n]+?|EMAIL)>`: the URL form runs to the first `>` on its
 * line, found by a remembered search (that pattern's lazy run read to the line's end from every `<https:` never
 * closed); the address form's characters stop at any other, so it stays a pattern.
 */
const AUTOLINK_SCHEME = /<(mailto|https?|ftps?):/y;
const AUTOLINK_EMAIL = /<([\p{Alphabetic}\p{Nd}\-_.]+?@[\p{Alphabetic}\p{Nd}\-_.]+?)>/uy;
const nextAngle = forwardSearch((text, from) => text.indexOf(">", from));
const nextLineBreak = forwardSearch((text, from) => text.indexOf("\n", from));

function autolinkAt(src: string, pos: number): { address: string; scheme: boolean; end: number } | undefined {
  AUTOLINK_SCHEME.lastIndex = pos;
  if (AUTOLINK_SCHEME.test(src)) {
    const after = AUTOLINK_SCHEME.lastIndex;
    const close = nextAngle(src, after + 1);
    const lineBreak = close < 0 ? -1 : nextLineBreak(src, after);
    if (close >= 0 && (lineBreak < 0 || lineBreak > close)) return { address: src.slice(pos + 1, close), scheme: true, end: close + 1 };
  }
  AUTOLINK_EMAIL.lastIndex = pos;
  const email = AUTOLINK_EMAIL.exec(src);
  return email ? { address: email[1]!, scheme: false, end: AUTOLINK_EMAIL.lastIndex } : undefined;
}

function autolink(state: StateInline, silent: boolean): boolean {
  const match = state.src.charCodeAt(state.pos) === 0x3c /* < */ ? autolinkAt(state.src, state.pos) : undefined;
  if (!match || match.end > state.posMax) return false;
  const address = decodeHTML(match.address);
  const href = state.md.normalizeLink(match.scheme ? address : `mailto:${address}`);
  if (!state.md.validateLink(href)) return false;
  if (!silent) {
    const open = state.push("link_open", "a", 1);
    open.attrs = [["href", href]];
    open.markup = "autolink";
    open.info = "auto";
    state.push("text", "", 0).content = address.replace(/^mailto:/, "");
    const close = state.push("link_close", "a", -1);
    close.markup = "autolink";
    close.info = "auto";
  }
  state.pos = match.end;
  return true;
}

function definition(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const src = state.src;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  if (src.charCodeAt(start) !== 0x5b /* [ */) return false;
  const line = src.slice(start, state.eMarks[startLine]);
  const next = startLine + 1;
  const titleLine = next < endLine && !state.isEmpty(next) && state.sCount[next]! >= state.blkIndent ? `${src.slice(state.bMarks[next]! + state.tShift[next]!, state.eMarks[next])}\n` : "";
  DEFINITION.lastIndex = 0;
  const match = DEFINITION.exec(`${line}\n${titleLine}`);
  // kramdown refuses a bare URL with a quote after a space in it: a title it could not read.
  if (!match || /[ \t]+["']/.test(match[3] ?? "")) return false;
  const label = state.md.utils.normalizeReference(match[1]!);
  let url = match[2] ?? match[3]!;
  let title = match[5];
  const paren = match[3] !== undefined && title === undefined ? PAREN_TITLE.exec(url) : null;
  if (paren) [url, title] = [paren[1]!, paren[2]!];
  const href = state.md.normalizeLink(state.md.utils.unescapeAll(url));
  if (!label || !state.md.validateLink(href)) return false;
  if (silent) return true;
  state.env.references ??= {};
  state.env.references[label] = { href, title: state.md.utils.unescapeAll(title ?? "") };
  const lines = match[0].length > line.length + 1 ? 2 : 1;
  const token = state.push("reference_definition", "", 0);
  token.map = [startLine, startLine + lines];
  token.hidden = true;
  state.line = startLine + lines;
  return true;
}

export function linksPlugin(md: MarkdownIt): void {
  // markdown-it exports no rule function; the ruler's (typed, internal) list is the one way to wrap it.
  const standard = md.inline.ruler.__rules__.find((rule) => rule.name === "link")!.fn;
  /** The inline sources where a link is being read: inside its text a `[` opens nothing. */
  const reading = new WeakSet<StateInline>();
  // kramdown reads each `[` to its matching `]`, the rest of the paragraph when there is none: quadratic on
  // a paragraph of unclosed brackets. Past this many characters read per character of the paragraph, a link's
  // text is read CommonMark's way, which stops at a nested link.
  const BUDGET = 4;
  const spent = new WeakMap<StateInline, number>();
  // Reading with nested links off skips other tokens than markdown-it does: those skips are cached apart.
  const readingCache = new WeakMap<StateInline, StateInline["cache"]>();

  md.inline.ruler.at("link", (state, silent) => {
    const start = state.pos;
    if (state.src.charCodeAt(start) !== 0x5b /* [ */ || reading.has(state)) return false;
    if ((spent.get(state) ?? 0) > BUDGET * state.src.length) return standard(state, silent);
    reading.add(state);
    const cache = state.cache;
    state.cache = readingCache.get(state) ?? {};
    readingCache.set(state, state.cache);
    try {
      const labelEnd = state.md.helpers.parseLinkLabel(state, start, false);
      spent.set(state, (spent.get(state) ?? 0) + (labelEnd < 0 ? state.posMax : labelEnd) - start);
      SPACED_REFERENCE.lastIndex = labelEnd + 1;
      const spaced = labelEnd < 0 ? null : SPACED_REFERENCE.exec(state.src);
      if (!spaced || SPACED_REFERENCE.lastIndex > state.posMax) return standard(state, silent);
      const label = state.md.utils.normalizeReference(spaced[1] || state.src.slice(start + 1, labelEnd));
      const ref = state.env.references?.[label];
      if (!ref) return false;
      if (!silent) {
        const max = state.posMax;
        state.pos = start + 1;
        state.posMax = labelEnd;
        const open = state.push("link_open", "a", 1);
        open.attrs = [["href", ref.href], ...(ref.title ? [["title", ref.title] as [string, string]] : [])];
        open.meta = { label };
        state.linkLevel++;
        state.md.inline.tokenize(state);
        state.linkLevel--;
        state.push("link_close", "a", -1);
        state.posMax = max;
      }
      state.pos = SPACED_REFERENCE.lastIndex;
      return true;
    } finally {
      reading.delete(state);
      state.cache = cache;
    }
  });

  const title = md.helpers.parseLinkTitle;
  md.helpers.parseLinkTitle = (str, start, max, previous) => {
    const result = title(str, start, max, previous);
    return result.ok && result.str === "" ? { ...result, ok: false } : result;
  };
  md.block.ruler.at("reference", definition);
  md.inline.ruler.at("autolink", autolink);
}
