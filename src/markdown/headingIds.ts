import type { MarkdownIt, Token } from "markdown-it";
import { pageOptions } from "./options.ts";

/**
 * Heading ids as kramdown's GFM parser makes them (kramdown-parser-gfm
 * `generate_gfm_header_id`), so the `page.html#fragment` links authors and
 * other sites use keep working: the heading's text as kramdown parsed it
 * (entities as characters, code as its text, links as their text, never the
 * URL; typography already applied), lower-cased, everything but Unicode word
 * characters, hyphens and spaces dropped, spaces made hyphens; repeats
 * numbered `-1`, `-2`. An explicit `{#id}` at the end wins and is not counted.
 */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- \t]/gu, "")
    .replace(/[ \t]/g, "-");
}

/** Hands out kramdown's numbered ids within one page, in document order. */
export class Slugger {
  private readonly seen = new Map<string, number>();

  /** Registers an id that is already on the page so generated ones do not clash with it. */
  reserve(id: string): void {
    this.seen.set(id, this.seen.get(id) ?? 0);
  }

  unique(text: string): string {
    const base = slugify(text);
    const count = this.seen.get(base);
    this.seen.set(base, (count ?? -1) + 1);
    return count === undefined ? base : `${base}-${count + 1}`;
  }
}

interface SluggerEnv {
  slugger?: Slugger;
}

/** The text kramdown's `raw_text` holds for a heading's inline tokens. */
export function headingText(children: readonly Token[]): string {
  return children.map((t) => (t.type === "text" || t.type === "code_inline" ? t.content : "")).join("");
}

const EXPLICIT_ID = /[\t ]\{#([A-Za-z][\w:.-]*)\}$/;

/** markdown-it plugin: ids on every heading, shared per render env (one page). */
export function headingIdsPlugin(md: MarkdownIt): void {
  md.core.ruler.push("kramdown_heading_ids", (state) => {
    const env = state.env as SluggerEnv;
    env.slugger ??= new Slugger();
    const tokens = state.tokens;
    tokens.forEach((token, i) => {
      if (token.type !== "heading_open" || token.attrGet("id")) return;
      const inline = tokens[i + 1];
      const children = inline?.children ?? [];
      const last = children[children.length - 1];
      const explicit = last?.type === "text" ? EXPLICIT_ID.exec(last.content) : null;
      if (explicit && last) {
        // kramdown reads the id first, then drops an ATX heading's closing hashes before it (header.rb parse_atx_header).
        const text = last.content.slice(0, explicit.index).trimEnd();
        last.content = token.markup.startsWith("#") ? text.replace(/(?<!\\)#+$/, "").trimEnd() : text;
        token.attrSet("id", explicit[1]!);
        return;
      }
      // `{::options auto_ids="false" /}` leaves the page's headings without generated ids; `auto_id_prefix` goes before each.
      const { autoIds, autoIdPrefix } = pageOptions(env);
      if (autoIds) token.attrSet("id", autoIdPrefix + env.slugger!.unique(headingText(children)));
    });
  });
}
