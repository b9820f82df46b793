import { readFileSync } from "node:fs";
import { Server } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Eleventy from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";

/**
 * Every place the project reaches past Eleventy's public API, in one module.
 * Each has no public equivalent in Eleventy 3.1 (the reason is given at each);
 * `checkInternals` verifies them all against the installed Eleventy as soon as
 * it is initialised, so an upgrade that moves one fails at start-up with a
 * message naming it, not halfway through a build.
 */

/** The versions these touch points were written against (package.json pins Eleventy exactly). */
export const TESTED_VERSIONS = { eleventy: "3.1.7", devServer: "2.1.2" } as const;

/** Eleventy's semver range for `eleventyConfig.versionCheck` (public API): the releases these touch points were read in. */
export const ELEVENTY_RANGE = ">=3.1.7 <3.2.0";

interface TemplateWriter {
  setDryRun(dryRun: boolean): void;
}
interface BenchmarkGroup {
  setIsVerbose(verbose: boolean): void;
}
interface DevServerBridge {
  sendError(event: { error: unknown }): Promise<void>;
}
interface ErrorLog {
  once(severity: string, error: unknown, message?: string): void;
}
/** The parts of an initialised Eleventy used below; none is in Eleventy's types. */
interface EleventyInternals {
  writer?: Partial<TemplateWriter>;
  bench?: { getAll?: () => Record<string, Partial<BenchmarkGroup>> };
  eleventyServe?: Partial<DevServerBridge>;
  errorHandler?: Partial<ErrorLog>;
}

const internals = (eleventy: Eleventy): EleventyInternals => eleventy as unknown as EleventyInternals;

function devServerVersion(): string {
  // The dev server is Eleventy's dependency, found from Eleventy's own folder.
  const fromEleventy = createRequire(import.meta.resolve("@11ty/eleventy"));
  return (JSON.parse(readFileSync(fromEleventy.resolve("@11ty/eleventy-dev-server/package.json"), "utf8")) as { version: string }).version;
}

/** Thrown at start-up when an internal this project relies on is not where it was. */
export class EleventyInternalsError extends Error {
  constructor(touchPoint: string, installed: string, tested: string) {
    super(
      `Eleventy's internals have changed: ${touchPoint} is missing (installed ${installed}, written for ${tested}).\n` +
        `  → run \`npm ci\` to install the pinned version, or update src/eleventy/internals.ts for the new one`,
    );
    this.name = "EleventyInternalsError";
  }
}

/** Checks every touch point below on an initialised Eleventy; `serving` adds the dev server's. */
export function checkInternals(eleventy: Eleventy, serving: boolean): void {
  const found = internals(eleventy);
  // Eleventy.getVersion() is public (documented, static) but missing from Eleventy's type declarations.
  const version = (Eleventy as unknown as { getVersion(): string }).getVersion();
  const require = (ok: boolean, touchPoint: string, installed = version, tested: string = TESTED_VERSIONS.eleventy): void => {
    if (!ok) throw new EleventyInternalsError(touchPoint, installed, tested);
  };
  require(typeof found.writer?.setDryRun === "function", "TemplateWriter#setDryRun (eleventy.writer)");
  require(typeof found.bench?.getAll === "function", "BenchmarkManager#getAll (eleventy.bench)");
  for (const [touchPoint, ok] of Object.entries({ ...isolationTouchPoints, ...tagIndexTouchPoints })) require(ok, touchPoint);
  if (!serving) return;
  require(typeof found.eleventyServe?.sendError === "function", "EleventyServe#sendError (eleventy.eleventyServe)");
  require(typeof found.errorHandler?.once === "function", "EleventyErrorHandler#once (eleventy.errorHandler)");
  const devServer = devServerVersion();
  require(devServer === TESTED_VERSIONS.devServer, "the dev server's one listen({ port }) call", `@11ty/eleventy-dev-server ${devServer}`, TESTED_VERSIONS.devServer);
}

