import type { Env, MarkdownIt, StateCore, StateInline } from "markdown-it";
import { forwardMatch, forwardSearch } from "./forwardSearch.ts";
import { scanListLines } from "./lists.ts";
import { pageOptions, setPageOptions } from "./options.ts";

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
/** Elements whose content kramdown reads as blocks under `parse_block_html` (parser/html.rb HTML_CONTENT_MODEL_BLOCK). */
const BLOCK_CONTENT = new Set(
  "address applet article aside blockquote body dd details div dl fieldset figure figcaption footer form header hgroup iframe li main map menu nav noscript object section summary td".split(" "),
);
const SPAN_CONTENT = new Set(
  "a abbr acronym address b bdo big button cite caption code del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt".split(" "),
);
const VOID_ELEMENTS = new Set("area base br col command embed hr img input keygen link meta param source track wbr".split(" "));
const NAME = String.raw`[\w:][-\w.:]*`;
/** kramdown's HTML_TAG_RE: unquoted attribute values are word characters only. */
const START_TAG = new RegExp(String.raw`<(${NAME})((?:\s+${NAME}(?:\s*=\s*(?:[\p{L}\p{M}\p{N}_]+|"[^"]*"|'[^']*'))?)*)\s*(\/)?>`, "uy");
const END_TAG = new RegExp(String.raw`<\/(${NAME})\s*>`, "y");
const BLOCK_START = new RegExp(String.raw`^( {0,3})<(?:!--|(${NAME}))`);
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A list item's marker with a tag right after it (lists.ts ITEM_START). */
const ITEM_MARKER = /^ {0,3}(?:[*+-]|\d+\.)[ \t]+(?=<)/;
const MARKDOWN_ATTR = /\smarkdown\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const PLACEHOLDER = /<!--kramdown-html:(\d+)-->/g;

interface BlocksEnv extends Env {
  /** Each block rendered, by placeholder number. */
  kramdownHtml?: string[];
  /** Each block's source, for a placeholder that markdown-it read as code after all. */
  kramdownSource?: string[];
  /** `{::options parse_span_html="false" /}` was met: span HTML after it keeps its content raw, as kramdown then does. */
  kramdownRawSpanHtml?: boolean;
}

const PARSE_SPAN_HTML = /(?:^|\s)parse_span_html\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))/;

/** kramdown's text escaping inside raw HTML: bare `<`, `>` and `&` become entities, entity references stay. */
const TEXT_ESCAPE = /&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z_:][-\w.:]*);|[<>&]/g;
const escapeText = (text: string): string => text.replace(TEXT_ESCAPE, (m) => (m === "<" ? "&lt;" : m === ">" ? "&gt;" : m === "&" ? "&amp;" : m));

const commentEnd = forwardSearch((text, from) => text.indexOf("-->", from));

/** Renders Markdown inside an element whose `markdown` attribute asks for it. */
type MarkdownRenderer = (inner: string, kind: "block" | "span") => string;

interface RawElement {
  /** Offset just past the element's closing tag (the text's end when it has none). */
  readonly end: number;
  /** The element as kramdown writes it, when a renderer was given. */
  readonly html: string;
}

/**
 * Reads the element whose start tag `tag` matched at `at` as kramdown reads
 * raw HTML: nested elements each need their own closing tag; a stray closing
 * tag, or a `<` that starts no tag, is text, which kramdown writes escaped;
 * comments and `<script>`/`<style>` bodies are kept as they are; an element
 * never closed runs to the end of the text, where kramdown closes it (in raw
 * HTML; Markdown content ends where its element does: `markdownContentEnd`). With
 * `render`, elements marked `markdown="1|block|span"` have their content
 * rendered as Markdown and lose the attribute.
 */
