/**
 * Ruby Liquid (Jekyll's) accepts markup that LiquidJS rejects; real trees rely on it.
 * This rewrites a template's tags so LiquidJS reads them as Ruby Liquid did, keeping
 * every line where it was (messages still point at the author's line):
 *
 * - `{{x}}` inside a tag (`{% if {{include.type}} contains "x" %}`): Ruby's lax parser
 *   reads it as the variable `x`;
 * - a backslash in a quoted string (`replace: '\', '\\'`): Ruby strings have no
 *   escapes, so the backslash is a character; LiquidJS's strings do, so it is doubled.
 *
 * Text between `{% raw %}` and `{% endraw %}`, and `{% comment %}` blocks, is left alone.
 */
export function rubyLiquidCompat(source: string): string {
  if (!source.includes("{%") && !source.includes("{{")) return source;
  let out = "";
  let pos = 0;
  const markup = /\{%-?\s*(raw|comment)\s*-?%\}|\{%|\{\{/g;
  while (pos < source.length) {
    markup.lastIndex = pos;
    const found = markup.exec(source);
    if (!found) break;
    out += source.slice(pos, found.index);
    if (found[1]) {
      // A raw or comment block: copy it up to and including its end tag.
      const end = new RegExp(`\\{%-?\\s*end${found[1]}\\s*-?%\\}`, "g");
      end.lastIndex = found.index + found[0].length;
      const closing = end.exec(source);
      const stop = closing ? closing.index + closing[0].length : source.length;
      out += source.slice(found.index, stop);
      pos = stop;
      continue;
    }
    const isTag = found[0] === "{%";
    const close = isTag ? "%}" : "}}";
    const end = findClose(source, found.index + 2, close);
    if (end < 0) {
      // Unclosed: left for LiquidJS to report at its line.
      out += source.slice(found.index);
      pos = source.length;
      break;
    }
    const inner = source.slice(found.index + 2, end);
    out += found[0] + rewriteMarkup(inner, isTag) + close;
    pos = end + 2;
  }
  return out + source.slice(pos);
}

/** The offset of the closing delimiter, skipping quoted strings (which Ruby ends at the next same quote). */
function findClose(source: string, from: number, close: string): number {
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (ch === '"' || ch === "'") {
      const endQuote = source.indexOf(ch, i + 1);
      // An unmatched quote does not hide the closing delimiter (Ruby's lax parser reads on).
      if (endQuote >= 0 && !source.slice(i, endQuote).includes(close)) i = endQuote;
      continue;
    }
    if (source.startsWith(close, i)) return i;
  }
  return -1;
}

/** Tags whose arguments Jekyll parses itself (include's quoted values may hold `\"`). */
const OWN_SYNTAX = /^-?\s*(include|include_relative|highlight)\b/;

function rewriteMarkup(inner: string, isTag: boolean): string {
  if (isTag && OWN_SYNTAX.test(inner)) return inner;
  let out = "";
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '"' || ch === "'") {
      const endQuote = inner.indexOf(ch, i + 1);
      if (endQuote < 0) {
        out += inner.slice(i);
        break;
      }
      out += ch + inner.slice(i + 1, endQuote).replace(/\\/g, "\\\\") + ch;
      i = endQuote;
      continue;
    }
    if (isTag && inner.startsWith("{{", i)) {
      const end = inner.indexOf("}}", i + 2);
      if (end >= 0) {
        out += ` ${inner.slice(i + 2, end).trim()} `;
        i = end + 1;
        continue;
      }
    }
    out += ch;
  }
  return out;
}