/**
 * In a build, pages are written by the page-output transform as they render (src/output/), and Eleventy's
 * template writer only renders: it would otherwise keep every page's HTML until the build ends.
 * Passthrough copies are still Eleventy's. Public API has dry run only for the whole build (copies too).
 */
export function renderOnly(eleventy: Eleventy): void {
  internals(eleventy).writer!.setDryRun!(true);
}

/**
 * Pages are written in a transform, which Eleventy's timing warnings would single out on every build
 * ("page-output Transform 17%"); its benchmark groups made while the config loads stay verbose whatever
 * quietMode says, and no option reaches them. `npm run bench` measures instead.
 */
export function quietTimingWarnings(eleventy: Eleventy): void {
  for (const group of Object.values(internals(eleventy).bench!.getAll!())) group.setIsVerbose?.(false);
}

/**
 * Eleventy hands a failed rebuild's error to its dev server, which forwards it
 * to every open page; the page shows only its top-level message, and no option
 * changes what is sent. Send our readable explanation (file, line, what to do)
 * instead, and print it in the terminal in place of Eleventy's error chain and
 * stack trace (its error log has no public switch either).
 */
export function explainRebuildFailures(eleventy: Eleventy, explain: (error: unknown) => string): void {
  // checkInternals has verified both are there.
  const found = eleventy as unknown as { eleventyServe: DevServerBridge; errorHandler: ErrorLog };
  found.errorHandler.once = () => undefined;
  const bridge = found.eleventyServe;
  const send = bridge.sendError.bind(bridge);
  bridge.sendError = ({ error }) => {
    const message = explain(error);
    console.error(message);
    return send({ error: { message } });
  };
}

type WatchRun = (changedPath: string) => Promise<void>;
interface Watcher {
  on(event: "add" | "unlink", listener: (changedPath: string) => void): void;
}
interface WatchManager {
  pendingQueue: string[];
  setBuildRunning(): void;
}

/**
 * Eleventy's incremental mode is set once for the whole watch: each rebuild then takes the first queued
 * change alone and re-renders only the templates it finds relevant, whatever that change is. A deleted
 * page (which its watcher only forgets, without a rebuild), an added one (not yet read: "templateRender has
 * not yet initialized") or a data file saved while a rebuild was running was then re-rendered alone, and
 * the pages that link to it or read it were not. Each rebuild is decided as it starts instead (the one
 * moment Eleventy takes its queue, `EleventyWatch#setBuildRunning`): the next queued change is re-rendered
 * alone when `rendersAlone` says so, taken alone as Eleventy takes it; otherwise every queued change goes
 * into one whole rebuild. `watch()` resolves to the function a change runs ("for testability", not
 * documented), the watcher is `eleventy.watcher` and the queue `eleventy.watchManager`.
 */
export function planRebuilds(eleventy: Eleventy, watchRun: unknown, rendersAlone: (file: string, added: ReadonlySet<string>) => boolean): void {
  const found = eleventy as unknown as { watcher?: Partial<Watcher>; watchManager?: Partial<WatchManager> };
  const version = (Eleventy as unknown as { getVersion(): string }).getVersion();
  const require = (ok: boolean, touchPoint: string): void => {
    if (!ok) throw new EleventyInternalsError(touchPoint, version, TESTED_VERSIONS.eleventy);
  };
  require(typeof watchRun === "function", "the change handler Eleventy#watch() resolves to");
  require(typeof found.watcher?.on === "function", "Eleventy#watcher (chokidar)");
  require(typeof found.watchManager?.setBuildRunning === "function" && Array.isArray(found.watchManager.pendingQueue), "Eleventy#watchManager (EleventyWatch#setBuildRunning, #pendingQueue)");
  const manager = found.watchManager as WatchManager;
  // Files added since the last whole rebuild, absolute (the queue names them relative to the working folder).
  const added = new Set<string>();
  found.watcher!.on!("add", (changedPath) => added.add(path.resolve(changedPath)));
  found.watcher!.on!("unlink", (changedPath) => void (watchRun as WatchRun)(changedPath));
  const setBuildRunning = manager.setBuildRunning.bind(manager);
  manager.setBuildRunning = () => {
    const next = manager.pendingQueue[0];
    const alone = next !== undefined && rendersAlone(path.resolve(next), added);
    // In incremental mode the queue gives up its first change only; otherwise all of them.
    eleventy.setIncrementalBuild(alone);
    if (!alone) added.clear();
    setBuildRunning();
  };
}

