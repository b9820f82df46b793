import type { MarkdownIt, StateBlock } from "markdown-it";

/**
 * Tables as kramdown reads them (parser/kramdown/table.rb), which GFM's table
 * rule does not: every line with an unescaped `|` is a row, a delimiter row
 * is optional (without one the table has no header), may be shorter than the
 * header or come first (then it is ignored), and later delimiter rows start a
 * new body; `|===|` starts the footer; short rows are padded with empty
 * cells. A table must stand alone: after a blank line (or first in its
 * container) and before one, else its lines stay a paragraph, as kramdown
 * leaves them. A table with no body row is no table either.
 */
/** A delimiter row: only these characters, one `-` at least (each pattern one pass: nested lazy runs backtracked quadratically on a long row ending in another character). */
const SEPARATOR = /^(?=[^-]*-)[+|: \t-]*$/;
const FOOTER_SEPARATOR = /^(?=[^=]*=)[+|: \t=]*$/;
const PIPE_LINE = /^(?:\||.*?[^\\\n]\|)/;
const ALIGN = /[ \t]?(:?)-+(:?)[ \t]?/g;
const BOUNDARY_AFTER = /^(?:[ \t]*$|\{:|\^\s*$)/;

type Align = "" | "left" | "right" | "center";
interface Row {
  readonly cells: string[];
  readonly line: number;
}
interface Section {
  readonly kind: "thead" | "tbody" | "tfoot";
  readonly rows: Row[];
}

/**
 * The cell texts of a row, split at unescaped pipes outside code spans, as
 * kramdown does; undefined when the row has no such pipe. An empty first
 * cell is dropped only when the table's first line starts with a pipe
 * (table.rb `leading_pipe`): in a table without outer pipes, ` | x` has an
 * empty first cell.
 */
export function splitRow(line: string, leadingPipe: boolean): string[] | undefined {
  const cells: string[] = [""];
  const lastCodeClose = line.lastIndexOf("</code>");
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    // An HTML `<code>…</code>` is kept whole, pipes and all (table.rb splits the row at them first).
    const codeClose = ch === "<" && i < lastCodeClose && line.startsWith("<code", i) ? line.indexOf("</code>", line.indexOf(">", i)) : -1;
    if (codeClose >= 0) {
      cells[cells.length - 1] += line.slice(i, codeClose + 7);
      i = codeClose + 6;
    } else if (ch === "`") {
      const run = /^`+/.exec(line.slice(i))![0];
      const close = line.indexOf(run, i + run.length);
      if (close > 0 && line[close + run.length] !== "`") {
        cells[cells.length - 1] += line.slice(i, close + run.length);
        i = close + run.length - 1;
        continue;
      }
      cells[cells.length - 1] += run;
      i += run.length - 1;
    } else if (ch === "\\" && line[i + 1] === "|") {
      cells[cells.length - 1] += "|";
      i++;
    } else if (ch === "|") cells.push("");
    else cells[cells.length - 1] += ch;
  }
  // kramdown keeps a table only when its pipes are table pipes, not ones inside code.
  if (cells.length === 1) return undefined;
  if (leadingPipe && cells[0]!.trim() === "") cells.shift();
  if (cells.length > 0 && cells[cells.length - 1]!.trim() === "") cells.pop();
  return cells.map((c) => c.trim());
}

