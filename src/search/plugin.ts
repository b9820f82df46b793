import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import * as pagefind from "pagefind";
import type { BuildContext } from "../build/context.ts";
import { BuildError } from "../checks/diagnostics.ts";
import { glossaryRecords } from "./records.ts";

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>["index"]>;

function failed(errors: readonly string[], step: string): never {
  throw new BuildError({ code: "search-index", file: "(search index)", message: `Pagefind could not ${step}: ${errors.join("; ")}`, hint: "run the build again with DEBUG=Eleventy* and report the message" });
}

/**
 * The Pagefind index, built with Pagefind's Node API as part of every build
 * and rebuild. Pages are handed to Pagefind (its own process) as Eleventy
 * renders them, so indexing runs alongside rendering; the index is written
 * to `pagefind/` once the last page is in.
 */
export function searchPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  let index: PagefindIndex | undefined;
  let pending: Promise<unknown>[] = [];

  eleventyConfig.on("eleventy.before", async () => {
    if (index) await index.deleteIndex();
    pending = [];
    const created = await pagefind.createIndex({ forceLanguage: "en", excludeSelectors: [".app-heading__anchor"] });
    if (!created.index) failed(created.errors, "start");
    index = created.index;
  });

  eleventyConfig.addTransform("search-index", function (this: { page: { url: string | false; outputPath: string | false } }, content: string) {
    const { url, outputPath } = this.page;
    if (index && url && typeof outputPath === "string" && outputPath.endsWith(".html") && content.includes("data-pagefind-body")) {
      // Site paths without the path prefix: Pagefind adds the folder it is served from.
      pending.push(index.addHTMLFile({ url, content }));
    }
    return content;
  });

  eleventyConfig.on("eleventy.after", async ({ directories, runMode }: { directories: { output: string }; runMode: string }) => {
    if (!index) return;
    const site = context.site();
    for (const record of glossaryRecords(site.glossary, (id) => `/${site.settings.glossaryPage}#${id}`)) {
      pending.push(index.addCustomRecord(record));
    }
    const added = (await Promise.all(pending)) as { errors: string[] }[];
    const errors = added.flatMap((result) => result.errors);
    if (errors.length > 0) failed(errors, "index every page");
    const written = await index.writeFiles({ outputPath: path.resolve(directories.output, "pagefind") });
    if (written.errors.length > 0) failed(written.errors, "write the index");
    if (runMode === "build") {
      await index.deleteIndex();
      index = undefined;
      await pagefind.close();
    }
  });
}
