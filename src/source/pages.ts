/** A page's front matter as the build reads it: any keys, none trusted to have a type. */
export interface FrontMatter {
  readonly title?: unknown;
  readonly summary?: unknown;
  readonly keywords?: unknown;
  readonly tags?: unknown;
  readonly sidebar?: unknown;
  readonly search?: unknown;
  readonly toc?: unknown;
  readonly permalink?: unknown;
  readonly tagName?: unknown;
  readonly edition_of?: unknown;
  readonly edition?: unknown;
  readonly redirect_from?: unknown;
  readonly redirect_to?: unknown;
  readonly layout?: unknown;
  readonly last_updated?: unknown;
}

/**
 * A page of the site as the build lists it (the shape of an item of Eleventy's
 * `collections.all`): its site path, or false when it is not written; its source file; its front matter.
 */
export interface ListedPage {
  readonly url: string | false;
  readonly inputPath: string;
  readonly data: FrontMatter;
}
