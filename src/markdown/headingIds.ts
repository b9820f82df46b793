import type { MarkdownIt } from "markdown-it";

/**
 * Heading ids as Jekyll's kramdown (GFM input) generated them, so the corpus's
 * `page.html#fragment` links keep working: lower-case the raw heading source,
 * drop everything but Unicode word characters, hyphens and spaces, turn spaces
 * into hyphens, and number repeats `-1`, `-2`.
 */
export function slugify(rawText: string): string {
  return rawText
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- \t]/gu, "")
    .replace(/[ \t]/g, "-");
}

/** Hands out unique ids within one page, in document order. */
export class Slugger {
  private readonly seen = new Map<string, number>();

  /** Registers an id that is already on the page so generated ones do not clash with it. */
  reserve(id: string): void {
    this.seen.set(id, this.seen.get(id) ?? 0);
  }

  unique(rawText: string): string {
    const base = slugify(rawText);
    const count = this.seen.get(base);
    this.seen.set(base, (count ?? -1) + 1);
    return count === undefined ? base : `${base}-${count + 1}`;
  }
}

interface SluggerEnv {
  slugger?: Slugger;
}

/** markdown-it plugin: ids on every heading, shared per render env (one page). */
export function headingIdsPlugin(md: MarkdownIt): void {
  md.core.ruler.push("kramdown_heading_ids", (state) => {
    const env = state.env as SluggerEnv;
    env.slugger ??= new Slugger();
    const tokens = state.tokens;
    tokens.forEach((token, i) => {
      if (token.type !== "heading_open" || token.attrGet("id")) return;
      const inline = tokens[i + 1];
      token.attrSet("id", env.slugger!.unique(inline?.content ?? ""));
    });
  });
}
