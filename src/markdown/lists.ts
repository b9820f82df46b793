import type { MarkdownIt, StateBlock, StateCore, Token } from "markdown-it";

/**
 * Lists as kramdown reads them (parser/kramdown/list.rb), where CommonMark
 * differs:
 * - ordered lists take `1.` only; CommonMark also takes `1)`, which would turn
 *   "1) Fix the warnings" into a list and drop the "1)" the author wrote;
 * - a list item collects every non-blank line after a non-blank line ("lazy"
 *   lines) whatever it starts with, and only then reads them as blocks, so an
 *   unindented `---` or `{% include %}` line in a code sample inside an item
 *   stays in the sample. CommonMark lets only paragraph text be lazy: those
 *   lines are indented to the item's content here before markdown-it reads
 *   them;
 * - an ordered list always counts from 1 (kramdown writes no `start`), and
 *   any list marker ends a paragraph, not only `1.`;
 * - whether an item's first paragraph gets a `<p>` is decided per item, not
 *   per list (list.rb, after parsing the items): it stays bare unless a blank
 *   line follows it inside the item; the last item then follows the others.
 * - a `^` line (end of block) ends the list even where a lazy line could go on;
 * - a marker with nothing after it (`- `) starts an empty item (list.rb LIST_START), not a lazy line.
 */
const PAREN_MARKER = /^\d{1,9}\)/;
/** kramdown's LIST_START: a marker after up to three spaces, then a space or tab. */
const LIST_START = /^ {0,3}(?:[*+-]|\d+\.)[ \t]/;
const INTERRUPTING_MARKER = /^(?:[*+-]|\d+\.)[ \t]/;
const ITEM_START = /^( {0,3})([*+-]|\d+\.)([ \t]+)(?=(\S.*)?$)/;
/** An item's line with no text, or only its attribute list: kramdown starts its content four columns in (list.rb LIST_ITEM_IAL_CHECK). */
const EMPTY_ITEM = /^(?:\{:(?!(?:\w[\w-]*)?:|\/)(?:\\\}|[^}])+\})?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HR = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
/** Lines that end a list item even when lazy: attribute lists and block HTML tags. */
export const NOT_LAZY = /^\^[ \t]*$|^ {0,3}(?:\{:|<\/?(?!(?:a|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd|label|mark|option|q|rb|rbc|rp|rt|rtc|ruby|samp|script|select|small|span|strong|sub|sup|time|tt|u|var)\b)[\w:])/;

const leadingSpaces = (line: string): number => /^ */.exec(line)![0].length;

/** Per line: the content indentation of the list item it belongs to (undefined outside lists), and whether it is a lazy line. */
export interface ListLine {
  readonly indentation: number | undefined;
  readonly lazy: boolean;
  /** On an item's own line: where its marker ends (its text starts at `indentation`). */
  readonly markerEnd?: number;
}

/** The column after the spaces and tabs that follow a marker, tabs to the next multiple of four (list.rb parse_first_list_line). */
function contentColumn(marker: number, space: string): number {
  let column = marker;
  for (const ch of space) column = ch === "\t" ? column + 4 - (column % 4) : column + 1;
  return column;
}

/** Reads which lines belong to list items, as kramdown's list parser collects them. */
export function scanListLines(lines: readonly string[]): ListLine[] {
  const result: ListLine[] = [];
  let indentation: number | undefined;
  let ordered = false;
  let lastBlank = false;
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let lazy = false;
    let markerEnd: number | undefined;
    if (fence) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) fence = undefined;
    } else if (line.trim() === "") lastBlank = true;
    else {
      // A rule (`- - -`) is read before a list item, as kramdown's block parsers are ordered.
      const item = HR.test(line) ? null : ITEM_START.exec(line);
      // A marker of the other kind right after an item's line is a lazy line of that item, read later as a nested list.
      const otherKind = item && indentation !== undefined && !lastBlank && /\d/.test(item[2]!) !== ordered;
      if (item && !otherKind && (indentation === undefined || item[1]!.length < indentation)) {
        ordered = /\d/.test(item[2]!);
        markerEnd = item[1]!.length + item[2]!.length;
        indentation = EMPTY_ITEM.test(item[4] ?? "") ? 4 : contentColumn(markerEnd, item[3]!);
      } else if (indentation !== undefined && (leadingSpaces(line) >= indentation || line.startsWith("\t"))) {
        // Content of the item.
      } else if (indentation !== undefined && !lastBlank && !NOT_LAZY.test(line)) lazy = true;
      else {
        indentation = undefined;
        // A code sample outside any list is left alone, whatever its lines look like.
        fence = FENCE.exec(line)?.[1];
      }
      lastBlank = false;
    }
    result.push({ indentation, lazy, markerEnd });
    if (lastBlank && indentation !== undefined && HR.test(lines[i + 1] ?? "")) indentation = undefined;
  }
  return result;
}

