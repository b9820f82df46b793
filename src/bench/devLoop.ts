import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../shared/sitePaths.ts";
import { launchChromium } from "./chromium.ts";
import { startDevServer } from "./devServer.ts";
import { median } from "./measure.ts";

export interface DevLoopFigures {
  /** Save to rebuilt HTML on disk, ms. */
  readonly html: number;
  /** Save to search index rewritten, ms. */
  readonly index: number;
  /** Save to the open browser page showing the edit (the dev server patches the page in place), ms. */
  readonly reload: number;
}

async function until(check: () => boolean, limitMs = 60_000): Promise<number> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > limitMs) throw new Error("the dev server did not rebuild in time");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now();
}

/**
 * The author's loop with `npm start` running on a copy of the content: save a
 * page, then time its HTML on disk, the search index, and the browser reload.
 */
export async function measureDevLoop(content: string, page: { source: string; output: string }, edits = 5): Promise<DevLoopFigures> {
  // Eleventy's watcher refreshes only trees inside the working folder, so the copy lives in the project.
  const input = mkdtempSync(path.join(PROJECT_ROOT, "bench-dev-"));
  const output = mkdtempSync(path.join(tmpdir(), "gpc-bench-dev-"));
  cpSync(content, input, { recursive: true });
  const server = await startDevServer(input, output);
  const browser = await launchChromium();
  const figures: DevLoopFigures[] = [];
  try {
    const tab = await browser.newPage();
    await tab.goto(server.url + page.output);
    const entry = path.join(output, "pagefind/pagefind-entry.json");
    for (let edit = 0; edit < edits; edit++) {
      const marker = `benchmarker${edit}`;
      const indexBefore = existsSync(entry) ? statSync(entry).mtimeMs : 0;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const saved = performance.now();
      appendFileSync(path.join(input, page.source), `\n\nThe ${marker} edit.\n`);
      const shown = tab.waitForFunction((text) => document.body.innerText.includes(text), marker, { timeout: 60_000, polling: "raf" }).then(() => performance.now());
      const html = await until(() => readFileSync(path.join(output, page.output), "utf8").includes(marker));
      const index = await until(() => existsSync(entry) && statSync(entry).mtimeMs > indexBefore);
      const reload = await shown;
      figures.push({ html: html - saved, index: index - saved, reload: reload - saved });
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(input, { recursive: true, force: true });
    rmSync(output, { recursive: true, force: true });
  }
  return { html: median(figures.map((f) => f.html)), index: median(figures.map((f) => f.index)), reload: median(figures.map((f) => f.reload)) };
}
