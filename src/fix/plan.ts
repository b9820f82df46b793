import { LineCounter, parseDocument, isSeq, type Node } from "yaml";
import type { ReportEntry } from "../checks/report.ts";

/** One change to a file: the text at [start, end) becomes `replace`. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly replace: string;
  /** The fault it repairs, as the build reported it. */
  readonly fault: ReportEntry;
}

/** A fault with a likely repair that `fix` does not apply, and why. */
export interface Skipped {
  readonly fault: ReportEntry;
  readonly reason: string;
}

/** Offsets of each line's start, so that lines keep their own endings (\n or \r\n) untouched. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

export const LINK_CODES = new Set(["broken-link", "broken-anchor", "missing-image"]);
const URL_CHARACTER = /[\w.~%/-]/;

/** Whether `offset` is inside code: a fenced block, a `{% highlight %}` block, an indented block or an inline code span. */
export function insideCode(text: string, offset: number): boolean {
  const before = text.slice(0, offset);
  const fences = before.match(/^[ \t]{0,3}(```|~~~)/gm)?.length ?? 0;
  if (fences % 2 === 1) return true;
  const opened = before.lastIndexOf("{% highlight");
  if (opened >= 0 && before.indexOf("{% endhighlight", opened) < 0) return true;
  const lineStart = before.lastIndexOf("\n") + 1;
  const line = before.slice(lineStart);
  return (line.match(/`/g)?.length ?? 0) % 2 === 1;
}

/**
 * Where a fault's repair applies in its file: the `find` text at the reported line and column, or its
 * only occurrence on that line. Anything less certain is skipped with the reason.
 */
export function locateRepair(text: string, fault: ReportEntry): Edit | Skipped {
  const repair = fault.repair;
  if (!repair || fault.line === null) return { fault, reason: "no single repair" };
  const starts = lineStarts(text);
  const lineStart = starts[fault.line - 1];
  if (lineStart === undefined) return { fault, reason: `the file has no line ${fault.line} any more` };
  const lineEnd = starts[fault.line] ?? text.length;
  const line = text.slice(lineStart, lineEnd);
  // A link must be found whole: `a.htm` is not the start of `a.html`.
  const isLink = LINK_CODES.has(fault.code);
  const whole = (index: number): boolean => !isLink || !URL_CHARACTER.test(line[index + repair.find.length] ?? "");
  let at = fault.column !== null && line.startsWith(repair.find, fault.column - 1) && whole(fault.column - 1) ? fault.column - 1 : -1;
  if (at < 0) {
    const found: number[] = [];
    for (let i = line.indexOf(repair.find); i >= 0; i = line.indexOf(repair.find, i + 1)) if (whole(i)) found.push(i);
    if (found.length === 0) return { fault, reason: `"${repair.find}" is not written on that line (it comes from an include or a variable)` };
    if (found.length > 1) return { fault, reason: `"${repair.find}" is written more than once on that line` };
    at = found[0]!;
  }
  const start = lineStart + at;
  if (insideCode(text, start)) return { fault, reason: "it is inside code, which may mean it as written" };
  return { start, end: start + repair.find.length, replace: repair.replace, fault };
}

/**
 * The lines of an accepted-fault entry in the settings file, to remove it whole: from the line of
 * the list item to the line its value ends on. Undefined if no entry of `acceptedFaults` starts at `line`.
 */
export function acceptedFaultEntry(settings: string, line: number, fault: ReportEntry): Edit | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(settings, { lineCounter });
  const list = doc.get("acceptedFaults", true);
  if (!isSeq(list)) return undefined;
  const item = (list.items as Node[]).find((node) => node.range && lineCounter.linePos(node.range[0]).line === line);
  if (!item?.range) return undefined;
  const starts = lineStarts(settings);
  const endLine = lineCounter.linePos(Math.max(item.range[0], item.range[1] - 1)).line;
  return { start: starts[line - 1]!, end: starts[endLine] ?? settings.length, replace: "", fault };
}

/** Applies non-overlapping edits (later ones first, so offsets stay true); an edit overlapping one already applied is skipped. */
export function applyEdits(text: string, edits: readonly Edit[]): { text: string; applied: Edit[]; overlapping: Edit[] } {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  const applied: Edit[] = [];
  const overlapping: Edit[] = [];
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) {
      overlapping.push(edit);
      continue;
    }
    result = result.slice(0, edit.start) + edit.replace + result.slice(edit.end);
    limit = edit.start;
    applied.push(edit);
  }
  return { text: result, applied: applied.reverse(), overlapping };
}

/** A unified diff of the lines an edit touches, as `git diff` shows one hunk. */
export function diffHunk(text: string, edit: Edit): string {
  const starts = lineStarts(text);
  const lineOf = (offset: number): number => {
    let index = 0;
    while (index + 1 < starts.length && starts[index + 1]! <= offset) index++;
    return index;
  };
  const first = lineOf(edit.start);
  const lastIndex = lineOf(Math.max(edit.start, edit.end - 1));
  const from = starts[first]!;
  const to = starts[lastIndex + 1] ?? text.length;
  const before = text.slice(from, to);
  const after = before.slice(0, edit.start - from) + edit.replace + before.slice(edit.end - from);
  const lines = (block: string): string[] => (block === "" ? [] : block.replace(/\r?\n$/, "").split(/\r?\n/));
  const old = lines(before);
  const updated = lines(after);
  return [`@@ -${first + 1},${old.length} +${first + 1},${updated.length} @@`, ...old.map((l) => `-${l}`), ...updated.map((l) => `+${l}`)].join("\n");
}
