/**
 * `git log` arguments that list, newest first, each commit's date and the
 * files it changed: by first parents, each merge listing what it changed
 * against its first, so a change made on another branch dates from the merge
 * that brought it here (and a merge that resolved a conflict dates that file).
 */
export const LAST_CHANGE_LOG = ["log", "--first-parent", "--diff-merges=first-parent", "--format=%x00%cI", "--name-only", "--no-renames"] as const;

/** Each file named in the output of `git log` with {@link LAST_CHANGE_LOG} → the ISO date of the last commit that changed it. */
export function lastChangeByFile(log: string): Map<string, string> {
  const dates = new Map<string, string>();
  for (const commit of log.split("\0")) {
    const [date, ...files] = commit.split("\n");
    if (!date) continue;
    // Newest first: a file's first mention is its last change.
    for (const file of files) if (file && !dates.has(file)) dates.set(file, date);
  }
  return dates;
}
