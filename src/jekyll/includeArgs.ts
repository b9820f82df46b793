/**
 * Parses the text after `include` in a Jekyll tag: `NAME key="value" key2='v' key3=variable`.
 * Mirrors Jekyll's own syntax (tags/include.rb) so unedited pages parse the same way.
 */
export type IncludeValue =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "variable"; readonly path: string };

export interface IncludeCall {
  readonly name: string;
  readonly args: ReadonlyMap<string, IncludeValue>;
}

/** A parse failure with the offset (in the argument text) where it happened. */
export class IncludeSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
    this.name = "IncludeSyntaxError";
  }
}

const NAME = /^[^\s=]+/;
const KEY = /^[\w-]+/;
const BARE_VALUE = /^[\w.[\]-]+/;

function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = "";
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\" && (text[i + 1] === quote || text[i + 1] === "\\")) {
      value += text[i + 1];
      i++;
    } else if (ch === quote) {
      return { value, end: i + 1 };
    } else {
      value += ch;
    }
  }
  throw new IncludeSyntaxError(`the value opened with ${quote} at this point is never closed; add the closing ${quote}`, start);
}

export function parseIncludeArgs(text: string): IncludeCall {
  let pos = 0;
  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos] ?? "")) pos++;
  };
  skipSpace();
  // A name given by a variable (`{{ file }}`, spaces allowed) is read whole, as Jekyll's VARIABLE_SYNTAX does.
  const variableName = /^\{\{.*?\}\}\S*/.exec(text.slice(pos))?.[0];
  const name = variableName ?? NAME.exec(text.slice(pos))?.[0];
  if (!name) throw new IncludeSyntaxError("the include names no file; write {% include NAME.html %}", pos);
  pos += name.length;
  const args = new Map<string, IncludeValue>();
  for (skipSpace(); pos < text.length; skipSpace()) {
    const keyStart = pos;
    const key = KEY.exec(text.slice(pos))?.[0];
    if (!key) throw new IncludeSyntaxError(`expected an argument such as key="value" but found ${JSON.stringify(text.slice(pos, pos + 20))}`, pos);
    pos += key.length;
    skipSpace();
    if (text[pos] !== "=") throw new IncludeSyntaxError(`argument "${key}" has no value; write ${key}="..."`, keyStart);
    pos++;
    skipSpace();
    const first = text[pos];
    let value: IncludeValue;
    if (first === '"' || first === "'") {
      const quoted = readQuoted(text, pos);
      value = { kind: "string", value: quoted.value };
      pos = quoted.end;
    } else {
      const bare = BARE_VALUE.exec(text.slice(pos))?.[0];
      if (!bare) throw new IncludeSyntaxError(`argument "${key}" has no value; quote it: ${key}="..."`, pos);
      value = { kind: "variable", path: bare };
      pos += bare.length;
    }
    if (args.has(key)) throw new IncludeSyntaxError(`argument "${key}" is given twice; keep one`, keyStart);
    args.set(key, value);
  }
  return { name, args };
}
