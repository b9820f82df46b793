import { existsSync } from "node:fs";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext, BuildOptions } from "./context.ts";
import { CONFIG_FILE } from "../source/jekyllConfig.ts";
import { SETTINGS_FILE } from "../source/settings.ts";
import { fromWorkingFolder, isInside, relativePath } from "../shared/sitePaths.ts";

/** What a plugin's start and end steps are told about the build. */
export interface BuildEvent {
  /** The output folder (absolute). */
  readonly outputDir: string;
  /** Pages a partial rebuild re-renders alone (absolute); undefined in a whole build. */
  readonly partial: ReadonlySet<string> | undefined;
  /** The dev server's rebuilds (watch or serve), not a one-off build. */
  readonly serving: boolean;
}

type Step = (build: BuildEvent) => void | Promise<void>;

/** What a hand-off step has handed to another process, and will be done when that work is. */
export interface HandedOff {
  readonly done: Promise<void>;
}

type HandOff = (build: BuildEvent) => Promise<HandedOff>;

/**
 * The steps each build runs in the plugins, registered here instead of on
 * Eleventy's events so that one module owns the order: the build is started
 * first (every cache cleared, whole or partial decided), then every start step
 * runs. Once Eleventy has rendered the last page (and every page is on disk),
 * the hand-off steps give their last work to another process (Pagefind writing
 * the index); the end steps (checks, summary) run while that work goes on, and
 * the close steps once all of it is done. Steps of one phase start in the order
 * they were registered and run together (as Eleventy runs its listeners); a
 * failing step fails the build.
 */
export class BuildLifecycle {
  private readonly startSteps: Step[] = [];
  private readonly handOffSteps: HandOff[] = [];
  private readonly endSteps: Step[] = [];
  private readonly closeSteps: Step[] = [];

  onStart(step: Step): void {
    this.startSteps.push(step);
  }

  onHandOff(step: HandOff): void {
    this.handOffSteps.push(step);
  }

  onEnd(step: Step): void {
    this.endSteps.push(step);
  }

  onClose(step: Step): void {
    this.closeSteps.push(step);
  }

  async started(build: BuildEvent): Promise<void> {
    await Promise.all(this.startSteps.map((step) => step(build)));
  }

  async ended(build: BuildEvent): Promise<void> {
    const handedOff = await Promise.all(this.handOffSteps.map((step) => step(build)));
    // The work handed off is waited for even when an end step fails (the build then fails with the end step's
    // reason): nothing may still be writing into the output folder when the build is over.
    const [ending, handed] = await Promise.allSettled([Promise.all(this.endSteps.map(async (step) => step(build))), Promise.all(handedOff.map((work) => work.done))]);
    if (ending.status === "rejected") throw ending.reason;
    if (handed.status === "rejected") throw handed.reason;
    await Promise.all(this.closeSteps.map((step) => step(build)));
  }
}

/**
 * What every page may read besides itself, as Eleventy watch targets: the tree's `_includes/`,
 * `_layouts/` and `_data/`, which a whole rebuild reads afresh; and the files the configuration
 * itself is made from (`_config.yml`: what is a page, what is ignored or copied; the settings),
 * which reset it. Paths are relative to the working folder, as Eleventy names its input.
 */
function treeInputs(options: BuildOptions): { rebuild: string[]; resetConfig: string[] } {
  const tree = fromWorkingFolder(options.contentDir);
  return {
    rebuild: [`${tree}/_includes/**`, `${tree}/_layouts/**`, `${tree}/_data/**`],
    resetConfig: [`${tree}/${CONFIG_FILE}`, options.settingsFile ? fromWorkingFolder(options.settingsFile) : `${tree}/${SETTINGS_FILE}`],
  };
}

/**
 * Whether a dev-server rebuild may re-render this saved file alone (Eleventy's incremental build): it is a
 * page of the tree (not data, an include, a layout or the settings, which every page reads) that the last
 * whole build read (not added since) and that is still there (a deleted or renamed page changes the site
 * itself: a whole rebuild reads the tree again).
 */
export function rendersAlone(file: string, contentDir: string, added: ReadonlySet<string>): boolean {
  const relative = relativePath(contentDir, file);
  return (
    isInside(contentDir, file) &&
    /\.(md|markdown|html)$/i.test(relative) &&
    !relative.split("/").some((part) => part.startsWith("_")) &&
    path.posix.basename(relative) !== "README.md" &&
    !added.has(file) &&
    existsSync(file)
  );
}

/**
 * The one owner of the build lifecycle: the only plugin that listens to
 * Eleventy's `eleventy.beforeWatch`, `eleventy.before` and `eleventy.after`.
 * It watches the tree's shared inputs, starts each build (partial when
 * Eleventy re-renders one saved page alone, see `rendersAlone`; else whole,
 * which clears every cache the build keeps) and runs the plugins' steps.
 */
export function lifecyclePlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  // The tree's `_` folders and files are not pages (Eleventy ignores them), but a change to one must rebuild the pages that read it.
  const inputs = treeInputs(context.options);
  for (const target of inputs.rebuild) eleventyConfig.addWatchTarget(target);
  for (const target of inputs.resetConfig) eleventyConfig.addWatchTarget(target, { resetConfig: true });
  let saved: string[] = [];
  eleventyConfig.on("eleventy.beforeWatch", (changed: string[]) => {
    saved = changed;
  });
  eleventyConfig.on("eleventy.before", async ({ incremental, directories, runMode }: { incremental: boolean; directories: { output: string }; runMode: string }) => {
    // Eleventy re-renders the saved page alone when src/eleventy/run.ts decided it may (rendersAlone), and says so; the first build is whole.
    context.startBuild(incremental && saved.length > 0 ? saved : undefined);
    saved = [];
    await context.lifecycle.started({ outputDir: path.resolve(directories.output), partial: context.partial, serving: runMode !== "build" });
  });
  eleventyConfig.on("eleventy.after", async ({ directories, runMode }: { directories: { output: string }; runMode: string }) => {
    await context.output.settled();
    await context.lifecycle.ended({ outputDir: path.resolve(directories.output), partial: context.partial, serving: runMode !== "build" });
  });
}
