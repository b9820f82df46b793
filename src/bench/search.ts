import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeSearchIndexes, createSearchIndex, INDEX_CHUNK_SIZE, PAGEFIND_DEFAULT_CHUNK_SIZE } from "../search/indexSettings.ts";
import { median } from "./measure.ts";
import { firstSearchBytes } from "./weight.ts";

/** The query of the first-search figure: three words, as issue 14 set the goal (≤ 100 KB). */
export const FIRST_SEARCH_QUERY = "Spine Secure Proxy";

/** A steady typist's pace (faster than the search's 250 ms pause, so only preloading runs while typing). */
export const TYPING_KEY_DELAY_MS = 150;

export interface ChunkSizeFigures {
  readonly chunkSize: number;
  readonly files: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly search: Awaited<ReturnType<typeof firstSearchBytes>>;
}

const folderSize = (dir: string): { files: number; bytes: number } => {
  const names = readdirSync(dir);
  return { files: names.length, bytes: names.reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0) };
};

/**
 * The built site indexed again on its own with a given chunk size (the same
 * settings as the build, as the build would at that size): the index's size,
 * Pagefind's time (median of `runs`) and the first search it gives.
 */
export async function indexWithChunkSize(site: string, chunkSize: number, runs: number): Promise<ChunkSizeFigures> {
  const copy = mkdtempSync(path.join(tmpdir(), `gpc-bench-chunks-${chunkSize}-`));
  try {
    cpSync(site, copy, { recursive: true });
    const output = path.join(copy, "pagefind");
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      rmSync(output, { recursive: true, force: true });
      const started = performance.now();
      const index = await createSearchIndex(chunkSize);
      await index.addDirectory({ path: copy });
      await index.writeFiles({ outputPath: output });
      await index.deleteIndex();
      times.push((performance.now() - started) / 1000);
    }
    await closeSearchIndexes();
    return { chunkSize, ...folderSize(path.join(output, "index")), seconds: median(times), search: await firstSearchBytes(copy, FIRST_SEARCH_QUERY) };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Pagefind's default chunk size, then the project's: the before and after of issue 14. */
export const comparedChunkSizes = (): number[] => [PAGEFIND_DEFAULT_CHUNK_SIZE, INDEX_CHUNK_SIZE];