/** A line's leading spaces and tabs as spaces, tabs to the next multiple of four. */
const expandIndent = (line: string): string => {
  const space = /^[ \t]*/.exec(line)![0];
  return " ".repeat(contentColumn(0, space)) + line.slice(space.length);
};

/**
 * Indents the lazy lines of list items to the item's content, as kramdown
 * keeps them in the item. An item whose text starts five or more columns
 * after its marker keeps that text as text in kramdown (the item's content
 * starts there), where CommonMark reads it as code: such an item is written
 * with one space after its marker and its lines moved left to match; so are
 * the lines of an item with no text (or only an attribute list) on its line,
 * whose content kramdown starts four columns in.
 */
export function indentLazyListLines(src: string): string {
  const lines = src.split("\n");
  let shift = 0;
  // list.rb `nested_list_found`: once the item holds a nested list (or a blank line), a lazy line with a marker goes to the deepest item.
  let nested = false;
  scanListLines(lines).forEach(({ indentation, lazy, markerEnd }, i) => {
    const line = lines[i]!;
    if (markerEnd !== undefined) nested = LIST_START.test(line.slice(markerEnd).trimStart());
    else if (indentation !== undefined && line.trim() === "") nested = true;
    else if (indentation !== undefined && !lazy && !nested) nested = LIST_START.test(expandIndent(line).slice(indentation));
    if (markerEnd !== undefined) {
      // Where markdown-it starts the item's content (list rule: one column after the marker when there is no text or five columns of space).
      const text = line.slice(markerEnd).trimStart();
      const spaced = contentColumn(markerEnd, /^[ \t]*/.exec(line.slice(markerEnd))![0]);
      const wide = text !== "" && spaced - markerEnd > 4;
      shift = Math.max(0, indentation! - (text === "" || wide ? markerEnd + 1 : spaced));
      if (wide) lines[i] = `${line.slice(0, markerEnd)} ${text}`;
    } else if (indentation === undefined) shift = 0;
    else if (lazy && nested && LIST_START.test(line)) lines[i] = " ".repeat(2 * indentation - shift + 4) + line;
    else if (lazy) lines[i] = " ".repeat(indentation - shift) + line.trimStart();
    else if (shift > 0 && line.trim() !== "") {
      const expanded = expandIndent(line);
      lines[i] = expanded.slice(Math.min(shift, leadingSpaces(expanded)));
    }
  });
  return lines.join("\n");
}

/** Whether a source line is blank; inside a blockquote a line holding only `>` markers is. */
const isBlank = (lines: readonly string[], line: number, quoted: boolean): boolean => (quoted ? /^(?:[ \t]*>)*[ \t]*$/ : /^[ \t]*$/).test(lines[line] ?? "");

