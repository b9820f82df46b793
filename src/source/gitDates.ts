import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { BuildError } from "../shared/diagnostics.ts";
import { relativePath } from "../shared/sitePaths.ts";

/**
 * The date of the last commit that changed each file under `dir`, by
 * absolute path, read from one `git log` of the folder; empty when `dir` is
 * not in a git checkout (or git is missing). A shallow clone knows only its
 * own commits, so its files share the clone's date; a name git still quotes
 * (one holding `"` or a control character) gets no date. The walk follows
 * first parents, each merge listing what it changed against its first: a
 * change made on another branch dates from the merge that brought it here,
 * and a merge that resolved a conflict in a file dates that file.
 */
export function lastCommitDates(dir: string): Map<string, Date> {
  const run = spawnSync("git", ["-C", dir, "-c", "core.quotePath=false", "log", "--first-parent", "--diff-merges=first-parent", "--format=%x00%cI", "--name-only", "--relative", "--no-renames", "--", "."], {
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    stdio: ["ignore", "pipe", "ignore"],
  });
  const dates = new Map<string, Date>();
  if (run.status !== 0 || !run.stdout) return dates;
  for (const commit of run.stdout.split("\0")) {
    const [date, ...files] = commit.split("\n");
    if (!date) continue;
    const when = new Date(date);
    // git log lists the newest commit first: a file's first mention is its last change.
    for (const file of files) {
      const full = path.resolve(dir, file);
      if (file && !dates.has(full)) dates.set(full, when);
    }
  }
  return dates;
}

/** `--commit-dates`: path in the tree (with `/`) → the ISO date of its file's last commit. */
const commitDatesSchema = z.record(z.string(), z.iso.datetime({ offset: true }));

/**
 * Each file's last commit date from a `--commit-dates` file, by absolute
 * path under `dir`, for a tree that is not a git checkout (`build --versions`
 * writes a release's tree from git objects and its dates from one `git log`).
 */
export function commitDatesFile(file: string, dir: string): Map<string, Date> {
  const shown = relativePath(process.cwd(), file);
  let parsed: z.infer<typeof commitDatesSchema>;
  try {
    parsed = commitDatesSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch (error) {
    const why = error instanceof z.ZodError ? `${error.issues[0]?.path.join(".") ?? ""}: ${error.issues[0]?.message ?? "not a date"}` : (error as Error).message;
    throw new BuildError({ code: "options", file: shown, message: `--commit-dates: not a JSON object of file paths and ISO dates (${why})`, hint: 'give {"pages/a.md": "2024-03-22T16:40:13Z", …}' });
  }
  return new Map(Object.entries(parsed).map(([name, date]) => [path.resolve(dir, name), new Date(date)]));
}
