import type { Delimiter, MarkdownIt, StateInline } from "markdown-it";

/**
 * Emphasis as kramdown pairs it (parser/kramdown/emphasis.rb), not by
 * CommonMark's delimiter runs. kramdown scans left to right: at `*`, `**`,
 * `_` or `__` it tries to read an <em> or <strong> up to the first matching
 * marker that may close it (not after a space; for <em> not a `**` that is not
 * `***`; for `_` not before a letter or digit; not right after the opener).
 * Inside it reads the other kind only (an <em> holds no <em>, a <strong> no
 * <strong>), and when no closer is found the markers stay text. A `**` with no
 * closer is tried again as `*` followed by text starting with `*`. A `_` right
 * after a letter (or a letter and `-`), and a marker before a space, open
 * nothing.
 *
 * kramdown finds each closer by parsing on and backing off on failure, which
 * takes quadratic time and more; here the same answers come from one pass per
 * kind of marker from the end of the paragraph backwards: where a scan from
 * each marker would stop (`next2` for the innermost level, where nothing
 * opens, `next1` for the level that may hold one inner element after
 * another). Linear in the number of markers.
 */
interface Marker extends Delimiter {
  /** Where the character is in `state.src`. */
  readonly at: number;
}

const STAR = 0x2a;
const UNDERSCORE = 0x5f;
const NONE = -1;

const isMarker = (d: Delimiter): d is Marker => (d.marker === STAR || d.marker === UNDERSCORE) && "at" in d;

// Ruby's \s, [[:alpha:]] and [[:alnum:]] as kramdown's patterns use them.
const isSpace = (ch: string | undefined): boolean => ch !== undefined && /^[ \t\n\r\f\v]$/.test(ch);
const ALPHA = /^\p{Alphabetic}$/u;
const ALNUM = /^[\p{Alphabetic}\p{Nd}]$/u;

/** The character (a whole code point) ending just before `at`. */
function charBefore(src: string, at: number): string | undefined {
  if (at <= 0) return undefined;
  const low = src.charCodeAt(at - 1);
  return low >= 0xdc00 && low <= 0xdfff && at >= 2 ? src.slice(at - 2, at) : src[at - 1];
}
const charAt = (src: string, at: number): string | undefined => (at < src.length ? String.fromCodePoint(src.codePointAt(at)!) : undefined);

function tokenize(state: StateInline, silent: boolean): boolean {
  const marker = state.src.charCodeAt(state.pos);
  if ((marker !== STAR && marker !== UNDERSCORE) || silent) return false;
  const ch = state.src[state.pos]!;
  let at = state.pos;
  for (; at < state.posMax && state.src.charCodeAt(at) === marker; at++) {
    state.push("text", "", 0).content = ch;
    const entry: Marker = { marker, token: state.tokens.length - 1, end: -1, open: false, close: false, at };
    state.delimiters.push(entry);
  }
  state.pos = at;
  return true;
}