/** Shows or hides each list item's first paragraph as kramdown does (list.rb: the `:transparent` option). */
function itemParagraphs(state: StateCore): void {
  const tokens = state.tokens;
  const lines = state.src.split("\n");
  let quotes = 0;
  for (let i = 0; i < tokens.length; i++) {
    const list = tokens[i]!;
    if (list.type === "blockquote_open" || list.type === "blockquote_close") quotes += list.nesting;
    if (list.type !== "bullet_list_open" && list.type !== "ordered_list_open") continue;
    const items: { paragraph: Token | undefined; close: Token | undefined; onlyChild: boolean; blankAfter: boolean }[] = [];
    let j = i + 1;
    for (; j < tokens.length && tokens[j]!.level > list.level; j++) {
      const item = tokens[j]!;
      if (item.type !== "list_item_open" || item.level !== list.level + 1) continue;
      const first = tokens[j + 1];
      const paragraph = first?.type === "paragraph_open" ? first : undefined;
      const close = paragraph ? tokens[j + 3] : undefined;
      const afterParagraph = paragraph ? tokens[j + 4] : undefined;
      items.push({ paragraph, close, onlyChild: afterParagraph?.type === "list_item_close", blankAfter: paragraph?.map ? isBlank(lines, paragraph.map[1], quotes > 0) && paragraph.map[1] < lines.length - 1 : false });
    }
    const endedByMarker = /^\^[ \t]*$/.test(lines[list.map?.[1] ?? -1] ?? "");
    items.forEach((item, n) => {
      if (!item.paragraph || !item.close) return;
      const last = n === items.length - 1;
      const bareByBlank = !item.blankAfter || (last && item.onlyChild && !endedByMarker);
      const othersAllow = !last || items.length === 1 || items.slice(0, -1).some((other) => !other.paragraph || other.paragraph.hidden);
      item.paragraph.hidden = item.close.hidden = bareByBlank && othersAllow;
    });
  }
}

const BULLET = /^[*+-][ \t]/;

/**
 * kramdown takes an item with any of `*`, `+`, `-` as the next item of a
 * bullet list (list.rb LIST_START_UL), where CommonMark starts a new list at a
 * new marker: the lists markdown-it starts there are read on and joined.
 */
function joinBulletLists(state: StateBlock, open: Token, endLine: number): void {
  if (open.type !== "bullet_list_open") return;
  const { fn: list } = state.md.block.ruler.__rules__.find((rule) => rule.name === "list")!;
  for (;;) {
    const next = state.line;
    if (next >= endLine || state.sCount[next]! < state.blkIndent || state.sCount[next]! - state.blkIndent >= 4) return;
    const line = state.src.slice(state.bMarks[next]! + state.tShift[next]!, state.eMarks[next]!);
    if (!BULLET.test(line) || HR.test(line)) return;
    const close = state.tokens.length - 1;
    if (!list(state, next, endLine, false)) return;
    // The close of the list before and the open of the one read on go: their items are one list.
    state.tokens.splice(close, 2);
    open.map = [open.map![0], state.line];
  }
}

export function listsPlugin(md: MarkdownIt): void {
  // Before HTML blocks are read: a block HTML tag ends an item even on a lazy line.
  md.core.ruler.before("kramdown_html_blocks", "kramdown_lazy_list_lines", (state) => {
    state.src = indentLazyListLines(state.src);
  });
  // markdown-it does not export its list rule; the ruler's (typed, internal) list is the one way to wrap it.
  const { fn: list, alt } = md.block.ruler.__rules__.find((rule) => rule.name === "list")!;
  const wrapped = (state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean => {
    const start = state.bMarks[startLine]! + state.tShift[startLine]!;
    const line = state.src.slice(start, state.eMarks[startLine]!);
    if (PAREN_MARKER.test(line)) return false;
    // kramdown-parser-gfm ends a paragraph at any list marker (PARAGRAPH_END_GFM), `5.` as well as `1.`, where CommonMark needs `1.`.
    if (silent && state.parentType === "paragraph" && state.sCount[startLine]! - state.blkIndent < 4 && INTERRUPTING_MARKER.test(line)) return true;
    const first = state.tokens.length;
    if (!list(state, startLine, endLine, silent)) return false;
    if (!silent) joinBulletLists(state, state.tokens[first]!, endLine);
    return true;
  };
  md.block.ruler.at("list", wrapped, { alt: [...alt] });
  md.core.ruler.after("block", "kramdown_item_paragraphs", itemParagraphs);
  md.core.ruler.push("kramdown_list_start", (state) => {
    for (const token of state.tokens) if (token.type === "ordered_list_open" && token.attrGet("start") !== null) token.attrs = token.attrs?.filter(([name]) => name !== "start") ?? null;
  });
}
