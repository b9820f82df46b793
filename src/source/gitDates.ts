import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * The date of the last commit that changed each file under `dir`, by
 * absolute path, read from one `git log` of the folder; empty when `dir` is
 * not in a git checkout (or git is missing). A shallow clone knows only its
 * own commits, so its files share the clone's date; a name git still quotes
 * (one holding `"` or a control character) gets no date.
 */
export function lastCommitDates(dir: string): Map<string, Date> {
  const run = spawnSync("git", ["-C", dir, "-c", "core.quotePath=false", "log", "--format=%x00%cI", "--name-only", "--relative", "--no-renames", "--", "."], {
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
