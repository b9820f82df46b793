import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DiagnosticLog } from "../shared/diagnostics.ts";
import { PageOutput } from "../output/pageOutput.ts";
import { createMarkdown } from "../markdown/index.ts";
import { SiteNavigation } from "../navigation/navigation.ts";
import { loadSettings, type Settings } from "../source/settings.ts";
import { loadSiteModel, normalisePathPrefix, type SiteModel } from "../source/model.ts";
import { clearSourceCache, displayPath } from "../source/sourceFile.ts";

/**
 * Folder holding package.json, `_includes/` (layouts) and `_data/site.yml`:
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
  GPC_SETTINGS: z.string().optional(),
  GPC_PATH_PREFIX: z.string().optional(),
  GPC_RELEASE_PAGES: z.enum(["0", "1"]).default("0"),
});

export interface BuildOptions {
  readonly contentDir: string;
  readonly pathPrefix: string;
  readonly strict: boolean;
  readonly settingsFile: string;
  /** Eleventy's writer is in dry run (set by the CLI for builds): pages are written and released as they render. */
  readonly releasePages: boolean;
}

export function readBuildOptions(contentDir: string, pathPrefix: string, env: NodeJS.ProcessEnv = process.env): BuildOptions {
  const parsed = envSchema.parse(env);
  return {
    contentDir: path.resolve(contentDir),
    pathPrefix: normalisePathPrefix(parsed.GPC_PATH_PREFIX ?? pathPrefix),
    strict: parsed.GPC_STRICT === "1",
    settingsFile: parsed.GPC_SETTINGS ?? path.join(PROJECT_ROOT, "_data/site.yml"),
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
  readonly settings: Settings;
  /** Content hashes of the compiled stylesheet and script, by site path (set by the assets plugin each build). */
  readonly assetVersions = new Map<string, string>();
  private model: SiteModel | undefined;
  private nav: SiteNavigation | undefined;

  constructor(readonly options: BuildOptions) {
    this.settings = loadSettings(options.settingsFile);
    this.output = new PageOutput(options.releasePages);
  }

  /** The site model, read once per build (read again for each whole rebuild in watch mode). */
  site(): SiteModel {
    this.model ??= loadSiteModel(this.options.contentDir, this.settings, this.options.pathPrefix, this.log);
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
