import * as pagefind from "pagefind";
import type { PagefindServiceConfig } from "pagefind";

/**
 * How the search index is cut and what it keeps: the one place for
 * Pagefind's build settings. Ranking (weights, stop words) is in ranking.ts.
 */

/**
 * The Pagefind release these settings were measured with. The chunk size is
 * set through a variable Pagefind calls unstable and does not document, so
 * tests/unit/searchIndex.test.ts fails if another version is installed:
 * re-measure (`npm run bench`) before moving the pin in package.json.
 */
export const PAGEFIND_VERSION = "1.5.2";

/** Read by the Pagefind binary when it starts (pagefind/src/options.rs, `SearchOptions::load`). */
const CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE";

/** Pagefind's own default, for the benchmark's before-and-after figures. */
export const PAGEFIND_DEFAULT_CHUNK_SIZE = 20_000;

/**
 * Word locations per index chunk. A search downloads every chunk holding a
 * query word, so the chunk size is most of what a first search weighs beyond
 * Pagefind's fixed ~85 KB (WebAssembly and library). Pagefind's 20,000 gives
 * ~30 KB chunks (one per query word); smaller chunks cost more chunk entries
 * in the metadata file every search loads first. Measured on the GP Connect
 * corpus (`npm run bench`, "Spine Secure Proxy"), index chunks plus metadata:
 * 20,000 → 60 KB; 1,000 → 8.5 KB; 500 → 7.2 KB; 250 → 8.0 KB (300-700 weigh
 * the same over several queries). The whole index grows by a sixth (233 KB in
 * 8 files → 270 KB in 224), which readers never download at once; indexing
 * time does not change measurably.
 */
export const INDEX_CHUNK_SIZE = 500;

/** What every index is built with, whichever way it is built (the site build, the benchmark). */
const INDEX_OPTIONS: PagefindServiceConfig = {
  forceLanguage: "en",
  // Heading anchors ("#") are link text for sighted readers, not words on the page.
  excludeSelectors: [".app-heading__anchor"],
  /*
   * No characters beyond Pagefind's default (`_`): Pagefind already indexes a
   * punctuated word both whole and by its parts (`Patient.identifier` as
   * `patientidentifier`, `patient` and `identifier`; `Ssp-TraceID` as
   * `ssptraceid`, `ssp`, `trace`, `id`; URNs likewise), and its query parser
   * drops the same punctuation, so dotted paths, headers and URNs are found
   * whole and by parts. Adding `.`, `:` or `-` would index "patient." at the
   * end of a sentence as a word of its own that "patient" no longer finds.
   * Symbols (`$` of `$gpc.getstructuredrecord`) are the one mismatch: Pagefind
   * drops them when indexing and keeps them in queries; ranking.ts drops them
   * from queries too.
   */
};

export type SearchIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>["index"]>;

let serviceChunkSize: number | undefined;

/**
 * A new Pagefind index with the project's settings. The Node API runs the
 * Pagefind binary as one long-lived process, started by the first
 * `createIndex` with this process's environment: the chunk size is put in the
 * environment for that start only. A process started with another chunk size
 * is stopped first.
 */
export async function createSearchIndex(chunkSize = INDEX_CHUNK_SIZE): Promise<SearchIndex> {
  if (serviceChunkSize !== undefined && serviceChunkSize !== chunkSize) await closeSearchIndexes();
  const previous = process.env[CHUNK_SIZE_VARIABLE];
  process.env[CHUNK_SIZE_VARIABLE] = String(chunkSize);
  let created: ReturnType<typeof pagefind.createIndex>;
  try {
    // Starts the binary (child_process.spawn, synchronously) when none runs.
    created = pagefind.createIndex(INDEX_OPTIONS);
  } finally {
    if (previous === undefined) delete process.env[CHUNK_SIZE_VARIABLE];
    else process.env[CHUNK_SIZE_VARIABLE] = previous;
  }
  serviceChunkSize = chunkSize;
  const { index, errors } = await created;
  if (!index) throw new Error(`Pagefind could not start an index: ${errors.join("; ")}`);
  return index;
}

/** Stops the Pagefind process (the next index starts a new one). */
export async function closeSearchIndexes(): Promise<void> {
  serviceChunkSize = undefined;
  await pagefind.close();
}