/** The code spans of `text` as kramdown's codespan parser finds them (codespan.rb): a run of backticks closes at the next occurrence of the same run. */
function* codeSpans(text: string): Generator<{ start: number; end: number; code: string }> {
  const missing = new Set<string>();
  for (let i = text.indexOf("`"); i >= 0; i = text.indexOf("`", i)) {
    const run = /^`+/.exec(text.slice(i, i + 64))![0];
    const from = i + run.length;
    // A lone backtick between spaces is text.
    const lone = run.length === 1 && (i === 0 || /\s/.test(text[i - 1]!)) && /\s/.test(text[from] ?? "");
    const close = lone || missing.has(run) ? -1 : text.indexOf(run, from);
    if (close < 0) {
      // Once a run has no closing one, no later run of that length has either: searching again would be quadratic.
      if (!lone) missing.add(run);
      i = from;
      continue;
    }
    yield { start: i, end: close + run.length, code: text.slice(from, close) };
    i = close + run.length;
  }
}

/** kramdown's TABLE_PIPE_CHECK at the start of a line: a leading pipe, or an unescaped one later. */
const TABLE_PIPE_CHECK = /^(?:\||.*?[^\\\n]\|)/;

/**
 * Whether kramdown keeps these lines as a table once code spans that run over
 * lines are read (table.rb, after the rows): a code span over two lines is
 * allowed only after a table pipe on its first line, and the table must end
 * on a line with a table pipe after the last such span.
 */
function pipesOutsideCode(text: string): boolean {
  let pipeOnLine = false;
  let pos = 0;
  // Ruby's split drops trailing empty strings.
  const linesOf = (part: string): string[] => part.replace(/\n+$/, "").split("\n");
  const segments = (function* () {
    for (const span of codeSpans(text)) {
      yield { code: false, value: text.slice(pos, span.start) };
      yield { code: true, value: span.code };
      pos = span.end;
    }
    yield { code: false, value: text.slice(pos) };
  })();
  for (const { code, value } of segments) {
    if (value === "") continue;
    const lines = linesOf(value);
    if (code) {
      if (lines.length > 2 || (lines.length === 2 && !pipeOnLine)) break;
      if (lines.length === 2) pipeOnLine = false;
    } else {
      if (lines.length > 1 && !pipeOnLine && !TABLE_PIPE_CHECK.test(lines[0]!)) break;
      pipeOnLine = (lines.length > 1 ? false : pipeOnLine) || TABLE_PIPE_CHECK.test(lines[lines.length - 1]!);
    }
  }
  return pipeOnLine;
}

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!);
}

function kramdownTable(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const previous = state.tokens[state.tokens.length - 1];
  const firstInContainer = !previous || previous.type === "list_item_open" || previous.type === "blockquote_open";
  // An attribute list on the line before is a boundary too (block_boundary.rb after_block_boundary?: @block_ial).
  const afterAttributes = previous?.type === "kramdown_block_ial" && previous.map?.[1] === startLine;
  if (!firstInContainer && !afterAttributes && (startLine === 0 || !state.isEmpty(startLine - 1))) return false;
  if (!PIPE_LINE.test(lineText(state, startLine))) return false;
  const leadingPipe = lineText(state, startLine).startsWith("|");

  const sections: Section[] = [];
  let rows: Row[] = [];
  let aligns: Align[] | undefined;
  let hasFooter = false;
  const close = (kind: Section["kind"], force: boolean): void => {
    if (hasFooter && kind === "tbody" && !force) return;
    sections.push({ kind, rows });
    rows = [];
  };
  let line = startLine;
  for (; line < endLine; line++) {
    if (state.sCount[line]! < state.blkIndent) break;
    const text = lineText(state, line);
    if (!PIPE_LINE.test(text)) break;
    const separator = SEPARATOR.exec(text);
    if (separator) {
      if (rows.length === 0) continue;
      if (!aligns && !hasFooter) {
        close("thead", false);
        aligns = [...separator[0].trimEnd().matchAll(ALIGN)].map(([, left, right]) => (left && right ? "center" : right ? "right" : left ? "left" : ""));
      } else close("tbody", false);
    } else if (FOOTER_SEPARATOR.test(text)) {
      if (rows.length > 0) close("tbody", true);
      hasFooter = true;
    } else {
      const cells = splitRow(text, leadingPipe);
      if (!cells) return false;
      rows.push({ cells, line });
    }
  }
  // The end of the list item (or other container) holding the table is a boundary too: kramdown reads the item's text on its own.
  if (line < endLine && state.sCount[line]! >= state.blkIndent && !BOUNDARY_AFTER.test(lineText(state, line))) return false;
  if (!pipesOutsideCode(state.getLines(startLine, line, state.blkIndent, false).replace(/\n$/, ""))) return false;
  if (rows.length > 0) close(hasFooter ? "tfoot" : "tbody", false);
  if (!sections.some((s) => s.kind === "tbody")) return false;
  if (silent) return true;

  // A fold, not Math.max(...rows): spreading a table of a few hundred thousand rows overflows the call stack.
  const columns = sections.reduce((widest, section) => section.rows.reduce((most, row) => Math.max(most, row.cells.length), widest), 0);
  state.push("table_open", "table", 1).map = [startLine, line];
  for (const section of sections) {
    state.push(`${section.kind}_open`, section.kind, 1);
    for (const row of section.rows) {
      state.push("tr_open", "tr", 1).map = [row.line, row.line + 1];
      const tag = section.kind === "thead" ? "th" : "td";
      for (let c = 0; c < columns; c++) {
        const open = state.push(`${tag}_open`, tag, 1);
        const align = aligns?.[c];
        if (align) open.attrSet("style", `text-align: ${align}`);
        const inline = state.push("inline", "", 0);
        inline.content = row.cells[c] ?? "";
        inline.map = [row.line, row.line + 1];
        inline.children = [];
        state.push(`${tag}_close`, tag, -1);
      }
      state.push("tr_close", "tr", -1);
    }
    state.push(`${section.kind}_close`, section.kind, -1);
  }
  state.push("table_close", "table", -1);
  state.line = line;
  return true;
}

export function tablesPlugin(md: MarkdownIt): void {
  md.block.ruler.disable("table");
  md.block.ruler.before("table", "kramdown_table", kramdownTable);
}
