import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DiagnosticLog } from "../shared/diagnostics.ts";
import { PageOutput } from "../output/pageOutput.ts";
import { createMarkdown } from "../markdown/index.ts";
import { SiteNavigation } from "../navigation/navigation.ts";
import type { Settings } from "../source/settings.ts";
import { loadSiteModel, normalisePathPrefix, type SiteModel } from "../source/model.ts";
import { clearSourceCache, displayPath } from "../source/sourceFile.ts";

/**
 * Folder holding package.json and `_includes/` (the site's own templates):
 * the nearest folder above this module with the project's package.json (the
 * module runs from `src/` and from the CLI's bundle in `node_modules/.cache/`).
 */
export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "gpconnect-docs") return dir;
    if (path.dirname(dir) === dir) throw new Error(`no gpconnect-docs package.json above ${from}`);
  }
}

/** Options the CLI hands to the Eleventy config through the environment (Eleventy has no other channel). */
const envSchema = z.object({
  GPC_STRICT: z.enum(["0", "1"]).default("0"),
  GPC_PATH_PREFIX: z.string().optional(),
  GPC_RELEASE_PAGES: z.enum(["0", "1"]).default("0"),
});

export interface BuildOptions {
  readonly contentDir: string;
  /** The path prefix asked for (`--path-prefix`); undefined to take the tree's `baseurl`. */
  readonly pathPrefix: string | undefined;
  readonly strict: boolean;
  /** Eleventy's writer is in dry run (set by the CLI for builds): pages are written and released as they render. */
  readonly releasePages: boolean;
}

export function readBuildOptions(contentDir: string, pathPrefix: string | undefined, env: NodeJS.ProcessEnv = process.env): BuildOptions {
  const parsed = envSchema.parse(env);
  // Eleventy's own default ("/") is not a request: the tree's baseurl applies then.
  const asked = parsed.GPC_PATH_PREFIX ?? (pathPrefix && pathPrefix !== "/" ? pathPrefix : undefined);
  return {
    contentDir: path.resolve(contentDir),
    pathPrefix: asked === undefined ? undefined : normalisePathPrefix(asked),
    strict: parsed.GPC_STRICT === "1",
    releasePages: parsed.GPC_RELEASE_PAGES === "1",
  };
}

/** What every local plugin shares during one build: options, settings, the fault log, the site model. */
export class BuildContext {
  readonly log = new DiagnosticLog();
  /** One markdown-it instance for pages and for components' inline Markdown. */
  readonly md = createMarkdown();
  /** Where rendered pages go: written at once, and handed to the checks and search. */
  readonly output: PageOutput;
  /** Content hashes of the compiled stylesheet and script, by site path (set by the assets plugin each build). */
  readonly assetVersions = new Map<string, string>();
  private model: SiteModel | undefined;
  private nav: SiteNavigation | undefined;

  constructor(readonly options: BuildOptions) {
    this.output = new PageOutput(options.releasePages);
  }

  /** The tree's settings (its settings file, else what the tree says), read with the site model. */
  get settings(): Settings {
    return this.site().settings;
  }

  /** The site model, read once per build (read again for each whole rebuild in watch mode). */
  site(): SiteModel {
    this.model ??= loadSiteModel(this.options.contentDir, this.options.pathPrefix, this.log);
    return this.model;
  }

  /** Sidebars, breadcrumbs and neighbours of the site model, each sidebar rendered once per model. */
  navigation(): SiteNavigation {
    this.nav ??= new SiteNavigation(this.site());
    return this.nav;
  }

  /** An asset's URL under the path prefix, with its content hash so hosts can cache it for good. */
  assetUrl(assetPath: string): string {
    const version = this.assetVersions.get(assetPath);
    return this.site().url(assetPath) + (version ? `?v=${version}` : "");
  }

  private rebuilding: ReadonlySet<string> | undefined;

  /** Absolute paths of the pages a partial rebuild re-renders alone; undefined in a whole build. */
  get partial(): ReadonlySet<string> | undefined {
    return this.rebuilding;
  }

  /**
   * Starts a build. Given the pages a dev-server rebuild re-renders alone (Eleventy's incremental
   * build of a saved page), the site model and the other pages' faults carry over; otherwise
   * everything starts afresh.
   */
  startBuild(rerendered?: readonly string[]): void {
    clearSourceCache();
    if (rerendered) {
      this.rebuilding = new Set(rerendered.map((file) => path.resolve(file)));
      this.log.forgetFiles(new Set(rerendered.map((file) => displayPath(this.options.contentDir, file))));
      return;
    }
    this.rebuilding = undefined;
    this.model = undefined;
    this.nav = undefined;
    this.log.clear();
  }
}