function readElement(text: string, at: number, tag: RegExpExecArray, render?: MarkdownRenderer, parseBlockHtml = false): RawElement {
  const name = tag[1]!.toLowerCase();
  const afterOpen = at + tag[0].length;
  if (tag[3] || VOID_ELEMENTS.has(name)) return { end: afterOpen, html: tag[0] };
  if (name === "script" || name === "style") {
    const close = new RegExp(`</${name}\\s*>`, "gi");
    close.lastIndex = afterOpen;
    const end = close.exec(text) ? close.lastIndex : text.length;
    return { end, html: text.slice(at, end) };
  }
  const mode = MARKDOWN_ATTR.exec(tag[0]);
  // Under `parse_block_html` an element without the attribute is read by its content model (kramdown/html.rb handle_kramdown_html_tag).
  const byModel = parseBlockHtml ? (BLOCK_CONTENT.has(name) ? "block" : SPAN_CONTENT.has(name) ? "span" : undefined) : undefined;
  const kind = (mode?.[1] ?? mode?.[2] ?? mode?.[3])?.toLowerCase() ?? byModel;
  if (kind && kind !== "0") {
    // markdown="1" reads the content by the element's own content model: a `<p>` or `<h2>` holds spans (html.rb HTML_CONTENT_MODEL_SPAN).
    const span = kind === "span" || (kind === "1" && SPAN_CONTENT.has(name));
    const { innerEnd, end } = markdownContentEnd(text, afterOpen, name, span);
    if (!render) return { end, html: "" };
    const rendered = render(text.slice(afterOpen, innerEnd), span ? "span" : "block");
    return { end, html: `${tag[0].replace(MARKDOWN_ATTR, "")}${rendered}</${tag[1]}>` };
  }
  const content = readContent(text, afterOpen, name, render);
  return { end: content.end, html: render ? tag[0] + content.html : "" };
}

/**
 * Where the Markdown content of an element with a `markdown` attribute ends, as kramdown finds it
 * (`handle_kramdown_html_tag`): span content runs to the first `</name>`, block content to the first line
 * that starts with `</name>` outside a nested HTML block. Elements inside that are never closed therefore
 * end where their parent ends (kramdown auto-closes them), and the page after it is Markdown again.
 * `innerEnd` is where the content stops, `end` is past the closing tag (both the text's end without one).
 */
function markdownContentEnd(text: string, from: number, name: string, span: boolean): { innerEnd: number; end: number } {
  if (span) {
    const close = new RegExp(`</${name}\\s*>`, "gi");
    close.lastIndex = from;
    const found = close.exec(text);
    return found ? { innerEnd: found.index, end: close.lastIndex } : { innerEnd: text.length, end: text.length };
  }
  const close = new RegExp(`^ {0,3}</${name}\\s*>`, "i");
  for (let pos = from; pos < text.length; ) {
    const lineEnd = text.indexOf("\n", pos) < 0 ? text.length : text.indexOf("\n", pos);
    const line = text.slice(pos, lineEnd);
    const closing = close.exec(line);
    if (closing) return { innerEnd: pos + closing[0].indexOf("<"), end: pos + closing[0].length };
    const indent = /^ {0,3}/.exec(line)![0].length;
    const child = line[indent] === "<" ? readHtmlBlock(text, pos + indent) : undefined;
    pos = child && child.end > pos ? child.end : lineEnd + 1;
  }
  return { innerEnd: text.length, end: text.length };
}

/** Reads an element's content from `pos` up to and including its closing tag. */
function readContent(text: string, pos: number, name: string, render?: MarkdownRenderer): RawElement {
  let html = "";
  let textStart = pos;
  const flush = (upTo: number): void => {
    if (render) html += escapeText(text.slice(textStart, upTo));
  };
  for (let at = text.indexOf("<", pos); at >= 0; at = text.indexOf("<", pos)) {
    if (text.startsWith("<!--", at)) {
      const close = commentEnd(text, at + 4);
      if (close < 0) {
        pos = at + 1;
        continue;
      }
      flush(at);
      if (render) html += text.slice(at, close + 3);
      pos = textStart = close + 3;
      continue;
    }
    START_TAG.lastIndex = at;
    const start = START_TAG.exec(text);
    if (start) {
      flush(at);
      const child = readElement(text, at, start, render);
      html += child.html;
      pos = textStart = child.end;
      continue;
    }
    END_TAG.lastIndex = at;
    const end = END_TAG.exec(text);
    pos = end ? END_TAG.lastIndex : at + 1;
    if (end?.[1]!.toLowerCase() === name) {
      flush(at);
      return { end: pos, html: render ? html + end[0] : "" };
    }
  }
  flush(text.length);
  return { end: text.length, html: render ? `${html}</${name}>` : "" };
}

