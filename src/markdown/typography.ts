import type { MarkdownIt, StateCore, StateInline, Token } from "markdown-it";

/**
 * kramdown's typography, applied to the text of every inline run (never to
 * code, raw HTML, attributes or image alt text): `---` and `--` dashes, `...`,
 * `<<`/`>>` guillemets, and smart quotes by kramdown's own ordered rules
 * (parser/kramdown/smart_quotes.rb). markdown-it's typographer differs (it
 * also makes (c) and +- symbols, and pairs quotes instead of reading context),
 * so this is a rule of its own. Like kramdown, each text run is read alone: a
 * quote right after emphasis, a link, an escape or a `*`/`_` that opened nothing
 * (emphasis.ts) has no character before it; what follows a quote is read as
 * kramdown reads the source (a link's text, a code span's content).
 */
const TYPOGRAPHIC: Record<string, string> = { "---": "\u2014", "--": "\u2013", "...": "\u2026", "<< ": "\u00ab\u00a0", " >>": "\u00a0\u00bb", "<<": "\u00ab", ">>": "\u00bb" };
const TYPOGRAPHIC_RE = /---|--|\.\.\.|<< | >>|<<|>>/g;
const QUOTE_RE = /[^\\]?["']/g;

const PUNCT = String.raw`[!"#$%'()*+,\-./:;<=>?@[\\\]^_\x60{|}~]`;
const CLOSE = String.raw`[^ \\\t\r\n[{(-]`;
type Part = number | "lquote1" | "rquote1" | "lquote2" | "rquote2" | "ldquo" | "rdquo" | "lsquo" | "rsquo";
const RULES: [RegExp, Part[]][] = [
  [/(["'])(?=[_*]{1,2}\S)/y, ["lquote1"]],
  [new RegExp(String.raw`(["'])(?=${PUNCT}(?!\.\.)\B)`, "y"), ["rquote1"]],
  [/(\s?)"'(?=\w)/y, [1, "ldquo", "lsquo"]],
  [/(\s?)'"(?=\w)/y, [1, "lsquo", "ldquo"]],
  [/(\s?)'(?=\d\ds)/y, [1, "rsquo"]],
  [/(\s)(['"])(?=\w)/y, [1, "lquote2"]],
  [new RegExp(`(${CLOSE})(["'])`, "y"), [1, "rquote2"]],
  [/(["'])(?=\s|s\b|$)/my, ["rquote1"]],
  [/([\s\S]?)'/y, [1, "lsquo"]],
  [/([\s\S]?)"/y, [1, "ldquo"]],
];
const CHARS = { ldquo: "\u201c", rdquo: "\u201d", lsquo: "\u2018", rsquo: "\u2019" } as const;

function quoteChar(part: Exclude<Part, number>, match: RegExpExecArray): string {
  if (part in CHARS) return CHARS[part as keyof typeof CHARS];
  const quote = match[part.endsWith("1") ? 1 : 2];
  const open = part.startsWith("l");
  return quote === '"' ? (open ? CHARS.ldquo : CHARS.rdquo) : open ? CHARS.lsquo : CHARS.rsquo;
}

/** The first match at or after `pos`: still the first for any later start up to its index. */
function nextMatch(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** Applies kramdown's typography to one text run; `after` is the source that follows it (read-only context). */
export function kramdownTypography(text: string, after = ""): string {
  const context = text + after;
  let out = "";
  let pos = 0;
  // Each search runs again only once the text has moved past its match: searching from every quote would be quadratic.
  let sym: RegExpExecArray | null | undefined;
  let quote: RegExpExecArray | null | undefined;
  while (pos < text.length) {
    if (sym === undefined || (sym && sym.index < pos)) sym = nextMatch(TYPOGRAPHIC_RE, text, pos);
    if (quote === undefined || (quote && quote.index < pos)) quote = nextMatch(QUOTE_RE, text, pos);
    if (!sym && !quote) break;
    if (sym && (!quote || sym.index < quote.index)) {
      out += text.slice(pos, sym.index) + TYPOGRAPHIC[sym[0]]!;
      pos = sym.index + sym[0].length;
      continue;
    }
    const at = quote!.index;
    out += text.slice(pos, at);
    for (const [rule, parts] of RULES) {
      rule.lastIndex = at;
      const m = rule.exec(context);
      if (!m) continue;
      for (const part of parts) out += typeof part === "number" ? m[part]! : quoteChar(part, m);
      pos = rule.lastIndex;
      break;
    }
  }
  return out + text.slice(pos);
}

/** Source characters that follow a token, as far as kramdown's look-ahead needs them. */
function followingSource(tokens: readonly Token[], at: number): string {
  const next = tokens[at];
  if (!next) return "";
  // Emphasis opens: its marker and what it starts (`"*x*"` opens a quote).
  if (next.type === "em_open" || next.type === "strong_open") return next.markup + followingSource(tokens, at + 1);
  if (next.type === "softbreak" || next.type === "hardbreak") return "\n";
  if (next.type === "text" || next.type === "html_inline") return next.content;
  if (next.type === "code_inline") return next.markup + next.content;
  if (next.type === "link_open") return `[${followingSource(tokens, at + 1)}`;
  if (next.type === "link_close") return "]";
  if (next.type === "image") return "!";
  return next.markup;
}

/** Elements whose content kramdown keeps as raw text (parser/html.rb HTML_CONTENT_MODEL: `:raw`): no typography inside. */
const RAW_OPEN = /^<(code|kbd|samp|var)\b[^>]*>$/i;
const RAW_CLOSE = /^<\/(code|kbd|samp|var)\s*>$/i;

function typographyRule(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const children = block.children;
    let raw = 0;
    children.forEach((token, i) => {
      if (token.type === "html_inline") raw = Math.max(0, raw + (RAW_OPEN.test(token.content) ? 1 : RAW_CLOSE.test(token.content) ? -1 : 0));
      if (token.type !== "text" || raw > 0) return;
      const previous = children[i - 1];
      // An autolink's text is its address as written (autolink.rb adds it as text, not read for typography).
      if (previous?.type === "link_open" && previous.markup === "autolink") return;
      // A line break is part of kramdown's text run, so the quote after it sees a character before it.
      const lead = previous?.type === "softbreak" ? "\n" : "";
      token.content = kramdownTypography(lead + token.content, followingSource(children, i + 1)).slice(lead.length);
    });
  }
}

/** `<<` is kramdown's guillemet before it is ever a tag: `<<Patient>>` is «Patient», not `<` and an element. */
function guillemetOpen(state: StateInline, silent: boolean): boolean {
  if (!state.src.startsWith("<<", state.pos)) return false;
  const length = state.src[state.pos + 2] === " " ? 3 : 2;
  if (!silent) state.pending += state.src.slice(state.pos, state.pos + length);
  state.pos += length;
  return true;
}

export function typographyPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("html_inline", "kramdown_guillemet", guillemetOpen);
  md.core.ruler.before("text_join", "kramdown_typography", typographyRule);
}
