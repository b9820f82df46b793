import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { displayPath } from "../source/sourceFile.ts";
import { SETTINGS_FILE } from "../source/settings.ts";
import { relativePath } from "../shared/sitePaths.ts";
import { countFaults, formatDiagnostic, partitionAccepted, sortDiagnostics, staleFaultDiagnostic, summarise, type Diagnostic } from "../shared/diagnostics.ts";
import { brokenSave } from "../checks/brokenSave.ts";
import { chainMessages, diagnoseError, nestingProblem } from "../checks/failures.ts";
import { FRONT_MATTER_FAULTS, readFrontMatter, type FrontMatterFault, type YamlLoad } from "../checks/frontMatter.ts";
import { checkLinks, readLinks, type PageLinks } from "../checks/links.ts";
import { githubAnnotations, reportEntry, type Report } from "../checks/report.ts";
import { checkSidebarLinks } from "../checks/sidebarLinks.ts";
import { findTextFaults } from "../checks/sourceText.ts";
import { eleventyYamlLoader, isolatePageFailures } from "./internals.ts";

export class ContentFaultsError extends Error {
  /** `details`: the failing faults, for where the summary above is not in view (the dev server's page). */
  constructor(
    message: string,
    readonly details?: string,
  ) {
    super(message);
    this.name = "ContentFaultsError";
  }
}

/**
 * Front matter is read by `readFrontMatter` through Eleventy's own YAML engine (js-yaml), so pages read
 * exactly as before; its faults travel with the page's data (Eleventy reads a page's front matter once and
 * keeps it across dev-server rebuilds) for the preprocessor to report.
 */
function lenientFrontMatter(eleventyConfig: UserConfig): (data: unknown) => FrontMatterFault[] {
  const load: YamlLoad = eleventyYamlLoader(eleventyConfig);
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: (text: string, parsing?: { filePath?: string }) => {
        const { data, faults } = readFrontMatter(load, text, parsing?.filePath ?? "");
        return faults.length > 0 ? { ...data, [FRONT_MATTER_FAULTS]: faults } : data;
      },
    },
  });
  return (data) => ((data as Record<string, unknown> | undefined)?.[FRONT_MATTER_FAULTS] as FrontMatterFault[] | undefined) ?? [];
}

/**
 * Starts each build (and each watch-mode rebuild) with a fresh list of pages' links (a partial
 * rebuild keeps the other pages'); ends it with the faults grouped by file and counted, and the
 * page count and time. A page that cannot be read or rendered is reported at its line and left
 * out; every other page still renders, so one build finds every fault. A build with errors (or,
 * with --strict, warnings) fails; the dev server keeps running and shows why on every page.
 */
