import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { escapeHtml } from "../shared/html.ts";
import { blockReferences } from "./kramdownAttributes.ts";

/**
 * kramdown's table of contents (converter/html.rb `generate_toc`): a list
 * given the reference `{:toc}` (`* TOC` then `{:toc}`) is replaced by nested
 * lists of links to every heading after ids are given, but those with class
 * `no_toc`; each link is the heading's text without its links and footnote
 * marks, with id `markdown-toc-ID`. The list keeps its own attributes and
 * gets the id `markdown-toc` unless it has one.
 */
interface Entry {
  readonly level: number;
  readonly id: string;
  readonly html: string;
  readonly children: Entry[];
}

function renderEntries(entries: readonly Entry[], attrs: string): string {
  const items = entries.map((e) => `<li><a href="#${escapeHtml(e.id)}" id="markdown-toc-${escapeHtml(e.id)}">${e.html}</a>${e.children.length > 0 ? renderEntries(e.children, "") : ""}</li>\n`);
  return `<ul${attrs}>\n${items.join("")}</ul>\n`;
}

function tocRule(md: MarkdownIt, state: StateCore): void {
  const tokens = state.tokens;
  const at = tokens.findIndex((t) => (t.type === "bullet_list_open" || t.type === "ordered_list_open") && blockReferences(t).includes("toc"));
  if (at < 0) return;
  const open = tokens[at]!;
  let end = at + 1;
  while (end < tokens.length && !(tokens[end]!.level === open.level && tokens[end]!.nesting === -1)) end++;
  const root: Entry = { level: 0, id: "", html: "", children: [] };
  const stack: Entry[] = [root];
  tokens.forEach((token, i) => {
    const id = String(token.attrGet("id") ?? "");
    if (token.type !== "heading_open" || !id || String(token.attrGet("class") ?? "").split(" ").includes("no_toc")) return;
    const level = Number(token.tag.slice(1));
    const children = (tokens[i + 1]?.children ?? []).filter((c) => c.type !== "link_open" && c.type !== "link_close" && c.type !== "footnote_ref");
    const entry: Entry = { level, id, html: md.renderer.renderInline(children, md.options, state.env), children: [] };
    while (stack.length > 1 && stack[stack.length - 1]!.level >= level) stack.pop();
    stack[stack.length - 1]!.children.push(entry);
    stack.push(entry);
  });
  if (!open.attrGet("id")) open.attrSet("id", "markdown-toc");
  const attrs = (open.attrs ?? []).map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`).join("");
  const html = new state.Token("html_block", "", 0);
  html.content = renderEntries(root.children, attrs);
  tokens.splice(at, end - at + 1, html);
}

export function tocPlugin(md: MarkdownIt): void {
  md.core.ruler.after("kramdown_heading_ids", "kramdown_toc", (state) => tocRule(md, state));
}
