import Eleventy from "@11ty/eleventy";
import { siteConfig } from "../../.eleventy.ts";
import type { BuildOptions } from "./context.ts";
import { rendersAlone } from "./lifecycle.ts";
import { commonFolder, fromWorkingFolder, PROJECT_ROOT } from "../shared/sitePaths.ts";
import { checkInternals, explainRebuildFailures, planRebuilds, quietTimingWarnings, renderOnly, withListenHost } from "./internals.ts";

async function createEleventy(options: BuildOptions, output: string, runMode: "build" | "serve"): Promise<Eleventy> {
  // Eleventy maps passthrough globs to output paths only for an input given relative to the working folder.
  const eleventy = new Eleventy(fromWorkingFolder(options.contentDir), output, {
    // The configuration is imported with the CLI (so it is bundled with it), not loaded from a file by Eleventy;
    // the options reach it as an argument.
    configPath: "",
    config: siteConfig(options),
    pathPrefix: options.pathPrefix,
    quietMode: true,
    runMode,
  });
  await eleventy.init();
  checkInternals(eleventy, runMode === "serve");
  quietTimingWarnings(eleventy);
  return eleventy;
}

/** One build into `output`; pages are written as they render (the writer only renders). */
export async function buildSite(options: BuildOptions, output: string): Promise<void> {
  const eleventy = await createEleventy({ ...options, releasePages: true }, output, "build");
  renderOnly(eleventy);
  // Our own summary replaces Eleventy's log; its error log would repeat the failure with a stack trace.
  eleventy.disableLogger();
  await eleventy.write();
}

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  /** The readable message for a failed rebuild, shown in the terminal and on the open page. */
  readonly explain: (error: unknown) => string;
}

/** The dev server: builds, then rebuilds on every save; never returns while it runs. */
export async function serveSite(options: BuildOptions, output: string, serve: ServeOptions): Promise<void> {
  // Eleventy's watcher reports changes under a `../` input relative to another folder than the one it compares
  // them with (11ty/eleventy#3854), and so ignores every edit there: serve from a folder holding the tree, the
  // output and the project, so that no path Eleventy watches starts with `..`. Every path is already absolute.
  process.chdir(commonFolder([options.contentDir, output, PROJECT_ROOT]));
  const eleventy = await createEleventy({ ...options, releasePages: false }, output, "serve");
  explainRebuildFailures(eleventy, serve.explain);
  // A saved page is re-rendered alone (the site model, other pages and the search index carry over); any other change rebuilds the site.
  planRebuilds(eleventy, await eleventy.watch(), (file, added) => rendersAlone(file, options.contentDir, added));
  await withListenHost(serve.host, () => eleventy.serve(serve.port));
}
