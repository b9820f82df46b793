import type { Env, MarkdownIt } from "markdown-it";

/**
 * kramdown reads a block-level HTML element as one unit up to its matching
 * closing tag, blank lines included, and renders the Markdown inside it only
 * when the element says `markdown="1"` (block) or `markdown="span"` (inline).
 * CommonMark ends an HTML block at the first blank line instead. Before
 * markdown-it parses a page, each such element is swapped for a placeholder
 * comment and rendered here, the kramdown way; so is one followed directly
 * by Markdown, which CommonMark would swallow into the HTML block.
 */
const BLOCK_TAGS = new Set(
  "address article aside blockquote details dialog dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split(" "),
);
const OPENING_LINE = /^ {0,3}<([A-Za-z][A-Za-z0-9]*)(?=[\s/>])/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const MARKDOWN_ATTR = /\smarkdown\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const PLACEHOLDER = /^<!--kramdown-html:(\d+)-->$/;
const PLACEHOLDER_ANYWHERE = /<!--kramdown-html:(\d+)-->/g;

interface BlocksEnv extends Env {
  kramdownHtml?: string[];
}

/** Offset just past the closing tag that matches the element opened at `start`, or -1. */
export function findElementEnd(text: string, start: number, tag: string): number {
  const pattern = new RegExp(`<(/?)${tag}(?=[\\s/>])[^>]*>`, "gi");
  pattern.lastIndex = start;
  let depth = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const selfClosing = m[0].endsWith("/>");
    if (m[1]) depth--;
    else if (!selfClosing) depth++;
    if (depth === 0) return pattern.lastIndex;
  }
  return -1;
}

/** Renders the inner Markdown of every `markdown="1|block|span"` element in `fragment`. */
export function renderMarkdownAttributes(fragment: string, md: MarkdownIt, env: Env): string {
  const open = /<([A-Za-z][A-Za-z0-9]*)\b[^>]*\smarkdown\s*=[^>]*>/g;
  let out = "";
  let pos = 0;
  for (let m = open.exec(fragment); m; m = open.exec(fragment)) {
    const tag = m[1]!;
    const end = findElementEnd(fragment, m.index, tag);
    if (end < 0) continue;
    const closeStart = fragment.lastIndexOf("<", end - 1);
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
  const lines = src.split("\n");
  const lineStarts: number[] = [];
  lines.reduce((offset, line) => (lineStarts.push(offset), offset + line.length + 1), 0);
  const out: string[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = undefined;
      out.push(line);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      out.push(line);
      continue;
    }
    const tag = OPENING_LINE.exec(line)?.[1]?.toLowerCase();
    const start = lineStarts[i]!;
    const end = tag && BLOCK_TAGS.has(tag) ? findElementEnd(src, start, tag) : -1;
    if (end < 0) {
      out.push(line);
      continue;
    }
    let lastLine = i;
    while (lastLine + 1 < lines.length && lineStarts[lastLine + 1]! < end) lastLine++;
    const segmentEnd = lineStarts[lastLine]! + lines[lastLine]!.length;
    const segment = src.slice(start, segmentEnd);
    // CommonMark would also swallow the lines after the element into the HTML block; kramdown stops at the closing tag.
    const followedByText = lastLine + 1 < lines.length && lines[lastLine + 1]!.trim() !== "";
    if (!followedByText && !/\n[ \t]*\n/.test(segment) && !MARKDOWN_ATTR.test(segment)) {
      // CommonMark keeps the whole element as one HTML block: its inner lines are not looked at again, or an
      // element nested in it could be swapped for a placeholder inside that block, which nothing restores.
      out.push(...lines.slice(i, lastLine + 1));
      i = lastLine;
      continue;
    }
    env.kramdownHtml ??= [];
    env.kramdownHtml.push(renderMarkdownAttributes(segment, md, env));
    out.push(`<!--kramdown-html:${env.kramdownHtml.length - 1}-->`);
    i = lastLine;
  }
  return out.join("\n");
}

export function htmlBlocksPlugin(md: MarkdownIt): void {
  md.core.ruler.before("block", "kramdown_html_blocks", (state) => {
    state.src = extractHtmlBlocks(state.src, md, state.env as BlocksEnv);
  });
  const standard = md.renderer.rules.html_block;
  md.renderer.rules.html_block = (tokens, idx, options, env, self) => {
    const index = PLACEHOLDER.exec(tokens[idx]!.content.trim())?.[1];
    const stored = (env as BlocksEnv | undefined)?.kramdownHtml;
    if (index !== undefined && stored?.[Number(index)] !== undefined) return `${stored[Number(index)]}\n`;
    const rendered = standard ? standard(tokens, idx, options, env, self) : tokens[idx]!.content;
    // A placeholder inside a longer HTML block (rows of a table the author never closed) is restored in place, never lost.
    return stored ? rendered.replace(PLACEHOLDER_ANYWHERE, (whole, n: string) => stored[Number(n)] ?? whole) : rendered;
  };
}
