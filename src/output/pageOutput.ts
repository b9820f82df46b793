import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/** A page as its last transform leaves it. */
export interface RenderedPage {
  /** Site path without the path prefix, e.g. `/overview_engage.html`. */
  readonly url: string;
  /** Source file, as Eleventy names it. */
  readonly inputPath: string;
  /** Absolute output file. */
  readonly outputPath: string;
  readonly html: string;
}

export interface PageListener {
  /** Called as each page renders, before it is written; the page is not kept after. */
  rendered?(page: RenderedPage): void;
  /** Called once the page's file is on disk. */
  written?(page: RenderedPage): void;
}

/** Page files being written at once: enough to keep the disk busy while Eleventy renders, few enough that pages are not held in memory waiting. */
const WRITES_IN_FLIGHT = 16;

/**
 * Writes each page as soon as it renders and tells the checks and search
 * about it, so no one has to wait for the build to end or keep every page.
 * Writes go on while the next pages render, a few at a time; `settled()`
 * waits for the last and reports a write that failed.
 */
export class PageOutput {
  private readonly listeners: PageListener[] = [];
  private readonly writing = new Set<Promise<void>>();
  private failure: unknown;

  /**
   * @param releasePages true when Eleventy's own writer is in dry run (builds): it then keeps only an
   * empty string per page instead of every page's HTML until the build ends.
   * @param frame puts each page in its frame (header, navigation, footer) as it is written.
   */
  constructor(
    readonly releasePages: boolean,
    private readonly frame: (page: RenderedPage) => string,
  ) {}

  listen(listener: PageListener): void {
    this.listeners.push(listener);
  }

  /** Starts writing the page and returns what Eleventy should keep of it (once few enough writes are under way). */
  async emit(content: RenderedPage): Promise<string> {
    const page = { ...content, html: this.frame(content) };
    for (const listener of this.listeners) listener.rendered?.(page);
    const write = this.write(page).finally(() => this.writing.delete(write));
    this.writing.add(write);
    if (this.writing.size >= WRITES_IN_FLIGHT) await Promise.race(this.writing);
    return this.releasePages ? "" : page.html;
  }

  /** Waits until every page is on disk (and its listeners told); throws the first write that failed. */
  async settled(): Promise<void> {
    await Promise.all(this.writing);
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
  }

  private async write(page: RenderedPage): Promise<void> {
    try {
      await mkdir(path.dirname(page.outputPath), { recursive: true });
      await writeFile(page.outputPath, page.html);
      for (const listener of this.listeners) listener.written?.(page);
    } catch (error) {
      this.failure ??= error;
    }
  }
}