/**
 * The HTML block starting at `start` (a `<` at a line start) as kramdown
 * writes it, and where it ends; undefined when the line starts no block.
 */
export function readHtmlBlock(text: string, start: number, render?: MarkdownRenderer, parseBlockHtml = false): RawElement | undefined {
  if (text.startsWith("<!--", start)) {
    const close = commentEnd(text, start + 4);
    return close < 0 ? undefined : { end: close + 3, html: text.slice(start, close + 3) };
  }
  START_TAG.lastIndex = start;
  const tag = START_TAG.exec(text);
  if (!tag || SPAN_ELEMENTS.has(tag[1]!.toLowerCase())) return undefined;
  return readElement(text, start, tag, render, parseBlockHtml);
}

/** Keeps a rendered block for the renderer and returns the placeholder that stands for it. */
function store(env: BlocksEnv, html: string, source: string): string {
  env.kramdownHtml ??= [];
  env.kramdownSource ??= [];
  env.kramdownSource[env.kramdownHtml.push(html) - 1] = source;
  return `<!--kramdown-html:${env.kramdownHtml.length - 1}-->`;
}

type ExtensionName = "comment" | "nomarkdown" | "options";
/** A kramdown extension tag (parser/kramdown/extensions.rb EXT_START_STR): `{::name}`, `{::name attributes}`, `{::name …/}`. */
interface ExtensionTag {
  readonly name: ExtensionName;
  readonly attributes: string | undefined;
  readonly selfClosing: boolean;
  /** Offset just past the tag's `}`. */
  readonly end: number;
}
const EXTENSION_NAME = /\{::(comment|nomarkdown|options)/y;
/** A `}` that no backslash escapes (after the first attribute character); remembered, so tags never closed cost one scan. */
const unescapedBrace = forwardMatch(/(?<!\\)\}/);
const NOMARKDOWN_TYPE = /(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/**
 * The extension tag at `pos`, read as kramdown's pattern reads it (`\{::(\w+)(?:\s(ALD_ANY_CHARS*?)|)(\/)?\}`,
 * ALD_ANY_CHARS `\\\}|[^\}]`): the attributes run to the first `}` not escaped by a backslash, and a `/` just
 * before it closes the tag. Read by hand rather than by that pattern, whose lazy run scans to the end of the
 * page from every tag that is never closed.
 */
function extensionTag(src: string, pos: number): ExtensionTag | undefined {
  EXTENSION_NAME.lastIndex = pos;
  const start = EXTENSION_NAME.exec(src);
  if (!start) return undefined;
  const name = start[1] as ExtensionName;
  const after = EXTENSION_NAME.lastIndex;
  if (src[after] === "}") return { name, attributes: undefined, selfClosing: false, end: after + 1 };
  if (src.startsWith("/}", after)) return { name, attributes: undefined, selfClosing: true, end: after + 2 };
  if (!/\s/.test(src[after] ?? "")) return undefined;
  const first = after + 1;
  const brace = src[first] === "}" ? first : unescapedBrace(src, first + 1);
  if (brace < 0) return undefined;
  const selfClosing = brace > first && src[brace - 1] === "/";
  return { name, attributes: src.slice(first, selfClosing ? brace - 1 : brace), selfClosing, end: brace + 1 };
}

/** What an extension leaves in an HTML page: `{::nomarkdown}` its body, unless it is for another converter (`type="latex"`); the rest nothing. */
function extensionOutput(name: ExtensionName, attributes: string | undefined, body: string): string {
  if (name !== "nomarkdown") return "";
  const type = NOMARKDOWN_TYPE.exec(attributes ?? "");
  return !type || (type[1] ?? type[2])!.split(/[\s,]+/).includes("html") ? body : "";
}

const EXTENSION_NAMES: readonly ExtensionName[] = ["comment", "nomarkdown", "options"];
/** Where each extension's closing line `{:/name}` or `{:/}` starts (remembered, so unclosed extensions cost one scan). */
const EXTENSION_END = Object.fromEntries(EXTENSION_NAMES.map((name) => [name, forwardMatch(new RegExp(`^ {0,3}\\{:/(?:${name})?\\}[ \\t]*$`, "m"))])) as Record<ExtensionName, (text: string, from: number) => number>;
/** The same closing tag anywhere in a paragraph. */
const SPAN_EXTENSION_END = Object.fromEntries(EXTENSION_NAMES.map((name) => [name, forwardMatch(new RegExp(`\\{:/(?:${name})?\\}`))])) as Record<ExtensionName, (text: string, from: number) => number>;

/**
 * kramdown's block extensions at `pos` (a line start): `{::comment}` and
 * `{::options /}` leave nothing, `{::nomarkdown}` its body as it is; each runs
 * to a line `{:/name}` or `{:/}`. Returns where it ends (past its line) and what it
 * leaves, or undefined when the line starts none (or it is never closed,
 * which kramdown ignores).
 */
function readExtension(src: string, pos: number, env: BlocksEnv): { end: number; html: string } | undefined {
  const indent = /^ {0,3}/.exec(src.slice(pos, pos + 3))![0].length;
  const tag = extensionTag(src, pos + indent);
  if (!tag) return undefined;
  let after = tag.end;
  while (src[after] === " " || src[after] === "\t") after++;
  const lineEnd = (from: number): number => (src.indexOf("\n", from) < 0 ? src.length : src.indexOf("\n", from) + 1);
  if (tag.name === "options") setPageOptions(env, tag.attributes ?? "");
  if (tag.selfClosing) return { end: lineEnd(after), html: "" };
  const close = EXTENSION_END[tag.name](src, after);
  if (close < 0) return undefined;
  const body = src.slice(after, close).replace(/^\n|\n$/g, "");
  return { end: lineEnd(close), html: extensionOutput(tag.name, tag.attributes, body) };
}

/** The same extensions inside a paragraph: `{::name …}body{:/name}` (or `{:/}`), or `{::name …/}`. */
function spanExtension(state: StateInline, silent: boolean): boolean {
  const tag = extensionTag(state.src, state.pos);
  if (!tag || tag.end > state.posMax) return false;
  let end = tag.end;
  let body = "";
  if (!tag.selfClosing) {
    const close = SPAN_EXTENSION_END[tag.name](state.src, end);
    if (close < 0 || close > state.posMax) return false;
    body = state.src.slice(end, close);
    end = close + (state.src.startsWith("{:/}", close) ? 4 : 4 + tag.name.length);
  }
  const html = extensionOutput(tag.name, tag.attributes, body);
  if (!silent && html) state.push("html_inline", "", 0).content = html;
  const spanHtml = tag.name === "options" ? PARSE_SPAN_HTML.exec(tag.attributes ?? "") : null;
  if (!silent && spanHtml) (state.env as BlocksEnv).kramdownRawSpanHtml = (spanHtml[1] ?? spanHtml[2] ?? spanHtml[3]) === "false";
  state.pos = end;
  return true;
}

const markdownRenderer =
  (md: MarkdownIt, env: Env): MarkdownRenderer =>
  (inner, kind) =>
    kind === "span" ? md.renderInline(inner.trim(), env) : `\n${md.render(inner, env)}`;

/**
 * Span HTML that kramdown reads and CommonMark does not: a tag whose name has
 * a prefix (`<some:url>`, `</some:url>`: REXML's UNAME_STR, one colon), and an element marked
 * `markdown="0"`, whose content is raw HTML (text as it is, no Markdown but
 * inside elements marked `markdown="1"`), the attribute left out. After an inline
 * `{::options parse_span_html="false" /}` every element is read so, but those
 * marked `markdown="1"` or `"span"` (html.rb `parse_span_html`).
 */
const PREFIXED_NAME = /^[\p{Alphabetic}_][-\p{Alphabetic}\p{Nd}._]*:[\p{Alphabetic}_][-\p{Alphabetic}\p{Nd}._]*$/u;

function spanHtml(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  if (src.charCodeAt(state.pos) !== 0x3c /* < */) return false;
  START_TAG.lastIndex = END_TAG.lastIndex = state.pos;
  const tag = START_TAG.exec(src);
  const close = tag ? null : END_TAG.exec(src);
  let html: string;
  let end: number;
  const mode = tag && MARKDOWN_ATTR.exec(tag[0]);
  const kind = (mode?.[1] ?? mode?.[2] ?? mode?.[3])?.toLowerCase();
  const raw = kind === "0" || ((state.env as BlocksEnv).kramdownRawSpanHtml === true && kind !== "1" && kind !== "span");
  if (tag && raw && SPAN_ELEMENTS.has(tag[1]!.toLowerCase())) {
    const element = readElement(src, state.pos, tag, markdownRenderer(state.md, state.env));
    html = element.html.replace(MARKDOWN_ATTR, "");
    end = element.end;
  } else if (PREFIXED_NAME.test((tag ?? close)?.[1] ?? "")) {
    html = (tag ?? close)![0];
    end = state.pos + html.length;
  } else return false;
  if (end > state.posMax) return false;
  if (!silent) state.push("html_inline", "", 0).content = html;
  state.pos = end;
  return true;
}

/** Replaces kramdown-style HTML blocks in `src` by placeholders; returns the new source. */
export function extractHtmlBlocks(src: string, md: MarkdownIt, env: BlocksEnv): string {
  const render = markdownRenderer(md, env);
  // Inside a list item kramdown reads the item's lines without its indentation.
  const containers = scanListLines(src.split("\n"));
  const out: string[] = [];
  let fence: string | undefined;
  let pos = 0;
  let lineNo = 0;
  const advance = (to: number): void => {
    for (let i = src.indexOf("\n", pos); i >= 0 && i < to; i = src.indexOf("\n", i + 1)) lineNo++;
    pos = to;
  };
  while (pos < src.length) {
    const newline = src.indexOf("\n", pos);
    const lineEnd = newline < 0 ? src.length : newline;
    const indent = containers[lineNo]?.indentation ?? 0;
    const line = src.slice(pos, lineEnd);
    const dedented = line.slice(Math.min(indent, /^ */.exec(line)![0].length));
    const fenceMatch = FENCE.exec(dedented);
    const extension = fence ? undefined : readExtension(src, pos, env);
    if (extension) {
      if (extension.html) out.push(store(env, extension.html, src.slice(pos, extension.end)));
      advance(extension.end);
      continue;
    }
    // An item's own line may start with the block too (`* {% include callout.html %}`): kramdown reads the item's text as blocks.
    const marker = fence ? undefined : ITEM_MARKER.exec(dedented)?.[0];
    const open = fence ? undefined : BLOCK_START.exec(marker ? dedented.slice(marker.length) : dedented);
    const margin = line.length - dedented.length + (marker?.length ?? 0) + (open?.[1]!.length ?? 0);
    const blockStart = pos + margin;
    const block = open ? readHtmlBlock(src, blockStart, render, pageOptions(env).parseBlockHtml) : undefined;
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = undefined;
    } else if (fenceMatch) fence = fenceMatch[1]!;
    if (!block) {
      out.push(line);
      advance(lineEnd + 1);
      continue;
    }
    const { end, html } = block;
    out.push(line.slice(0, margin) + store(env, html, src.slice(blockStart, end)));
    // kramdown reads whatever follows the closing tag on its line as the start of the next block.
    const rest = /^[ \t]*(?:\n|$)/.exec(src.slice(end));
    advance(rest ? end + rest[0].length : end);
    if (pos >= src.length && rest?.[0].endsWith("\n")) out.push("");
  }
  return out.join("\n");
}

