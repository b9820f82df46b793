import type { MarkdownIt, StateBlock } from "markdown-it";

/**
 * Headings as kramdown reads them (parser/kramdown/header.rb, and
 * kramdown-parser-gfm's ATX_HEADER_START), where CommonMark differs:
 * - a setext heading is one line of text, then a line of `=` or `-`
 *   (SETEXT_HEADER_START); under a paragraph of several lines the underline is
 *   text, where CommonMark makes the whole paragraph the heading;
 * - an ATX heading with no text (`#`, `# `, `## ##`) is no heading: kramdown
 *   keeps the line as paragraph text (`parse_atx_header` returns false when the
 *   text is empty), so it neither ends a paragraph nor leaves an empty heading.
 */
const UNDERLINE = /^(?:=+|-+)[ \t]*$/;
const EMPTY_ATX = /^#{1,6}(?:[ \t]+#*)?[ \t]*$/;

/** markdown-it does not export its heading rules; the ruler's (typed, internal) list is the one way to wrap them. */
function wrap(md: MarkdownIt, name: string, accepts: (state: StateBlock, startLine: number, endLine: number) => boolean): void {
  const { fn, alt } = md.block.ruler.__rules__.find((rule) => rule.name === name)!;
  md.block.ruler.at(name, (state, startLine, endLine, silent) => accepts(state, startLine, endLine) && fn(state, startLine, endLine, silent), { alt: [...alt] });
}

const lineText = (state: StateBlock, line: number): string => state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!);

export function headingsPlugin(md: MarkdownIt): void {
  wrap(md, "lheading", (state, startLine, endLine) => {
    const next = startLine + 1;
    return next < endLine && state.sCount[next]! - state.blkIndent < 4 && UNDERLINE.test(lineText(state, next));
  });
  wrap(md, "heading", (state, startLine) => !EMPTY_ATX.test(lineText(state, startLine)));
}
