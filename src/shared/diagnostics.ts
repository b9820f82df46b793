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
  readonly line?: number;
  readonly message: string;
  /** What to do, or the likely fix ("did you mean …?"). */
  readonly hint?: string;
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

/** Groups by code, counts, and lists each message. */
export function summarise(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return "No content faults found.";
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) groups.set(d.code, [...(groups.get(d.code) ?? []), d]);
  const lines: string[] = [];
  for (const [code, items] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${code} (${items.length})`);
    for (const d of items) lines.push(`  ${formatDiagnostic(d).replace(/\n/g, "\n  ")}`);
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  lines.push(`${errors} error(s), ${diagnostics.length - errors} warning(s).`);
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
    hint: "remove the entry from acceptedFaults",
  };
}

/** Suggests the closest candidate for a misspelt name (Levenshtein distance). */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(input.length / 3)) + 1;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: skip candidates that cannot beat the best so far.
    if (Math.abs(candidate.length - input.length) >= bestDistance) continue;
    const d = editDistance(input, candidate, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
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
