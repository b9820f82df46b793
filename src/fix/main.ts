import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Report, ReportEntry } from "../checks/report.ts";
import type { BuildOptions } from "../eleventy/context.ts";
import { acceptedFaultEntry, applyEdits, diffHunk, LINK_CODES, locateRepair, type Edit, type Skipped } from "./plan.ts";

export interface FixOptions {
  /** The build the faults are found by (its source tree, settings and path prefix). */
  readonly options: BuildOptions;
  /** Write the repairs; without it they are only shown. */
  readonly write: boolean;
  /** The CLI to build with (this script). */
  readonly cli: string;
}

/** Builds the tree into a temporary folder with the build's own checks, and returns every fault it found. */
function findFaults(options: FixOptions): Report {
  const scratch = mkdtempSync(path.join(tmpdir(), "gpc-fix-"));
  try {
    const reportFile = path.join(scratch, "faults.json");
    const { contentDir, settingsFile, pathPrefix } = options.options;
    const args = ["build", "--input", contentDir, "--output", path.join(scratch, "site"), "--report", reportFile];
    if (settingsFile) args.push("--settings", settingsFile);
    if (pathPrefix) args.push("--path-prefix", pathPrefix);
    const run = spawnSync(process.execPath, [options.cli, ...args], { encoding: "utf8" });
    try {
      return JSON.parse(readFileSync(reportFile, "utf8")) as Report;
    } catch {
      throw new Error(`the build found no faults to repair because it stopped:\n${run.stderr || run.stdout}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Every certain repair per file, and the faults whose likely repair is not certain. */
function plan(report: Report): { edits: Map<string, Edit[]>; skipped: Skipped[] } {
  const edits = new Map<string, Edit[]>();
  const skipped: Skipped[] = [];
  const texts = new Map<string, string>();
  const read = (file: string): string => {
    if (!texts.has(file)) texts.set(file, readFileSync(file, "utf8"));
    return texts.get(file)!;
  };
  const add = (file: string, edit: Edit): void => void edits.set(file, [...(edits.get(file) ?? []), edit]);
  for (const fault of report.faults) {
    if (fault.code === "stale-accepted-fault" && fault.line !== null) {
      const edit = acceptedFaultEntry(read(fault.path), fault.line, fault);
      if (edit) add(fault.path, edit);
      else skipped.push({ fault, reason: "its entry could not be found in the settings" });
    } else if (fault.repair) {
      const text = read(fault.path);
      // A file that is not valid UTF-8 would not be written back byte for byte.
      if (text.includes("\ufffd")) {
        skipped.push({ fault, reason: "the file is not valid UTF-8" });
        continue;
      }
      const found = locateRepair(text, fault);
      if ("reason" in found) skipped.push(found);
      else add(fault.path, found);
    } else if (LINK_CODES.has(fault.code) && fault.suggestion?.startsWith("did you mean")) {
      skipped.push({ fault, reason: / or /.test(fault.suggestion) ? "more than one candidate" : "the nearest name is not surely the one meant" });
    }
  }
  return { edits, skipped };
}

const where = (fault: ReportEntry): string => `${fault.file}${fault.line ? `:${fault.line}` : ""}`;

/**
 * `npm run fix`: the repairs the build's checks are certain of, shown as diffs, written only with
 * --write. Everything outside each repaired span stays byte for byte as it was.
 */
export function runFix(options: FixOptions): number {
  const report = findFaults(options);
  const { edits, skipped } = plan(report);
  let count = 0;
  for (const [file, fileEdits] of [...edits].sort(([a], [b]) => a.localeCompare(b))) {
    const text = readFileSync(file, "utf8");
    const { text: repaired, applied, overlapping } = applyEdits(text, fileEdits);
    for (const edit of overlapping) skipped.push({ fault: edit.fault, reason: "another repair changes the same text" });
    const shown = path.relative(process.cwd(), file);
    console.log(`--- a/${shown}\n+++ b/${shown}`);
    for (const edit of applied) console.log(`${diffHunk(text, edit)}\n  (${edit.fault.code}: ${edit.fault.message})`);
    count += applied.length;
    if (options.write) writeFileSync(file, repaired);
  }
  if (skipped.length > 0) {
    console.log(`\nNot repaired (not certain):`);
    for (const { fault, reason } of skipped) console.log(`  ${where(fault)}: [${fault.code}] ${fault.message}${fault.suggestion ? ` (${fault.suggestion})` : ""}: ${reason}`);
  }
  const files = edits.size;
  console.log(
    count === 0
      ? "\nNothing to repair with certainty."
      : `\n${count} repair${count === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"} ${options.write ? "written" : "shown; nothing was written (add --write to apply them)"}.`,
  );
  return 0;
}
