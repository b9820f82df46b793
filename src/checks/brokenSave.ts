/** What the dev server's pages show while a save leaves the site broken. */
export interface BrokenSave {
  /** The whole failure, as the terminal says it. */
  readonly message: string;
  /** Each broken page's own faults, by the URL path it is served at. */
  readonly pages: Readonly<Record<string, string>>;
}

/**
 * The last failed rebuild of the dev server, until a rebuild succeeds. Pages ask for it each time
 * they load, so the panel stays on every reload until the save is fixed (the dev server's own error
 * message reaches only the pages open when the rebuild failed).
 */
export class BrokenSaveState {
  private current: BrokenSave | undefined;

  fail(save: BrokenSave): void {
    this.current = save;
  }

  /** A failure with no per-page faults (a data file, the settings) keeps the per-page faults it may already have. */
  failWithout(message: string): void {
    this.current = { message, pages: this.current?.pages ?? {} };
  }

  clear(): void {
    this.current = undefined;
  }

  get(): BrokenSave | undefined {
    return this.current;
  }
}

/** One state per process: the dev server runs one site, and the CLI's error explanation sets it too. */
export const brokenSave = new BrokenSaveState();
