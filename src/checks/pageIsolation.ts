import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type UserConfig from "@11ty/eleventy/UserConfig";

/**
 * One broken page must not stop the build: every other page still renders, so
 * the author sees every fault of the tree in one run.
 *
 * Eleventy 3 aborts a whole build when one template fails to render, or when
 * two pages claim one output file, and has no option or hook for either (a
 * preprocessor can skip a template, but only before it renders, and before its
 * URL is known). These are the only two of its internals this project replaces;
 * both wrap the original method, and both act only for configurations that
 * asked for it here:
 * - `Template#renderPageEntryWithoutLayout` (where a page's content renders):
 *   a failure is reported and the page is neither laid out nor written;
 * - `TemplateMap#checkForDuplicatePermalinks`: pages after the first that claim
 *   an output file are reported and left out before Eleventy's own check runs.
 */
export interface PageFailureHandler {
  /** A page failed to render: it is left out of the output. `url` is where it would have been published. */
  renderFailed(inputPath: string, url: string | false, error: unknown): void;
  /** `inputPath` claims the output file `keptInputPath` already writes: it is left out. */
  outputClaimed(inputPath: string, outputPath: string, keptInputPath: string): void;
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

interface MapEntry {
  inputPath: string;
  template: TemplateInternals;
  _pages?: PageEntry[];
}

interface TemplateMapInternals {
  map: MapEntry[];
  userConfig: object;
}

const handlers = new WeakMap<object, PageFailureHandler>();

const eleventySource = path.dirname(createRequire(import.meta.url).resolve("@11ty/eleventy"));
const load = async <T>(file: string): Promise<T> => ((await import(pathToFileURL(path.join(eleventySource, file)).href)) as { default: T }).default;

type RenderMethod = (this: TemplateInternals, page: PageEntry) => Promise<unknown>;
type CheckMethod = (this: TemplateMapInternals) => void;
const Template = await load<{ prototype: { renderPageEntryWithoutLayout: RenderMethod } }>("Template.js");
const TemplateMap = await load<{ prototype: { checkForDuplicatePermalinks: CheckMethod } }>("TemplateMap.js");
const ErrorUtil = await load<{ isPrematureTemplateContentError(error: unknown): boolean }>("Errors/EleventyErrorUtil.js");
if (typeof Template.prototype.renderPageEntryWithoutLayout !== "function" || typeof TemplateMap.prototype.checkForDuplicatePermalinks !== "function") {
  throw new Error(`this Eleventy version (${eleventySource}) has no Template#renderPageEntryWithoutLayout or TemplateMap#checkForDuplicatePermalinks: src/checks/pageIsolation.ts needs updating for it`);
}

/** Leaves a page out: not rendered again, not laid out, not written, its URL free. */
function leaveOut(template: TemplateInternals, page: PageEntry): void {
  template.setRenderableOverride(false);
  page.outputPath = false;
  page.url = false;
}

const render = Template.prototype.renderPageEntryWithoutLayout;
Template.prototype.renderPageEntryWithoutLayout = async function (this: TemplateInternals, page: PageEntry) {
  try {
    return await render.call(this, page);
  } catch (error) {
    const handler = handlers.get(this.eleventyConfig.userConfig);
    // A page that used another's content too early is rendered again by Eleventy, later.
    if (!handler || ErrorUtil.isPrematureTemplateContentError(error)) throw error;
    handler.renderFailed(this.inputPath, page.url, error);
    leaveOut(this, page);
    return "";
  }
};

const checkDuplicates = TemplateMap.prototype.checkForDuplicatePermalinks;
TemplateMap.prototype.checkForDuplicatePermalinks = function (this: TemplateMapInternals) {
  const handler = handlers.get(this.userConfig);
  if (handler) {
    const claimed = new Map<string, string>();
    const entries = [...this.map].sort((a, b) => (a.inputPath < b.inputPath ? -1 : a.inputPath > b.inputPath ? 1 : 0));
    for (const entry of entries) {
      for (const page of entry._pages ?? []) {
        if (page.outputPath === false || page.url === false) continue;
        const kept = claimed.get(page.outputPath);
        if (kept === undefined) {
          claimed.set(page.outputPath, entry.inputPath);
          continue;
        }
        handler.outputClaimed(entry.inputPath, page.outputPath, kept);
        leaveOut(entry.template, page);
      }
    }
  }
  checkDuplicates.call(this);
};

/** Reports a broken page to `handler` and leaves it out, instead of failing the build. */
export function isolatePageFailures(eleventyConfig: UserConfig, handler: PageFailureHandler): void {
  handlers.set(eleventyConfig, handler);
}
