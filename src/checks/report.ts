import type { Diagnostic } from "../shared/diagnostics.ts";
import { relativePath } from "../shared/sitePaths.ts";

/** One fault as `--report` writes it, for CI annotations, editors and `npm run fix`. */
export interface ReportEntry {
  readonly severity: Diagnostic["severity"];
  readonly code: string;
  /** As the terminal shows it (relative to the content folder, or the settings file's name). */
  readonly file: string;
  /** The file on disk. */
  readonly path: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly message: string;
  readonly suggestion: string | null;
  /** The one certain repair, if the check has one. */
  readonly repair: Diagnostic["repair"] | null;
  /** Listed in the settings' acceptedFaults: does not fail --strict. */
  readonly accepted: boolean;
}

export interface Report {
  readonly faults: readonly ReportEntry[];
  /** Site paths of the pages this build wrote. */
  readonly pages: readonly string[];
  /** Each page's source file (as shown), by site path: what a pull request's changed files publish. */
  readonly sources: Readonly<Record<string, string>>;
  /** Source files (as shown) left out of the site for their errors. */
  readonly leftOut: readonly string[];
}

export function reportEntry(d: Diagnostic, filePath: string, accepted: boolean): ReportEntry {
  return {
    severity: d.severity,
    code: d.code,
    file: d.file,
    path: filePath,
    line: d.line ?? null,
    column: d.column ?? null,
    message: d.message,
    suggestion: d.hint ?? null,
    repair: d.repair ?? null,
    accepted,
  };
}

/** GitHub Actions workflow commands: each fault becomes an annotation on its file and line. */
export function githubAnnotations(entries: readonly ReportEntry[], workspace: string): string {
  // Values of workflow commands escape %, CR and LF; properties also , and :.
  const data = (text: string): string => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const property = (text: string): string => data(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
  return entries
    .filter((entry) => !entry.accepted)
    .map((entry) => {
      const where = [`file=${property(relativePath(workspace, entry.path))}`, entry.line ? `line=${entry.line}` : "", entry.column ? `col=${entry.column}` : "", `title=${property(entry.code)}`].filter(Boolean).join(",");
      return `::${entry.severity} ${where}::${data(entry.message + (entry.suggestion ? ` (${entry.suggestion})` : ""))}`;
    })
    .join("\n");
}
