import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";
import { BuildError } from "../shared/diagnostics.ts";
import { globCanName, globOfFiles } from "../search/glob.ts";
import { closeSearchIndexes, createSearchIndex, type SearchIndex } from "../search/indexSettings.ts";
import { glossaryRecords } from "../search/records.ts";
import { indexedPages, renderSiteIndex, sidebarPath, type IndexedSidebar } from "../search/siteIndex.ts";
import { relativePath } from "../shared/sitePaths.ts";
import { listedPages } from "./sitePagesPlugin.ts";

/** Pages handed to Pagefind at a time: enough for its threads to share, few enough to start while the build renders. */
const BATCH = 64;

function failed(errors: readonly string[], step: string): never {
  throw new BuildError({ code: "search-index", file: "(search index)", message: `Pagefind could not ${step}: ${errors.join("; ")}`, hint: "run the build again with DEBUG=Eleventy* and report the message" });
}

/**
 * The Pagefind index, built with Pagefind's Node API as part of every build
 * and rebuild. Pagefind (its own process, on the other core) reads pages from
 * disk in batches as they are written, in parallel and while Eleventy goes on
 * rendering; the index is written to `pagefind/` once the last page is in.
 * Reading the files costs the renderer nothing, where sending each page's HTML
 * down Pagefind's pipe is handled one page at a time and falls behind.
 */
export function searchPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  let index: SearchIndex | undefined;
  let pending: Promise<{ errors: string[] }>[] = [];
  let batch: string[] = [];
  const outputDir = (): string => path.resolve((eleventyConfig.directories as { output: string }).output);
  const flush = (): void => {
    if (!index || batch.length === 0) return;
    pending.push(index.addDirectory({ path: outputDir(), glob: globOfFiles(batch) }));
    batch = [];
  };

  let writing: Promise<void> = Promise.resolve();

  // The site index (search.html), what search offers without JavaScript: `{{ collections.all | siteIndex | siteIndexHtml: collections.all }}`.
  eleventyConfig.addFilter("siteIndexHtml", (sidebars: IndexedSidebar[], all: Parameters<typeof indexedPages>[0] & Parameters<typeof listedPages>[0]) => {
    const pages = indexedPages(all);
    const listed = listedPages(all).flatMap((item) => (typeof item.url === "string" ? [pages.get(sidebarPath(item.url))!] : []));
    return renderSiteIndex(sidebars, listed, pages, context.site().url);
  });

  context.lifecycle.onStart(async ({ partial }) => {
    await writing;
    pending = [];
    batch = [];
    // A partial rebuild re-adds its pages to the index as it stands: Pagefind replaces a page added again under its URL.
    if (index && partial) return;
    if (index) await index.deleteIndex();
    index = await createSearchIndex().catch((error: unknown) => failed([error instanceof Error ? error.message : String(error)], "start"));
  });

  context.output.listen({
    written(page) {
      // Pages without `data-pagefind-body` (redirect stubs, `search: exclude`) are left out by Pagefind itself; skip reading them.
      if (!page.outputPath.endsWith(".html") || !page.html.includes("data-pagefind-body")) return;
      const file = relativePath(outputDir(), page.outputPath);
      if (!globCanName(file)) {
        // Site paths without the path prefix: Pagefind adds the folder it is served from.
        if (index) pending.push(index.addHTMLFile({ url: page.url, content: page.html }));
        return;
      }
      batch.push(file);
      if (batch.length >= BATCH) flush();
    },
  });

  // Pagefind writes the index in its own process while the checks run here.
  context.lifecycle.onHandOff(async ({ serving }) => {
    if (!index) return { done: Promise.resolve() };
    flush();
    const site = context.site();
    for (const record of glossaryRecords(site.glossary, (id) => `/${site.settings.glossaryPage}#${id}`)) {
      pending.push(index.addCustomRecord(record));
    }
    const added = pending;
    const target = index;
    pending = [];
    const allAdded = async (): Promise<void> => {
      const errors = (await Promise.all(added)).flatMap((result) => result.errors);
      if (errors.length > 0) failed(errors, "index every page");
    };
    const write = async (): Promise<void> => {
      const written = await target.writeFiles({ outputPath: path.join(outputDir(), "pagefind") });
      if (written.errors.length > 0) failed(written.errors, "write the index");
    };
    if (serving) {
      // Dev server: the index is written after the reload is sent (one write at a time), so a reload never waits on search.
      writing = writing.then(allAdded).then(write).catch((error: unknown) => console.error(error instanceof Error ? error.message : String(error)));
      return { done: Promise.resolve() };
    }
    await allAdded();
    const done = write().then(async () => {
      await target.deleteIndex();
      index = undefined;
      await closeSearchIndexes();
    });
    return { done };
  });
}
