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
 * would hold its HTML (and hold up the others); pages are queued instead.
 */
const WRITES_IN_FLIGHT = 8;
/**
 * Pages that may wait in the queue. Eleventy frames its pages one after another without giving the
 * event loop a turn, so the writes above cannot start until the last page is framed: unbounded, the
 * queue held every framed page (110 KB of string pieces each, 76 MB halfway through 1,500 pages).
 * Past this many, the oldest is written at once, so memory follows the largest pages, not their number.
 */
const QUEUED_AT_MOST = 16;

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
  /** Folders made so far: most pages share a few, and a recursive `mkdir` per page costs more than its write. */
  private readonly folders = new Set<string>();

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
    while (this.queue.length > QUEUED_AT_MOST) this.writeNow(this.queue.shift()!);
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

  /** A queued page's write done on the spot; a failure is reported by `settled()`, as an asynchronous one is. */
  private writeNow(page: RenderedPage): void {
    try {
      const folder = path.dirname(page.outputPath);
      if (!this.folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        this.folders.add(folder);
      }
      writeFileSync(page.outputPath, page.html);
      for (const listener of this.listeners) listener.written?.(page);
    } catch (error) {
      this.failure ??= error;
    }
  }

  private async write(page: RenderedPage): Promise<void> {
    try {
      const folder = path.dirname(page.outputPath);
      if (!this.folders.has(folder)) {
        await mkdir(folder, { recursive: true });
        this.folders.add(folder);
      }
      await writeFile(page.outputPath, page.html);
      for (const listener of this.listeners) listener.written?.(page);
    } catch (error) {
      this.failure ??= error;
    }
  }
}
