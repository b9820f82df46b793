import type { MarkdownIt, StateBlock, Token } from "markdown-it";
import { ITEM_IAL_TOKEN, pushItemAttributes, readAttributeList, type AttributeList } from "./kramdownAttributes.ts";
import { NOT_LAZY } from "./lists.ts";

/**
 * Definition lists as kramdown reads them (parser/kramdown/list.rb,
 * `parse_definition_list`), where markdown-it-deflist differs:
 * - every line of the paragraph before a `:` line is a term of its own;
 * - a definition's first paragraph stays bare (no `<p>`) unless a blank line
 *   comes right before its `:` line;
 * - a definition's content starts where its text starts after the `:` (4 when
 *   the `:` line holds nothing or only an attribute list, which is the
 *   definition's own), and it takes lazy lines as a list item does;
 * - definition lists parted only by blank lines are one list.
 * One pass over the lines: the terms are the lines the paragraph rule would
 * take, and each definition's lines are read once, by the block parser, in
 * place (markdown-it's list rule shifts the line marks the same way).
 */

/** kramdown's DEFINITION_LIST_START: up to three spaces, `:`, then a space, a tab or a pipe (list.rb PATTERN_TAIL). */
function markerEnd(state: StateBlock, line: number, maxIndent: number): number {
  if (line >= state.lineMax || state.isEmpty(line)) return -1;
  const relative = state.sCount[line]! - state.blkIndent;
  // A line left of the block being read belongs to the block around it (lazy lines of list items are indented before, lists.ts).
  if (relative < 0 || relative > maxIndent) return -1;
  const pos = state.bMarks[line]! + state.tShift[line]!;
  if (state.src.charCodeAt(pos) !== 0x3a /* : */ || pos + 1 >= state.eMarks[line]!) return -1;
  return /[ \t|]/.test(state.src[pos + 1]!) ? pos + 1 : -1;
}

/** kramdown's blank line element is "\n" only when it is a single line with nothing on it. */
const emptyLine = (state: StateBlock, line: number): boolean => state.bMarks[line] === state.eMarks[line];

/** The lines of the paragraph starting at `startLine`, as markdown-it's paragraph rule takes them, up to a `:` line after it (or a blank line and a `:` line). */
function findTerms(state: StateBlock, startLine: number, endLine: number): { end: number; blankBefore: boolean } | undefined {
  const terminators = state.md.block.ruler.getRules("paragraph");
  const oldParentType = state.parentType;
  state.parentType = "paragraph";
  try {
    for (let line = startLine + 1; line < endLine; line++) {
      if (state.isEmpty(line)) {
        const blankBefore = emptyLine(state, line) && markerEnd(state, line + 1, 3) >= 0 && line + 1 < endLine;
        return blankBefore ? { end: line, blankBefore } : undefined;
      }
      if (markerEnd(state, line, 3) >= 0) return { end: line, blankBefore: false };
      // As in markdown-it's paragraph rule: a deeper line is paragraph text whatever it holds.
      if (state.sCount[line]! - state.blkIndent > 3 || state.sCount[line]! < 0) continue;
      if (terminators.some((rule) => rule(state, line, endLine, true))) return undefined;
    }
    return undefined;
  } finally {
    state.parentType = oldParentType;
  }
}

/** One definition: its `:` line, where its text starts, its content indentation (relative to the list's), and the lines after the last it holds. */
interface Definition {
  readonly line: number;
  readonly contentStart: number;
  readonly indent: number;
  readonly attributes: AttributeList | undefined;
  readonly blankBefore: boolean;
  end: number;
  readonly lazy: number[];
}

const ITEM_IAL = /^\{:(?!(?:\w[\w-]*)?:|\/)((?:\\\}|[^}])+)\}[ \t]*$/;

/** Reads a `:` line as kramdown's parse_first_list_line does. */
function openDefinition(state: StateBlock, line: number, afterMarker: number, blankBefore: boolean): Definition {
  const max = state.eMarks[line]!;
  const rest = state.src.slice(afterMarker, max);
  const text = rest.trimStart();
  const ial = ITEM_IAL.exec(text);
  const attributes = ial ? readAttributeList(ial[1]!) : undefined;
  if (text === "" || attributes !== undefined) return { line, contentStart: max, indent: 4, attributes, blankBefore, end: line + 1, lazy: [] };
  // Tabs after the marker count to the next multiple of four, as kramdown expands them.
  let column = state.sCount[line]! - state.blkIndent + 1;
  let pos = afterMarker;
  for (; pos < max && (state.src[pos] === " " || state.src[pos] === "\t"); pos++) column = state.src[pos] === "\t" ? column + 4 - (column % 4) : column + 1;
  return { line, contentStart: pos, indent: column, attributes: undefined, blankBefore, end: line + 1, lazy: [] };
}