/**
 * Eleventy's dev server (2.x) listens on every interface and has no option
 * to choose one (`setServerOptions` has none). Until it has, the one `listen`
 * call it makes while starting is given the host to bind: 127.0.0.1 unless the
 * author asks for another.
 */
export async function withListenHost<T>(host: string, start: () => Promise<T>): Promise<T> {
  const original = Server.prototype.listen;
  // `listen` is overloaded many ways; only the options-object form Eleventy uses is rewritten.
  Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    const [first] = args;
    if (typeof first === "object" && first !== null && !("host" in first)) args[0] = { ...first, host };
    return (original as (...a: unknown[]) => Server).apply(this, args);
  } as typeof Server.prototype.listen;
  try {
    return await start();
  } finally {
    Server.prototype.listen = original;
  }
}

/**
 * One broken page must not stop the build: every other page still renders, so
 * the author sees every fault of the tree in one run.
 *
 * Eleventy 3 aborts a whole build when one template fails to render, and has
 * no option or hook for it (a preprocessor can skip a template, but only before
 * it renders). `Template#renderPageEntryWithoutLayout`, where a page's content
 * renders, is wrapped for configurations that ask with `isolatePageFailures`: a
 * failure is reported and the page is neither laid out nor written.
 */
export interface PageFailureHandler {
  /** A page failed to render: it is left out of the output. `url` is where it would have been published. */
  renderFailed(inputPath: string, url: string | false, error: unknown): void;
}

interface PageEntry {
  inputPath: string;
  outputPath: string | false;
  url: string | false;
}

interface TemplateInternals {
  inputPath: string;
  eleventyConfig: { userConfig: object };
  setRenderableOverride(value: boolean | undefined): void;
}

const handlers = new WeakMap<object, PageFailureHandler>();

// Template and its error helper are not exported by Eleventy's package (its exports name "." and "./UserConfig" only): they are loaded by file
// from Eleventy's own folder, which is the same module instance Eleventy itself uses.
const eleventySource = path.dirname(fileURLToPath(import.meta.resolve("@11ty/eleventy")));
// A file that is not there leaves its touch point missing, which checkInternals reports.
const load = async <T>(file: string): Promise<T | undefined> => {
  try {
    return ((await import(pathToFileURL(path.join(eleventySource, file)).href)) as { default: T }).default;
  } catch {
    return undefined;
  }
};

type RenderMethod = (this: TemplateInternals, page: PageEntry) => Promise<unknown>;
const Template = await load<{ prototype: { renderPageEntryWithoutLayout: RenderMethod } }>("Template.js");
const ErrorUtil = await load<{ isPrematureTemplateContentError(error: unknown): boolean }>("Errors/EleventyErrorUtil.js");
/** Whether the method and its helper were found (checked by checkInternals). */
const isolationTouchPoints = {
  "Template#renderPageEntryWithoutLayout": typeof Template?.prototype?.renderPageEntryWithoutLayout === "function",
  "EleventyErrorUtil.isPrematureTemplateContentError": typeof ErrorUtil?.isPrematureTemplateContentError === "function",
};

/** Leaves a page out: not rendered again, not laid out, not written, its URL free. */
function leaveOut(template: TemplateInternals, page: PageEntry): void {
  template.setRenderableOverride(false);
  page.outputPath = false;
  page.url = false;
}

