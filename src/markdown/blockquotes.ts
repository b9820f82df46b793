import type { MarkdownIt } from "markdown-it";
import { NOT_LAZY, scanListLines } from "./lists.ts";

/**
 * Blockquotes as kramdown collects them (parser/kramdown/blockquote.rb): from a
 * `>` line, every line up to a blank line, an attribute list, `^` or an HTML
 * block tag (LAZY_END) is in the quote, whatever it starts with, and only then
 * read as blocks; so `> quote` then `### Heading` is a heading inside the
 * quote. CommonMark lets only paragraph text be lazy: those lines are given
 * their `>` before markdown-it reads them. Runs after the HTML blocks are
 * swapped for placeholders (their insides are never touched), and leaves
 * list items to lists.ts.
 */
const QUOTE = /^ {0,3}>/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const PLACEHOLDER = /^[ \t]*<!--kramdown-html:\d+-->/;

export function quoteLazyLines(src: string): string {
  const lines = src.split("\n");
  const lists = scanListLines(lines);
  let quoted = false;
  let fence: string | undefined;
  lines.forEach((line, i) => {
    if (quoted) {
      // A list item's line is in the quote too: kramdown reads the list inside it.
      if (line.trim() === "" || NOT_LAZY.test(line) || PLACEHOLDER.test(line)) quoted = false;
      else if (!QUOTE.test(line)) lines[i] = `> ${line}`;
      return;
    }
    if (lists[i]!.indentation !== undefined) return;
    const run = FENCE.exec(line)?.[1];
    if (fence) {
      if (run && run[0] === fence[0] && run.length >= fence.length) fence = undefined;
    } else if (run) fence = run;
    else quoted = QUOTE.test(line);
  });
  return lines.join("\n");
}

export function blockquotesPlugin(md: MarkdownIt): void {
  md.core.ruler.after("kramdown_html_blocks", "kramdown_lazy_quote_lines", (state) => {
    state.src = quoteLazyLines(state.src);
  });
}
