/**
 * Every content fault the build finds, with where it is and what to do.
 * One collector per build; the CLI prints the grouped summary and decides the exit code.
 */
export type Severity = "error" | "warning";

export interface Diagnostic {
  readonly severity: Severity;
  /** Short stable code, used to group messages and to accept known faults in the settings. */
  readonly code: string;
  /** Path of the source file relative to the content folder. */
  readonly file: string;
  /** 1-based line in the file as the author sees it (front matter included). */
  readonly line?: number | undefined;
  /** 1-based column on that line, where known. */
  readonly column?: number | undefined;
  readonly message: string;
  /** What to do, or the likely fix ("did you mean …?"). */
  readonly hint?: string | undefined;
  /** The one repair the check is sure of: `find`, written on `line`, becomes `replace` (see `npm run fix`). */
  readonly repair?: Repair | undefined;
}

export interface Repair {
  readonly find: string;
  readonly replace: string;
}

export class BuildError extends Error {
  constructor(readonly diagnostic: Omit<Diagnostic, "severity">) {
    super(formatDiagnostic({ ...diagnostic, severity: "error" }));
    this.name = "BuildError";
  }
}

export function formatLocation(d: Pick<Diagnostic, "file" | "line">): string {
  return d.line ? `${d.file}:${d.line}` : d.file;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${formatLocation(d)}: ${d.severity} [${d.code}] ${d.message}${d.hint ? `\n    → ${d.hint}` : ""}`;
}

export class DiagnosticLog {
  private readonly entries = new Map<string, Diagnostic>();

  add(diagnostic: Diagnostic): void {
    // The same fault can be met more than once (a page rendered twice in watch mode).
    this.entries.set(formatDiagnostic(diagnostic), diagnostic);
  }

  warn(d: Omit<Diagnostic, "severity">): void {
    this.add({ ...d, severity: "warning" });
  }

  error(d: Omit<Diagnostic, "severity">): void {
    this.add({ ...d, severity: "error" });
  }

  clear(): void {
    this.entries.clear();
  }

  /** Drops the faults of these files (content-folder relative), which are about to be read again. */
  forgetFiles(files: ReadonlySet<string>): void {
    for (const [key, d] of this.entries) if (files.has(d.file)) this.entries.delete(key);
  }

  all(): Diagnostic[] {
    return sortDiagnostics([...this.entries.values()]);
  }
}

/** By file, then line, then message. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.message.localeCompare(b.message));
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;

/** "2 errors and 1 warning in 3 files", or "no content faults". */
export function countFaults(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return "no content faults";
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const counts = [errors > 0 ? plural(errors, "error") : "", diagnostics.length > errors ? plural(diagnostics.length - errors, "warning") : ""].filter(Boolean).join(" and ");
  return `${counts} in ${plural(new Set(diagnostics.map((d) => d.file)).size, "file")}`;
}

const indented = (d: Diagnostic): string => `  ${formatDiagnostic(d).replace(/\n/g, "\n  ")}`;

/** Every fault, grouped by file (each file headed with its counts), in file and line order. */
export function listByFile(diagnostics: readonly Diagnostic[]): string {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of sortDiagnostics([...diagnostics])) groups.set(d.file, [...(groups.get(d.file) ?? []), d]);
  return [...groups].map(([file, items]) => [`${file}: ${countFaults(items).replace(/ in 1 file$/, "")}`, ...items.map(indented)].join("\n")).join("\n");
}

/**
 * What the terminal shows after a build: new faults grouped by file and counted; accepted faults as
 * one counted line (each listed only when `verbose`).
 */
export function summarise(open: readonly Diagnostic[], accepted: readonly Diagnostic[], verbose: boolean): string {
  const lines: string[] = [];
  if (open.length > 0) lines.push(listByFile(open));
  if (accepted.length > 0) {
    if (verbose) lines.push(`${plural(accepted.length, "accepted fault")} (acceptedFaults in the settings):`, ...sortDiagnostics([...accepted]).map(indented));
    else lines.push(`${plural(accepted.length, "accepted fault")}, --verbose lists them.`);
  }
  return lines.join("\n");
}

export interface AcceptedFault {
  readonly code: string;
  readonly file: string;
  readonly line?: number | undefined;
  /** Line of this entry in the settings file. */
  readonly declaredAt?: number | undefined;
}

const accepts = (a: AcceptedFault, d: Diagnostic): boolean => d.severity === "warning" && a.code === d.code && a.file === d.file && (a.line === undefined || a.line === d.line);

/**
 * Splits faults into those the settings accept (warnings matching code, file
 * and, if given, line) and the rest; `stale` are accepted faults that no longer occur.
 */
export function partitionAccepted(diagnostics: readonly Diagnostic[], accepted: readonly AcceptedFault[]): { accepted: Diagnostic[]; open: Diagnostic[]; stale: AcceptedFault[] } {
  const isAccepted = (d: Diagnostic): boolean => accepted.some((a) => accepts(a, d));
  return {
    accepted: diagnostics.filter(isAccepted),
    open: diagnostics.filter((d) => !isAccepted(d)),
    stale: accepted.filter((a) => !diagnostics.some((d) => accepts(a, d))),
  };
}

/** An accepted fault that no longer occurs: the entry should go, or it would hide the fault if it came back elsewhere. */
export function staleFaultDiagnostic(fault: AcceptedFault, settingsFile: string): Omit<Diagnostic, "severity"> {
  return {
    code: "stale-accepted-fault",
    file: settingsFile,
    line: fault.declaredAt,
    message: `accepted fault [${fault.code}] ${formatLocation(fault)} no longer occurs`,
    hint: "remove the entry from acceptedFaults (npm run fix -- --write does)",
  };
}

/** Every candidate at the smallest edit distance from a misspelt name, if close enough to suggest, and that distance. */
export function closestCandidates(input: string, candidates: Iterable<string>): { names: string[]; distance: number } {
  let names: string[] = [];
  let distance = Math.max(3, Math.floor(input.length / 3)) + 1;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: skip candidates that cannot match the best so far.
    if (Math.abs(candidate.length - input.length) > distance) continue;
    const d = editDistance(input, candidate, distance + 1);
    if (d < distance) {
      names = [candidate];
      distance = d;
    } else if (d === distance && names.length > 0 && !names.includes(candidate)) names.push(candidate);
  }
  return { names, distance };
}

/** Suggests the closest candidate for a misspelt name (Levenshtein distance). */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  return closestCandidates(input, candidates).names[0];
}

/**
 * Whether the one closest candidate is surely what was meant: a slip of a few characters
 * (a missing hyphen, a letter swapped), not a different name that happens to be nearest.
 */
export function isCertainMatch(input: string, closest: { names: readonly string[]; distance: number }): boolean {
  return closest.names.length === 1 && closest.distance <= Math.max(1, Math.min(3, Math.floor(input.length / 8)));
}

/** Levenshtein distance of `a` and `b`, or `bound` as soon as it is clear the distance is at least that. */
function editDistance(a: string, b: string, bound: number): number {
  let previous = new Uint32Array(b.length + 1).map((_, i) => i);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (current[j]! < rowMin) rowMin = current[j]!;
    }
    // Every later row is at least this row's smallest value.
    if (rowMin >= bound) return bound;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}
