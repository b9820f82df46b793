import { mkdirSync, writeFileSync } from "node:fs";
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

/**
 * Writes each page as soon as it renders and tells the checks and search
 * about it, so no one has to wait for the build to end or keep every page.
 */
export class PageOutput {
  private readonly listeners: PageListener[] = [];

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

  /** Writes the page and returns what Eleventy should keep of it. */
  emit(content: RenderedPage): string {
    const page = { ...content, html: this.frame(content) };
    for (const listener of this.listeners) listener.rendered?.(page);
    mkdirSync(path.dirname(page.outputPath), { recursive: true });
    writeFileSync(page.outputPath, page.html);
    for (const listener of this.listeners) listener.written?.(page);
    return this.releasePages ? "" : page.html;
  }
}
