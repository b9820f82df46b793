import { mkdirSync, writeFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FoundLinks } from "../shared/markupTree.ts";

/** A page as its last transform leaves it. */
export interface RenderedPage {
  /** Site path without the path prefix, e.g. `/overview_engage.html`. */
  readonly url: string;
  /** Source file, as Eleventy names it. */
  readonly inputPath: string;
  /** Absolute output file. */
  readonly outputPath: string;
  readonly html: string;
  /** Its ids and links, when its framing read them already (else the checks read them from `html`). */
  readonly links?: FoundLinks | undefined;
}

export interface PageListener {
  /** Called as each page renders, before it is written; the page is not kept after. */
  rendered?(page: RenderedPage): void;
  /** Called once the page's file is on disk. */
  written?(page: RenderedPage): void;
}

/**
 * Page files being written at once. Eleventy renders every page together, so a page that waited here
 * would hold its HTML (and hold up the others); pages are queued instead, and the disk drains the
 * queue faster than pages render.
 */
const WRITES_IN_FLIGHT = 8;

/**
 * Writes each page as soon as it renders and tells the checks and search
 * about it, so no one has to wait for the build to end or keep every page.
 * In a build, writes go on while the next pages render, a few at a time;
 * `settled()` waits for the last and reports a write that failed.
 */
export class PageOutput {
  private readonly listeners: PageListener[] = [];
  private readonly queue: RenderedPage[] = [];
  private inFlight = 0;
  private idle: (() => void)[] = [];
  private failure: unknown;

  /**
   * @param releasePages true when Eleventy's own writer is in dry run (builds): it then keeps only an
   * empty string per page instead of every page's HTML until the build ends.
   * @param frame puts each page in its frame (header, navigation, footer) as it is written.
   */
  constructor(
    readonly releasePages: boolean,
    private readonly frame: (page: RenderedPage) => RenderedPage,
  ) {}

  listen(listener: PageListener): void {
    this.listeners.push(listener);
  }

  /** Queues the page to be written and returns what Eleventy should keep of it. */
  emit(content: RenderedPage): string {
    const page = this.frame(content);
    for (const listener of this.listeners) listener.rendered?.(page);
    if (!this.releasePages) {
      // Eleventy's own writer writes the same file right after (the dev server): a write of ours still under way
      // then could be read half done by the reload it sends, so this one is done at once.
      mkdirSync(path.dirname(page.outputPath), { recursive: true });
      writeFileSync(page.outputPath, page.html);
      for (const listener of this.listeners) listener.written?.(page);
      return page.html;
    }
    this.queue.push(page);
    this.next();
    return "";
  }

  /** Waits until every page is on disk (and its listeners told); throws the first write that failed. */
  async settled(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
  }

  private next(): void {
    while (this.inFlight < WRITES_IN_FLIGHT && this.queue.length > 0) {
      const page = this.queue.shift()!;
      this.inFlight++;
      void this.write(page).then(() => {
        this.inFlight--;
        this.next();
        if (this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
      });
    }
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