export function checksPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  // The first build counts from the process's start (what a `build` command costs); each rebuild, from its own start.
  let started = 0;
  let builds = 0;
  const outputDir = (): string => path.resolve((eleventyConfig.directories as { output: string }).output);
  const shown = (file: string): string => displayPath(context.options.contentDir, file);
  // The settings file on disk: the one given with --settings, else the tree's own.
  const settingsPath = context.options.settingsFile ?? path.join(context.options.contentDir, SETTINGS_FILE);
  // What the link checks need of each page, read as it renders (the page itself is not kept).
  const pages = new Map<string, PageLinks>();
  // Pages left out of this build for their errors (absolute source paths).
  const leftOut = new Set<string>();
  // Where each source file was last published (kept across dev-server rebuilds), to show a page its own faults.
  const urlOf = new Map<string, string>();
  const remember = (inputPath: string, url: string | false): void => {
    if (url) urlOf.set(shown(inputPath), context.site().url(url));
  };
  context.lifecycle.onStart(({ partial }) => {
    if (builds++ > 0) started = performance.now();
    if (!partial) {
      pages.clear();
      leftOut.clear();
    }
    for (const [key, page] of pages) if (partial?.has(page.inputPath)) pages.delete(key);
    for (const file of leftOut) if (partial?.has(file)) leftOut.delete(file);
  });
  context.output.listen({
    rendered(page) {
      if (!page.outputPath.endsWith(".html")) return;
      const outputPath = relativePath(outputDir(), page.outputPath);
      pages.set(outputPath, { file: shown(page.inputPath), inputPath: path.resolve(page.inputPath), outputPath, ...(page.links ?? readLinks(page.html)) });
      remember(page.inputPath, page.url);
    },
  });

  isolatePageFailures(eleventyConfig, {
    renderFailed(inputPath, url, error) {
      leftOut.add(path.resolve(inputPath));
      remember(inputPath, url);
      const diagnosis = diagnoseError(error, shown, context.sourceLines) ??
        nestingProblem(error, shown(inputPath)) ?? { code: "render", file: shown(inputPath), message: chainMessages(error).join(": "), hint: "run with DEBUG=Eleventy* for Eleventy's full trace" };
      context.log.error({ ...diagnosis, message: `${diagnosis.message}${diagnosis.file === shown(inputPath) ? "" : ` (in ${shown(inputPath)})`}; the page is left out of the site` });
    },
  });

  const frontMatterFaults = lenientFrontMatter(eleventyConfig);
  eleventyConfig.addPreprocessor("source-faults", "md,html", function (this: { inputPath: string }, data: unknown, content: string) {
    const file = shown(this.inputPath);
    let leaveOut = false;
    for (const fault of frontMatterFaults(data)) {
      context.log.add({ ...fault, file });
      leaveOut ||= fault.severity === "error";
    }
    const offset = context.sourceLines.authorLine(this.inputPath, 0);
    for (const { line, ...fault } of findTextFaults(content, () => offset > 0)) {
      context.log.add({ ...fault, file, line: line + offset });
      // A binary file is not a page.
      leaveOut ||= fault.code === "binary-file";
    }
    if (leaveOut) leftOut.add(path.resolve(this.inputPath));
    // Eleventy leaves out a template whose preprocessor returns false.
    return leaveOut ? false : undefined;
  });

  // With --report json, stdout carries the JSON alone; the summary goes to stderr.
  const say = context.options.report === "json" ? console.error : console.log;
  let closing: ((seconds: string) => string) | undefined;
  context.lifecycle.onEnd(({ serving }) => {
    closing = undefined;
    // Links are checked across the whole site on every build, partial or not: they are kept out of the log, which carries over.
    const linkFaults = [...checkLinks([...pages.values()], outputDir(), context.site().pathPrefix), ...checkSidebarLinks(context.site().sidebars.values(), [...pages.keys()], outputDir())];
    const faults = sortDiagnostics([...context.log.all(), ...linkFaults.map((d): Diagnostic => ({ ...d, severity: "warning" }))]);
    const { accepted, open, stale } = partitionAccepted(faults, context.settings.acceptedFaults);
    // The list may describe another tree (a fixture, another release): it is this tree's when some entry matched here,
    // and then an entry about one of its files that matched nothing is stale. A partial rebuild has not looked at every file.
    const staleHere = accepted.length > 0 && !context.partial ? stale.filter((fault) => existsSync(path.join(context.options.contentDir, fault.file))) : [];
    for (const fault of staleHere) open.push({ ...staleFaultDiagnostic(fault, context.settings.file), severity: "warning" });
    sortDiagnostics(open);

    const report: Report = {
      faults: [...open.map((d) => ({ d, accepted: false })), ...accepted.map((d) => ({ d, accepted: true }))].map(({ d, accepted: isAccepted }) =>
        reportEntry(d, d.file === context.settings.file ? settingsPath : path.join(context.options.contentDir, d.file), isAccepted),
      ),
      pages: [...pages.keys()].sort(),
      sources: Object.fromEntries([...pages].map(([sitePath, page]) => [sitePath, page.file]).sort()),
      leftOut: [...leftOut].map(shown).sort(),
    };
    if (context.options.report === "json") console.log(JSON.stringify(report, null, 2));
    else if (context.options.report) {
      mkdirSync(path.dirname(path.resolve(context.options.report)), { recursive: true });
      writeFileSync(context.options.report, `${JSON.stringify(report, null, 2)}\n`);
    }
    if (context.options.annotations && !serving) {
      const annotations = githubAnnotations(report.faults, context.options.annotations.workspace);
      if (annotations) say(annotations);
    }
    const summary = summarise(open, accepted, context.options.verbose);
    if (summary) say(summary);

    // The dev server fails a rebuild on errors only: warnings are listed and the author goes on working.
    const failing = open.filter((d) => d.severity === "error" || (context.options.strict && !serving));
    const left = leftOut.size > 0 ? `; ${leftOut.size} broken page${leftOut.size === 1 ? " was" : "s were"} left out` : "";
    if (failing.length > 0) {
      const strictly = context.options.strict && !serving && failing.some((d) => d.severity === "warning") ? " (--strict fails on warnings)" : "";
      const message = `${countFaults(open)}${strictly}${left}.`;
      const details = failing.map((d) => formatDiagnostic(d)).join("\n");
      if (serving) {
        const byPage: Record<string, string> = {};
        for (const d of failing) {
          const url = urlOf.get(d.file);
          if (url) byPage[url] = `${byPage[url] ? `${byPage[url]}\n` : ""}${formatDiagnostic(d)}`;
        }
        brokenSave.fail({ message: `Build failed: ${message}\n${details}`, pages: byPage });
      }
      throw new ContentFaultsError(message, serving ? details : undefined);
    }
    brokenSave.clear();
    const done = `${context.partial ? `Rebuilt ${context.partial.size} changed page(s)` : `Built ${pages.size} pages`}`;
    const outcome = `${countFaults(open)}${accepted.length > 0 && open.length === 0 ? " beyond the accepted ones" : ""}.`;
    closing = (seconds) => `${done} in ${seconds} s: ${outcome}`;
  });
  // The closing line waits for the search index too, so its time is the whole build's.
  context.lifecycle.onClose(() => {
    if (closing) say(closing(((performance.now() - started) / 1000).toFixed(2)));
    closing = undefined;
  });
}
