import type { MarkdownIt, StateBlock, StateCore } from "markdown-it";
import abbr from "markdown-it-abbr";

/**
 * Abbreviations through markdown-it-abbr, which marks them in the text, with
 * kramdown's definitions (parser/kramdown/abbreviation.rb
 * ABBREV_DEFINITION_START): `*[ID]: expansion` on a line of its own that
 * does not continue a paragraph, the expansion may be empty (an <abbr> with no
 * title), a later definition replaces an earlier one, and a block attribute
 * list before or after the definition (`{:.cls}`) goes on every <abbr> of it.
 */
const DEFINITION = /^ {0,3}\*\[(.+?)\]:(.*)$/;
const TOKEN = "kramdown_abbreviation";

function definition(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const match = DEFINITION.exec(state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]));
  if (!match) return false;
  if (silent) return true;
  const label = match[1]!;
  state.env.abbreviations ??= {};
  // markdown-it-abbr's key: `:` keeps labels apart from Object.prototype's names.
  (state.env.abbreviations as Record<string, string>)[`:${label}`] = match[2]!.trim();
  // A block of its own, so that attribute lists around it find it (kramdownAttributes.ts).
  const token = state.push(TOKEN, "", 0);
  token.map = [startLine, startLine + 1];
  token.meta = { label };
  token.hidden = true;
  state.line = startLine + 1;
  return true;
}

/** Gives each <abbr> its definition's attributes, and no title where the expansion is empty. */
function abbreviationAttributes(state: StateCore): void {
  const definitions = new Map(state.tokens.filter((t) => t.type === TOKEN).map((t) => [(t.meta as { label: string }).label, t]));
  for (const block of state.tokens) {
    block.children?.forEach((token, i, children) => {
      if (token.type !== "abbr_open") return;
      const label = children[i + 1]?.content ?? "";
      const title = token.attrGet("title");
      token.attrs = [...(definitions.get(label)?.attrs ?? []), ...(title ? [["title", title] as [string, string]] : [])];
    });
  }
}

export function abbreviationsPlugin(md: MarkdownIt): void {
  md.use(abbr);
  md.block.ruler.at("abbr_def", definition);
  md.renderer.rules[TOKEN] = () => "";
  // After the attribute lists are attached (kramdownAttributesPlugin is used first).
  md.core.ruler.push("kramdown_abbreviation_attributes", abbreviationAttributes);
}
