import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";
import { existsSync } from "node:fs";
import path from "node:path";
import { displayPath } from "../source/sourceFile.ts";
import { relativePath } from "../shared/sitePaths.ts";
import { formatDiagnostic, partitionAccepted, sortDiagnostics, staleFaultDiagnostic, summarise, type Diagnostic } from "../shared/diagnostics.ts";
import { checkLinks, readLinks, type PageLinks } from "../checks/links.ts";
import { checkSidebarLinks } from "../checks/sidebarLinks.ts";
import { findTextFaults } from "../checks/sourceText.ts";

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
 * Starts each build (and each watch-mode rebuild) with a fresh list of pages'
 * links (a partial rebuild keeps the other pages'); ends it with the grouped list of faults and the page count and time.
 * A build with errors (or, with --strict, warnings) fails; the dev server keeps running and shows why.
 */
export function checksPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  let started = performance.now();
  const outputDir = (): string => path.resolve((eleventyConfig.directories as { output: string }).output);
  // What the link checks need of each page, read as it renders (the page itself is not kept).
  const pages = new Map<string, PageLinks>();
  context.lifecycle.onStart(({ partial }) => {
    started = performance.now();
    if (!partial) pages.clear();
    for (const [key, page] of pages) if (partial?.has(page.inputPath)) pages.delete(key);
  });
  context.output.listen({
    rendered(page) {
      if (!page.outputPath.endsWith(".html")) return;
      const outputPath = relativePath(outputDir(), page.outputPath);
      pages.set(outputPath, { file: displayPath(context.options.contentDir, page.inputPath), inputPath: path.resolve(page.inputPath), outputPath, ...readLinks(page.html) });
    },
  });
  eleventyConfig.addPreprocessor("source-text", "md,html", function (this: { inputPath: string }, _data: unknown, content: string) {
    const faults = findTextFaults(content, () => context.sourceLines.authorLine(this.inputPath, 0) > 0);
    if (faults.length === 0) return undefined;
    const frontMatter = context.sourceLines.authorLine(this.inputPath, 0);
    let skip = false;
    for (const { line, ...fault } of faults) {
      context.log.add({ ...fault, file: displayPath(context.options.contentDir, this.inputPath), line: line + frontMatter });
      skip ||= fault.code === "binary-file";
    }
    // Eleventy leaves out a template whose preprocessor returns false.
    return skip ? false : undefined;
  });
  context.lifecycle.onEnd(({ serving }) => {
    // Links are checked across the whole site on every build, partial or not: they are kept out of the log, which carries over.
    const linkFaults = [...checkLinks([...pages.values()], outputDir(), context.site().pathPrefix), ...checkSidebarLinks(context.site().sidebars.values(), [...pages.keys()], outputDir())];
    const faults = sortDiagnostics([...context.log.all(), ...linkFaults.map((d): Diagnostic => ({ ...d, severity: "warning" }))]);
    const { accepted, open, stale } = partitionAccepted(faults, context.settings.acceptedFaults);
    // The list may describe another tree (a fixture, another release): it is this tree's when some entry matched here,
    // and then an entry about one of its files that matched nothing is stale. A partial rebuild has not looked at every file.
    const staleHere = accepted.length > 0 && !context.partial ? stale.filter((fault) => existsSync(path.join(context.options.contentDir, fault.file))) : [];
    for (const fault of staleHere) open.push({ ...staleFaultDiagnostic(fault, context.settings.file), severity: "warning" });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    // A partial rebuild counts the accepted faults; the whole list was shown by the build before.
    const acceptedList =
      accepted.length === 0 ? "" : context.partial ? `Accepted faults: ${accepted.length} (listed in ${context.settings.file}).\n` : `Accepted faults (${accepted.length}, listed in ${context.settings.file}):\n${accepted.map((d) => `  ${formatDiagnostic(d).replace(/\n/g, "\n  ")}`).join("\n")}\n`;
    console.log(`${acceptedList}${summarise(open)}\n${context.partial ? `Rebuilt ${context.partial.size} changed page(s)` : `Built ${pages.size} pages`} in ${seconds} s.`);
    // The dev server fails a rebuild on errors only: warnings are listed and the author goes on working.
    const failing = open.filter((d) => d.severity === "error" || (context.options.strict && !serving));
    if (failing.length > 0) {
      const message = `${failing.length} content fault(s) fail the build${context.options.strict && !serving ? " (--strict turns warnings into failures)" : ""}.`;
      throw new ContentFaultsError(message, serving ? failing.map((d) => formatDiagnostic(d)).join("\n") : undefined);
    }
  });
}
