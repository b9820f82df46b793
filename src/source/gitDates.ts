import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { BuildError } from "../shared/diagnostics.ts";
import { LAST_CHANGE_LOG, lastChangeByFile } from "../shared/gitLog.ts";
import { relativePath } from "../shared/sitePaths.ts";

/**
 * The date of the last commit that changed each file under `dir`, by
 * absolute path, read from one `git log` of the folder; empty when `dir` is
 * not in a git checkout (or git is missing). A shallow clone knows only its
 * own commits, so its files share the clone's date; a name git still quotes
 * (one holding `"` or a control character) gets no date.
 */
export function lastCommitDates(dir: string): Map<string, Date> {
  const run = spawnSync("git", ["-C", dir, "-c", "core.quotePath=false", ...LAST_CHANGE_LOG, "--relative", "--", "."], {
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    stdio: ["ignore", "pipe", "ignore"],
  });
  if (run.status !== 0 || !run.stdout) return new Map();
  return new Map([...lastChangeByFile(run.stdout)].map(([file, date]) => [path.resolve(dir, file), new Date(date)]));
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
