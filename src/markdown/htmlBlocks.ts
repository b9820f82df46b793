import type { Env, MarkdownIt } from "markdown-it";

/**
 * kramdown (Jekyll's default: `parse_block_html` off) reads any element that is
 * not a span element, at the start of a line, as one raw HTML block: up to its
 * matching closing tag, blank lines and nested elements included, and Markdown
 * resumes on the next line. Inside, only elements with `markdown="1"` (block)
 * or `markdown="span"` are read as Markdown. A `<!-- -->` comment at the start
 * of a line is a block of its own. CommonMark ends an HTML block at the first
 * blank line and swallows the lines after it instead, so before markdown-it
 * parses a page each such block is swapped for a placeholder comment (kept at
 * the line's indentation, so it stays inside a list item) and rendered here.
 */
const SPAN_ELEMENTS = new Set(
  "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup time tt u var".split(" "),
);
const VOID_ELEMENTS = new Set("area base br col command embed hr img input keygen link meta param source track wbr".split(" "));
const NAME = String.raw`[\w:][-\w.:]*`;
/** kramdown's HTML_TAG_RE: unquoted attribute values are word characters only. */
const START_TAG = new RegExp(String.raw`<(${NAME})((?:\s+${NAME}(?:\s*=\s*(?:[\p{L}\p{M}\p{N}_]+|"[^"]*"|'[^']*'))?)*)\s*(\/)?>`, "uy");
const END_TAG = new RegExp(String.raw`<\/(${NAME})\s*>`, "y");
const BLOCK_START = new RegExp(String.raw`^( {0,3})<(?:!--|(${NAME}))`);
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const MARKDOWN_ATTR = /\smarkdown\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const PLACEHOLDER = /<!--kramdown-html:(\d+)-->/g;

interface BlocksEnv extends Env {
  kramdownHtml?: string[];
}

/**
 * Offset just past the closing tag of the element whose start tag ends at
 * `pos`, read as kramdown reads raw HTML: nested elements each need their own
 * closing tag, stray closing tags are kept as text, comments and `<script>` or
 * `<style>` bodies are skipped. An element never closed runs to the end of the
 * text, as kramdown auto-closes it there.
 */
export function rawElementEnd(text: string, pos: number, name: string): number {
  const lower = name.toLowerCase();
  for (let at = text.indexOf("<", pos); at >= 0; at = text.indexOf("<", pos)) {
    if (text.startsWith("<!--", at)) {
      const close = text.indexOf("-->", at + 4);
      pos = close < 0 ? at + 1 : close + 3;
      continue;
    }
    START_TAG.lastIndex = at;
    const start = START_TAG.exec(text);
    if (start) {
      const tag = start[1]!.toLowerCase();
      pos = START_TAG.lastIndex;
      if (start[3] || VOID_ELEMENTS.has(tag)) continue;
      if (tag === "script" || tag === "style") {
        const close = new RegExp(`</${tag}\\s*>`, "gi");
        close.lastIndex = pos;
        pos = close.exec(text) ? close.lastIndex : text.length;
      } else pos = rawElementEnd(text, pos, tag);
      continue;
    }
    END_TAG.lastIndex = at;
    const end = END_TAG.exec(text);
    if (end) {
      pos = END_TAG.lastIndex;
      if (end[1]!.toLowerCase() === lower) return pos;
      continue;
    }
    pos = at + 1;
  }
  return text.length;
}

/** Where the HTML block starting at `start` (a `<` at a line start) ends, or -1 when it is not one. */
export function htmlBlockEnd(text: string, start: number): number {
  if (text.startsWith("<!--", start)) {
    const close = text.indexOf("-->", start + 4);
    return close < 0 ? -1 : close + 3;
  }
  START_TAG.lastIndex = start;
  const tag = START_TAG.exec(text);
  if (!tag) return -1;
  const name = tag[1]!.toLowerCase();
  if (SPAN_ELEMENTS.has(name)) return -1;
  if (tag[3] || VOID_ELEMENTS.has(name)) return START_TAG.lastIndex;
  return rawElementEnd(text, START_TAG.lastIndex, name);
}

