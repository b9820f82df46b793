import path from "node:path";
import type { Template } from "liquidjs";
import { DiagnosticLog } from "../shared/diagnostics.ts";
import { PageOutput } from "../output/pageOutput.ts";
import { createMarkdown } from "../markdown/index.ts";
import { SiteNavigation } from "../navigation/navigation.ts";
import { loadSettings, type Settings } from "../source/settings.ts";
import { loadSiteModel, type SiteModel } from "../source/model.ts";
import { displayPath, SourceLines } from "../source/sourceFile.ts";
import { normalisePathPrefix, PROJECT_ROOT } from "../shared/sitePaths.ts";
import { BuildLifecycle } from "./lifecycle.ts";

/** What a build is asked to do: the CLI parses its arguments into these and hands them to the configuration. */
export interface BuildOptions {
  /** The source tree (absolute). */
  readonly contentDir: string;
  /** With leading and trailing slashes: `/` or `/apis/gpconnect/`. */
  readonly pathPrefix: string;
  /** Every content warning fails the build. */
  readonly strict: boolean;
  /** The site settings file: `_data/site.yml` of the project unless given. */
  readonly settingsFile: string;
  /** Eleventy's writer is in dry run (builds): pages are written and released as they render. */
  readonly releasePages: boolean;
}

/** Options with the defaults filled in and paths resolved. */
export function buildOptions(options: { contentDir: string; pathPrefix?: string | undefined; strict?: boolean; settingsFile?: string | undefined; releasePages?: boolean }): BuildOptions {
  return {
    contentDir: path.resolve(options.contentDir),
    pathPrefix: normalisePathPrefix(options.pathPrefix),
    strict: options.strict ?? false,
    settingsFile: path.resolve(options.settingsFile ?? path.join(PROJECT_ROOT, "_data/site.yml")),
    releasePages: options.releasePages ?? false,
  };
}

/** What every local plugin shares during one build: options, settings, the fault log, the site model. */
export class BuildContext {
  readonly log = new DiagnosticLog();
  /** The plugins' start and end steps, run by the lifecycle plugin. */
  readonly lifecycle = new BuildLifecycle();
  /** One markdown-it instance for pages and for components' inline Markdown. */
  readonly md = createMarkdown();
  /** Where rendered pages go: written at once, and handed to the checks and search. */
  readonly output: PageOutput;
  /** Content hashes of the compiled stylesheet and script, by site path (set by the assets plugin each build). */
  readonly assetVersions = new Map<string, string>();
  /** Front-matter offsets of source files, for faults at the author's line (read once per build). */
  readonly sourceLines = new SourceLines();
  /** The tree's own `_includes/` files, parsed once per build. */
  readonly includeTemplates = new Map<string, Template[]>();
  private model: SiteModel | undefined;
  private nav: SiteNavigation | undefined;

  private currentSettings: Settings;

  constructor(readonly options: BuildOptions) {
    this.currentSettings = loadSettings(options.settingsFile);
    this.output = new PageOutput(options.releasePages);
  }

  /** The site settings, read again for each whole build (a dev-server edit of them takes effect). */
  get settings(): Settings {
    return this.currentSettings;
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
   * Starts a build, clearing what the build keeps of the tree. Given the pages a dev-server rebuild
   * re-renders alone (Eleventy's incremental build of a saved page), the settings, site model and
   * the other pages' faults carry over; otherwise everything is read afresh.
   */
  startBuild(rerendered?: readonly string[]): void {
    this.sourceLines.clear();
    this.includeTemplates.clear();
    if (rerendered) {
      this.rebuilding = new Set(rerendered.map((file) => path.resolve(file)));
      this.log.forgetFiles(new Set(rerendered.map((file) => displayPath(this.options.contentDir, file))));
      return;
    }
    this.rebuilding = undefined;
    this.currentSettings = loadSettings(this.options.settingsFile);
    this.model = undefined;
    this.nav = undefined;
    this.log.clear();
  }
}
