import path from "node:path";
import type { Template } from "liquidjs";
import { DiagnosticLog } from "../shared/diagnostics.ts";
import { PageOutput } from "../output/pageOutput.ts";
import { createMarkdown } from "../markdown/index.ts";
import { slugify } from "../markdown/headingIds.ts";
import { SiteNavigation } from "../navigation/navigation.ts";
import type { Settings } from "../source/settings.ts";
import { loadSiteModel, type SiteModel } from "../source/model.ts";
import { displayPath, SourceLines } from "../source/sourceFile.ts";
import { normalisePathPrefix } from "../shared/sitePaths.ts";
import { BuildLifecycle } from "./lifecycle.ts";
import { PageFrames } from "./layoutPlugin.ts";
import { SiteIndexes } from "../theme/pageData.ts";
import { TaggedPages } from "../jekyll/includeTag.ts";

/** What a build is asked to do: the CLI parses its arguments into these and hands them to the configuration. */
export interface BuildOptions {
  /** The source tree (absolute). */
  readonly contentDir: string;
  /** With leading and trailing slashes: `/` or `/apis/gpconnect/`; undefined for the tree's `baseurl` (else `/`). */
  readonly pathPrefix: string | undefined;
  /** Every content warning fails the build. */
  readonly strict: boolean;
  /** A settings file to use instead of the tree's own `_gpconnect-docs.yml` (if it has one). */
  readonly settingsFile: string | undefined;
  /** Eleventy's writer is in dry run (builds): pages are written and released as they render. */
  readonly releasePages: boolean;
  /** List every accepted fault, not only their count. */
  readonly verbose: boolean;
  /** `--report`: "json" prints the faults as JSON on stdout; any other value is a file to write them to. */
  readonly report: string | undefined;
  /** Print each fault as a GitHub Actions workflow command too, with paths from this workspace. */
  readonly annotations: { readonly workspace: string } | undefined;
  /** `--commit-dates`: each file's last commit date from this JSON file, for a tree that is not a git checkout; undefined: from git. */
  readonly commitDates: string | undefined;
}

/** Options with the defaults filled in and paths resolved. */
export function buildOptions(options: {
  contentDir: string;
  pathPrefix?: string | undefined;
  strict?: boolean;
  settingsFile?: string | undefined;
  releasePages?: boolean;
  verbose?: boolean;
  report?: string | undefined;
  annotations?: { workspace: string } | undefined;
  commitDates?: string | undefined;
}): BuildOptions {
  return {
    contentDir: path.resolve(options.contentDir),
    pathPrefix: options.pathPrefix === undefined ? undefined : normalisePathPrefix(options.pathPrefix),
    strict: options.strict ?? false,
    settingsFile: options.settingsFile === undefined ? undefined : path.resolve(options.settingsFile),
    releasePages: options.releasePages ?? false,
    verbose: options.verbose ?? false,
    // A report file named relative to where the command ran (the dev server changes its working folder).
    report: options.report === undefined || options.report === "json" ? options.report : path.resolve(options.report),
    annotations: options.annotations,
    commitDates: options.commitDates === undefined ? undefined : path.resolve(options.commitDates),
  };
}

/**
 * What the dev server has published, kept across its configuration reloads: a save of `_config.yml` or
 * the settings makes a new context, and the next rebuild must still know which outputs the last one wrote
 * (a page the save excludes, renames or deletes leaves the served site).
 */
export class ServedSite {
  /** Output paths of every page and file the last whole build published. */
  published: ReadonlySet<string> = new Set();
  /** The dev server's build under way, counted from 1; undefined in a one-off build, whose pages carry none. */
  revision: number | undefined;
  /** The build that last wrote each page, by site path: a page opened while a rebuild wrote it is out of date. */
  readonly pageRevisions = new Map<string, number>();
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
  /** Pages by tag, for tag pages: made again whenever Eleventy's page list is a new one. */
  readonly taggedPages = new TaggedPages();
  /** Pages' data noted by the layout, until each page is written in its frame. */
  readonly frames = new PageFrames();
  /** Tag pages and earlier editions of the whole site, for pages' data. */
  readonly indexes = new SiteIndexes();
  private model: SiteModel | undefined;
  /** Whether a build has started with the model read so far. */
  private modelBuilt = false;
  private nav: SiteNavigation | undefined;

  constructor(
    readonly options: BuildOptions,
    readonly served: ServedSite = new ServedSite(),
  ) {
    this.output = new PageOutput(options.releasePages, (page) => this.frames.frame(this, page));
  }

  /** The tree's settings, read with the site model (again for each whole build, so a dev-server edit of them takes effect). */
  get settings(): Settings {
    return this.site().settings;
  }

  /** The site model, read once per build (read again for each whole rebuild in watch mode). */
  site(): SiteModel {
    this.model ??= loadSiteModel(this.options.contentDir, this.options.pathPrefix, this.log, slugify, this.options.settingsFile);
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
    this.frames.clear();
    this.indexes.clear();
    if (rerendered) {
      this.rebuilding = new Set(rerendered.map((file) => path.resolve(file)));
      this.log.forgetFiles(new Set(rerendered.map((file) => displayPath(this.options.contentDir, file))));
      return;
    }
    this.rebuilding = undefined;
    // The configuration reads the model (and logs its faults) to set Eleventy up for the first build,
    // which goes on with it rather than reading the tree twice; every later whole build reads it afresh.
    if (this.modelBuilt) {
      this.model = undefined;
      this.nav = undefined;
      this.log.clear();
    }
    this.modelBuilt = true;
  }
}