/** Renders the inner Markdown of every `markdown="1|block|span"` element in `fragment`. */
export function renderMarkdownAttributes(fragment: string, md: MarkdownIt, env: Env): string {
  const open = /<([A-Za-z][A-Za-z0-9]*)\b[^>]*\smarkdown\s*=[^>]*>/g;
  let out = "";
  let pos = 0;
  for (let m = open.exec(fragment); m; m = open.exec(fragment)) {
    const end = rawElementEnd(fragment, open.lastIndex, m[1]!);
    const closeStart = fragment.lastIndexOf("<", end - 1);
    if (closeStart < open.lastIndex || fragment[closeStart + 1] !== "/") continue;
    const mode = MARKDOWN_ATTR.exec(m[0]);
    const kind = (mode?.[1] ?? mode?.[2] ?? mode?.[3] ?? "0").toLowerCase();
    const inner = fragment.slice(open.lastIndex, closeStart);
    const rendered = kind === "span" ? md.renderInline(inner.trim(), env) : kind === "0" ? inner : `\n${md.render(inner, env)}`;
    out += fragment.slice(pos, m.index) + m[0].replace(MARKDOWN_ATTR, "") + rendered + fragment.slice(closeStart, end);
    pos = end;
    open.lastIndex = end;
  }
  return out + fragment.slice(pos);
}

/** Replaces kramdown-style HTML blocks in `src` by placeholders; returns the new source. */
export function extractHtmlBlocks(src: string, md: MarkdownIt, env: BlocksEnv): string {
  const out: string[] = [];
  let fence: string | undefined;
  let pos = 0;
  while (pos < src.length) {
    const newline = src.indexOf("\n", pos);
    const lineEnd = newline < 0 ? src.length : newline;
    const line = src.slice(pos, lineEnd);
    const fenceMatch = FENCE.exec(line);
    const open = fence ? undefined : BLOCK_START.exec(line);
    const blockStart = open ? pos + open[1]!.length : -1;
    const end = open ? htmlBlockEnd(src, blockStart) : -1;
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = undefined;
    } else if (fenceMatch) fence = fenceMatch[1]!;
    if (end < 0) {
      out.push(line);
      pos = lineEnd + 1;
      continue;
    }
    env.kramdownHtml ??= [];
    env.kramdownHtml.push(renderMarkdownAttributes(src.slice(blockStart, end), md, env));
    out.push(`${open![1]}<!--kramdown-html:${env.kramdownHtml.length - 1}-->`);
    // kramdown reads whatever follows the closing tag on its line as the start of the next block.
    const rest = /^[ \t]*(?:\n|$)/.exec(src.slice(end));
    pos = rest ? end + rest[0].length : end;
    if (pos >= src.length && rest?.[0].endsWith("\n")) out.push("");
  }
  return out.join("\n");
}

export function htmlBlocksPlugin(md: MarkdownIt): void {
  md.core.ruler.before("block", "kramdown_html_blocks", (state) => {
    state.src = extractHtmlBlocks(state.src, md, state.env as BlocksEnv);
  });
  // A placeholder may also sit inside an HTML block CommonMark ran on past it (after a `<br>` line, say).
  const restore = (content: string, env: BlocksEnv | undefined): string =>
    content.replace(PLACEHOLDER, (whole, index: string) => env?.kramdownHtml?.[Number(index)] ?? whole);
  for (const rule of ["html_block", "html_inline"] as const) {
    const standard = md.renderer.rules[rule];
    md.renderer.rules[rule] = (tokens, idx, options, env, self) => {
      const rendered = standard ? standard(tokens, idx, options, env, self) : tokens[idx]!.content;
      return rendered.includes("<!--kramdown-html:") ? restore(rendered, env as BlocksEnv) : rendered;
    };
  }
}