/** Pairs the markers of one run of inline content (a link's text is a run of its own, as in markdown-it). */
function pairMarkers(state: StateInline, markers: readonly Marker[]): void {
  const src = state.src;
  const m = markers.length;
  if (m === 0) return;
  const code = (i: number): number => markers[i]!.marker;
  const at = (i: number): number => markers[i]!.at;
  /** Whether marker i+1 is the next character of the same run: kramdown reads `**` there. */
  const pair = (i: number): boolean => i + 1 < m && at(i + 1) === at(i) + 1 && code(i + 1) === code(i);
  const width = (i: number): 1 | 2 => (pair(i) ? 2 : 1);
  /** kramdown's reasons not to open at marker i: an intra-word `_`, or a space after the marker. */
  const opensNothing = (i: number): boolean =>
    (code(i) === UNDERSCORE && (ALPHA.test(charBefore(src, at(i)) ?? "") || (charBefore(src, at(i)) === "-" && ALPHA.test(charBefore(src, at(i) - 1) ?? "")))) ||
    isSpace(src[at(i) + width(i)]);

  // A kind of element: its marker character and width (1: <em>, 2: <strong>).
  const kinds = [STAR, UNDERSCORE].flatMap((c) => [1, 2].map((w) => ({ c, w })));
  const kindOf = (c: number, w: number): number => (c === STAR ? 0 : 2) + w - 1;
  const closes = kinds.map(({ c, w }) => (i: number): boolean => {
    if (code(i) !== c || (w === 2 && !pair(i)) || isSpace(charBefore(src, at(i)))) return false;
    if (w === 1 && src.charCodeAt(at(i) + 1) === c && src.charCodeAt(at(i) + 2) !== c) return false;
    return c !== UNDERSCORE || !ALNUM.test(charAt(src, at(i) + w) ?? "");
  });

  // next2[k][i]: the first closer of kind k that a scan arriving at marker i meets, where nothing may open.
  const next2 = kinds.map((_, k) => {
    const next = new Int32Array(m + 1).fill(NONE);
    for (let i = m - 1; i >= 0; i--) next[i] = closes[k]!(i) ? i : next[i + width(i)]!;
    return next;
  });
  /** A scan starting at marker j for content that begins at `from`: an element needs some content. */
  const scan = (next: Int32Array, j: number, from: number, step: (i: number) => number): number => (j >= m ? NONE : at(j) === from ? next[step(j)]! : next[j]!);

  /** The inner element opening at marker i inside one of kind k1, as [closer, width], if there is one. */
  const inner = (k1: number, i: number): [number, number] | undefined => {
    const w = width(i);
    if (w === kinds[k1]!.w || opensNothing(i)) return undefined;
    const close = scan(next2[kindOf(code(i), w)]!, i + w, at(i) + w, (j) => j + width(j));
    return close === NONE ? undefined : [close, w];
  };
  /** Where a scan inside an element of kind k1 goes from marker i when i does not close it. */
  const after = (k1: number, i: number): number => {
    const found = inner(k1, i);
    return found ? found[0] + found[1] : i + width(i);
  };
  const next1 = kinds.map((_, k) => {
    const next = new Int32Array(m + 1).fill(NONE);
    for (let i = m - 1; i >= 0; i--) next[i] = closes[k]!(i) ? i : next[after(k, i)]!;
    return next;
  });

  const tokens = state.tokens;
  const used = new Uint8Array(m);
  const mark = (i: number, w: number, nesting: 1 | -1): void => {
    used.fill(1, i, i + w);
    const tag = w === 2 ? "strong" : "em";
    const token = tokens[markers[i]!.token]!;
    Object.assign(token, { type: `${tag}_${nesting === 1 ? "open" : "close"}`, tag, nesting, markup: src.slice(at(i), at(i) + w), content: "" });
    if (w === 2) tokens[markers[i + 1]!.token]!.content = "";
  };
  /** Writes the element of kind k1 opening at marker i (content from marker j) and closing at `close`, with its inner elements. */
  const emit = (k1: number, i: number, j: number, close: number): void => {
    const w = kinds[k1]!.w;
    mark(i, w, 1);
    for (let s = j; s < close; ) {
      const found = inner(k1, s);
      if (found) {
        mark(s, found[1], 1);
        mark(found[0], found[1], -1);
      }
      s = after(k1, s);
    }
    mark(close, w, -1);
  };

  for (let i = 0; i < m; ) {
    const w = width(i);
    if (opensNothing(i)) {
      i += w;
      continue;
    }
    const k = kindOf(code(i), w);
    const close = scan(next1[k]!, i + w, at(i) + w, (j) => after(k, j));
    if (close !== NONE) {
      emit(k, i, i + w, close);
      i = close + w;
      continue;
    }
    // `**` unclosed: kramdown tries `*` and content starting with the second `*`.
    const em = kindOf(code(i), 1);
    const emClose = w === 2 ? scan(next1[em]!, i + 1, at(i) + 1, (j) => after(em, j)) : NONE;
    if (emClose !== NONE) {
      emit(em, i, i + 1, emClose);
      i = emClose + 1;
      continue;
    }
    i += w;
  }
  // kramdown reads on after a marker that opened nothing as after any span: a quote right after it has no
  // character before it (`**"word` opens a quote). A token of its own keeps the text after it a run of its
  // own for typography.ts, as markdown-it's escapes do; text_join joins them afterwards.
  for (let i = 0; i < m; i++) {
    const next = src[at(i) + 1];
    if (used[i] || (next !== '"' && next !== "'")) continue;
    const token = tokens[markers[i]!.token]!;
    token.type = "text_special";
    token.markup = token.content;
  }
}

function pairAll(state: StateInline): void {
  for (const delimiters of [state.delimiters, ...state.tokens_meta.map((meta) => meta?.delimiters)]) {
    if (delimiters) pairMarkers(state, delimiters.filter(isMarker));
  }
}

export function emphasisPlugin(md: MarkdownIt): void {
  md.inline.ruler.at("emphasis", tokenize);
  md.inline.ruler2.at("emphasis", pairAll);
}