const render = Template?.prototype.renderPageEntryWithoutLayout;
if (Template && isolationTouchPoints["Template#renderPageEntryWithoutLayout"]) Template.prototype.renderPageEntryWithoutLayout = async function (this: TemplateInternals, page: PageEntry) {
  try {
    return await render!.call(this, page);
  } catch (error) {
    const handler = handlers.get(this.eleventyConfig.userConfig);
    // A page that used another's content too early is rendered again by Eleventy, later.
    if (!handler || ErrorUtil?.isPrematureTemplateContentError(error)) throw error;
    handler.renderFailed(this.inputPath, page.url, error);
    leaveOut(this, page);
    return "";
  }
};

/** Reports a broken page to `handler` and leaves it out, instead of failing the build. */
export function isolatePageFailures(eleventyConfig: UserConfig, handler: PageFailureHandler): void {
  handlers.set(eleventyConfig, handler);
}

/**
 * Eleventy makes a collection of every tag in the site's front matter by sorting and filtering every
 * page once per tag (`TemplateCollection#getFilteredByTag`), a cost that grows with tags × pages (72 s
 * of a 15,000-page build), and no option turns tag collections off. The pages are grouped by tag once
 * for each state of the collection instead: the same pages in the same order, at the cost of one pass.
 */
interface CollectionInternals {
  items: unknown[];
  getAllSorted(): { data: unknown }[];
}
type FilterByTag = (this: CollectionInternals, tagName?: string) => unknown[];
const TemplateCollection = await load<{ prototype: { getFilteredByTag: FilterByTag; getAllSorted?: unknown } }>("TemplateCollection.js");
const TemplateData = await load<{ getIncludedTagNames(data: unknown): string[] }>("Data/TemplateData.js");
/** Whether the method and its helpers were found (checked by checkInternals). */
const tagIndexTouchPoints = {
  "TemplateCollection#getFilteredByTag": typeof TemplateCollection?.prototype?.getFilteredByTag === "function" && typeof TemplateCollection.prototype.getAllSorted === "function",
  "TemplateData.getIncludedTagNames": typeof TemplateData?.getIncludedTagNames === "function",
};
const byTagOf = new WeakMap<CollectionInternals, { size: number; byTag: Map<string, unknown[]> }>();
const filterByTag = TemplateCollection?.prototype.getFilteredByTag;
if (TemplateCollection && TemplateData && Object.values(tagIndexTouchPoints).every(Boolean)) {
  TemplateCollection.prototype.getFilteredByTag = function (this: CollectionInternals, tagName?: string) {
    if (!tagName) return filterByTag!.call(this, tagName);
    let index = byTagOf.get(this);
    // Pages are only ever added to a collection: a new size is a new state.
    if (index?.size !== this.items.length) {
      index = { size: this.items.length, byTag: new Map() };
      for (const item of this.getAllSorted()) {
        for (const tag of new Set(TemplateData.getIncludedTagNames(item.data))) {
          const list = index.byTag.get(tag);
          if (list) list.push(item);
          else index.byTag.set(tag, [item]);
        }
      }
      byTagOf.set(this, index);
    }
    return [...(index.byTag.get(tagName) ?? [])];
  };
}

type YamlLoader = (text: string, options?: unknown) => unknown;

/**
 * The YAML front-matter engine configured so far (Eleventy's own js-yaml `load`, or a plugin's wrapper of it),
 * so that each wrapper reads YAML exactly as Eleventy would. `setFrontMatterParsingOptions` can replace an
 * engine but not read one; it sits in the configuration's `frontMatterParsingOptions`, not in Eleventy's types.
 */
export function eleventyYamlLoader(eleventyConfig: UserConfig): YamlLoader {
  const options = (eleventyConfig as unknown as { frontMatterParsingOptions?: { engines?: { yaml?: unknown } } }).frontMatterParsingOptions;
  const load = options?.engines?.yaml;
  if (typeof load !== "function") throw new EleventyInternalsError("UserConfig#frontMatterParsingOptions.engines.yaml", (Eleventy as unknown as { getVersion(): string }).getVersion(), TESTED_VERSIONS.eleventy);
  return load as YamlLoader;
}
