import { existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";

/**
 * Builds into a sibling folder and swaps it in only when the build succeeds,
 * so a failed build leaves the published site exactly as it was (and readers
 * of a served folder never see half a site).
 */
export async function buildIntoPlace(output: string, build: (staging: string) => Promise<void>): Promise<void> {
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
  if (existsSync(output)) await rename(output, previous);
  await rename(staging, output);
  await rm(previous, { recursive: true, force: true });
}
