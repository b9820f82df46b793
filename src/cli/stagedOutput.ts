import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { escapingSitePath, isInside } from "../shared/sitePaths.ts";

/**
 * Builds into a sibling folder and swaps it in only when the build succeeds,
 * so a failed build leaves the published site exactly as it was (and readers
 * of a served folder never see half a site). What `keep` names in the old
 * output (Jekyll's `keep_files`; `.git` always) and the build did not write
 * moves into the new one, as Jekyll keeps them when it cleans its destination.
 */
export async function buildIntoPlace(output: string, build: (staging: string) => Promise<void>, keep: readonly string[] = []): Promise<void> {
  // Siblings of the output share its file system, so the renames are atomic.
  const staging = `${output}.building-${process.pid}`;
  const previous = `${output}.previous-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    await build(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  for (const entry of new Set([".git", ...keep])) {
    // An entry is a path inside the output: one leading out of it (`../x`) is never moved.
    const from = path.join(output, entry);
    const to = path.join(staging, entry);
    if (escapingSitePath(entry) || !isInside(output, from) || !existsSync(from) || existsSync(to)) continue;
    await mkdir(path.dirname(to), { recursive: true });
    await rename(from, to);
  }
  if (existsSync(output)) await rename(output, previous);
  await rename(staging, output);
  await rm(previous, { recursive: true, force: true });
}