const INLINE_TAG = /^<(\/?)([\w:][-\w.:]*)[^>]*?(\/?)>$/;

/**
 * A closing tag in a paragraph that does not close the element open right
 * before it is text in kramdown (parser/kramdown/html.rb parse_span_html:
 * "invalidly used HTML closing tag", added as text), so the reader sees
 * `</em>` as Jekyll printed it; the HTML parser would drop it. Escaped as
 * text, it cannot open or close anything.
 */
function strayClosingTags(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== "inline" || !token.children) continue;
    const open: string[] = [];
    for (const child of token.children) {
      const tag = child.type === "html_inline" ? INLINE_TAG.exec(child.content) : null;
      if (!tag) continue;
      const name = tag[2]!.toLowerCase();
      // `</br>` stays a line break, as browsers read it (tests/fidelity/differences.ts "html-in-table-cells").
      if (VOID_ELEMENTS.has(name)) continue;
      if (!tag[1]) {
        if (!tag[3]) open.push(name);
      } else if (open[open.length - 1] === name) open.pop();
      else child.type = "text";
    }
  }
}

/** A line that starts with a closing tag: kramdown starts no HTML block there (html.rb parse_block_html), so it is paragraph text. */
const CLOSING_LINE = /^<\//;

export function htmlBlocksPlugin(md: MarkdownIt): void {
  md.core.ruler.after("inline", "kramdown_stray_closing_tags", strayClosingTags);
  // markdown-it does not export its html_block rule; the ruler's (typed, internal) list is the one way to wrap it.
  const { fn: htmlBlock, alt } = md.block.ruler.__rules__.find((rule) => rule.name === "html_block")!;
  md.block.ruler.at(
    "html_block",
    // It still ends a quote (blockquote.rb LAZY_END), and is then paragraph text after it.
    (state, startLine, endLine, silent) =>
      ((silent && state.parentType === "blockquote") || !CLOSING_LINE.test(state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]!))) && htmlBlock(state, startLine, endLine, silent),
    { alt: [...alt] },
  );
  md.inline.ruler.before("html_inline", "kramdown_span_extension", spanExtension);
  md.inline.ruler.before("html_inline", "kramdown_span_html", spanHtml);
  md.core.ruler.before("block", "kramdown_html_blocks", (state) => {
    state.src = extractHtmlBlocks(state.src, md, state.env as BlocksEnv);
  });
  // Where markdown-it's reading of lists and fences differs from the scan above, a placeholder can land in code: it shows its source.
  md.core.ruler.after("inline", "kramdown_html_in_code", (state) => {
    const sources = (state.env as BlocksEnv).kramdownSource;
    if (!sources) return;
    const unswap = (text: string): string => text.replace(PLACEHOLDER, (whole, index: string) => sources[Number(index)] ?? whole);
    for (const token of state.tokens) {
      if (token.type === "fence" || token.type === "code_block") token.content = unswap(token.content);
      for (const child of token.children ?? []) if (child.type === "code_inline") child.content = unswap(child.content);
    }
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
  forgetBlocksAfterRender(md);
}

/**
 * The env is the page's data (Eleventy renders with it), which lives as long as the build: once the
 * outermost render is done (`markdown="1"` renders nest, sharing the env), the blocks it kept go.
 */
function forgetBlocksAfterRender(md: MarkdownIt): void {
  let depth = 0;
  const wrap = <Render extends (src: string, env?: Env) => string>(render: Render): Render =>
    ((src: string, env?: Env) => {
      depth++;
      try {
        return render(src, env);
      } finally {
        if (--depth === 0 && env) {
          delete (env as BlocksEnv).kramdownHtml;
          delete (env as BlocksEnv).kramdownSource;
          delete (env as BlocksEnv).kramdownRawSpanHtml;
        }
      }
    }) as Render;
  md.render = wrap(md.render.bind(md));
  md.renderInline = wrap(md.renderInline.bind(md));
}