/** Collects the definitions after the terms, line by line as list.rb does: a `:` line, `^`, an indented line, a lazy line, a blank line, or the end. */
function collectDefinitions(state: StateBlock, first: number, endLine: number, blankBefore: boolean): Definition[] {
  const definitions = [openDefinition(state, first, markerEnd(state, first, 3), blankBefore)];
  let lastBlank = false;
  for (let line = first + 1; line < endLine; line++) {
    const current = definitions[definitions.length - 1]!;
    const marker = markerEnd(state, line, Math.min(current.indent - 1, 3));
    const relative = state.sCount[line]! - state.blkIndent;
    const text = state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!);
    if (marker >= 0) {
      definitions.push(openDefinition(state, line, marker, lastBlank));
      lastBlank = false;
    } else if (state.isEmpty(line)) {
      lastBlank = true;
    } else if (relative < 0 || /^\^[ \t]*$/.test(text)) {
      break;
    } else if (relative >= current.indent) {
      current.end = line + 1;
      lastBlank = false;
    } else if (!lastBlank && !(relative <= 3 && NOT_LAZY.test(text))) {
      current.lazy.push(line);
      current.end = line + 1;
    } else break;
  }
  return definitions;
}

/** Hides the `<p>` of a definition's first paragraph, as kramdown makes it transparent. */
function bareFirstParagraph(tokens: Token[], from: number): void {
  let i = from;
  while (tokens[i]?.type === ITEM_IAL_TOKEN) i++;
  if (tokens[i]?.type !== "paragraph_open") return;
  tokens[i]!.hidden = true;
  tokens[i + 2]!.hidden = true;
}

function tokenizeDefinition(state: StateBlock, definition: Definition): void {
  const open = state.push("dd_open", "dd", 1);
  open.map = [definition.line, definition.end];
  const contentFrom = state.tokens.length;
  if (definition.attributes !== undefined) pushItemAttributes(state, definition.attributes, definition.line);
  const indent = state.blkIndent + definition.indent;
  const saved = [definition.line, ...definition.lazy].map((line) => [line, state.tShift[line]!, state.sCount[line]!] as const);
  const { blkIndent, parentType, listIndent } = state;
  state.tShift[definition.line] = definition.contentStart - state.bMarks[definition.line]!;
  // The text after the marker and every lazy line start at the content's indentation, as kramdown collects them.
  for (const [line] of saved) state.sCount[line] = indent;
  state.blkIndent = indent;
  state.parentType = "deflist";
  state.listIndent = -1;
  state.md.block.tokenize(state, definition.line, definition.end);
  state.blkIndent = blkIndent;
  state.parentType = parentType;
  state.listIndent = listIndent;
  for (const [line, tShift, sCount] of saved) {
    state.tShift[line] = tShift;
    state.sCount[line] = sCount;
  }
  if (!definition.blankBefore) bareFirstParagraph(state.tokens, contentFrom);
  state.push("dd_close", "dd", -1);
}

/** A definition list right before, parted from `startLine` by blank lines only: kramdown adds the new items to it. */
function previousList(state: StateBlock, startLine: number): Token | undefined {
  const close = state.tokens[state.tokens.length - 1];
  if (close?.type !== "dl_close" || close.level !== state.level) return undefined;
  const open = (close.meta as { open?: Token } | null)?.open;
  if (!open?.map) return undefined;
  for (let line = open.map[1]; line < startLine; line++) if (!state.isEmpty(line)) return undefined;
  return open;
}

function definitionListRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (silent || state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const terms = findTerms(state, startLine, endLine);
  if (!terms) return false;
  const first = terms.blankBefore ? terms.end + 1 : terms.end;
  const definitions = collectDefinitions(state, first, endLine, terms.blankBefore);

  let list = previousList(state, startLine);
  if (list) {
    state.tokens.pop();
    state.level++;
  } else {
    list = state.push("dl_open", "dl", 1);
  }
  for (let line = startLine; line < terms.end; line++) {
    state.push("dt_open", "dt", 1).map = [line, line + 1];
    const inline = state.push("inline", "", 0);
    inline.map = [line, line + 1];
    inline.content = state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!).trim();
    inline.children = [];
    state.push("dt_close", "dt", -1);
  }
  for (const definition of definitions) tokenizeDefinition(state, definition);
  // The close keeps its open, so a list parted by blank lines is found again at once, however long it grew.
  state.push("dl_close", "dl", -1).meta = { open: list };
  const end = definitions[definitions.length - 1]!.end;
  list.map = [list.map?.[0] ?? startLine, end];
  state.line = end;
  return true;
}

export function definitionListsPlugin(md: MarkdownIt): void {
  md.block.ruler.before("paragraph", "kramdown_definition_list", definitionListRule);
}
