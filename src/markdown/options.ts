import type { Env } from "markdown-it";

/**
 * The kramdown options a page may set for itself with `{::options key="value" /}`
 * (parser/kramdown/extensions.rb), those this pipeline obeys: the parser's
 * `parse_block_html` from the tag on, and the converter's `footnote_nr`,
 * `auto_ids` and `auto_id_prefix` for the whole page (kramdown hands every
 * inline option to the converter, converter/base.rb). Other options are
 * read as Jekyll's settings fix them; an unreadable value is ignored, as
 * kramdown ignores it.
 */
export interface PageOptions {
  parseBlockHtml: boolean;
  footnoteNr: number;
  autoIds: boolean;
  autoIdPrefix: string;
}

interface OptionsEnv extends Env {
  kramdownOptions?: PageOptions;
}

/** Jekyll 4.3's kramdown settings. */
const JEKYLL: PageOptions = { parseBlockHtml: false, footnoteNr: 1, autoIds: true, autoIdPrefix: "" };

/** The options of the page rendered with `env`, as far as its tags so far set them. */
export function pageOptions(env: object | undefined): Readonly<PageOptions> {
  return (env as OptionsEnv | undefined)?.kramdownOptions ?? JEKYLL;
}

const boolean = (value: string): boolean | undefined => (value === "true" ? true : value === "false" ? false : undefined);
const readers: Record<string, (options: PageOptions, value: string) => void> = {
  parse_block_html: (options, value) => (options.parseBlockHtml = boolean(value) ?? options.parseBlockHtml),
  auto_ids: (options, value) => (options.autoIds = boolean(value) ?? options.autoIds),
  auto_id_prefix: (options, value) => (options.autoIdPrefix = value),
  footnote_nr: (options, value) => {
    if (/^\d+$/.test(value)) options.footnoteNr = Number(value);
  },
};

/** Applies the `key="value"` pairs of one `{::options … /}` tag to the page rendered with `env`. */
export function setPageOptions(env: Env, attributes: string): void {
  const options = ((env as OptionsEnv).kramdownOptions ??= { ...JEKYLL });
  for (const [, key, , value] of attributes.matchAll(/([\w-]+)\s*=\s*(["'])(.*?)\2/g)) readers[key!]?.(options, value!);
}
