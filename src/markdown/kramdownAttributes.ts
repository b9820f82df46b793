import type { MarkdownIt, Token, StateBlock, StateCore, StateInline } from "markdown-it";
import { escapeHtml } from "../shared/html.ts";
import { forwardSearch } from "./forwardSearch.ts";

/**
 * kramdown inline attribute lists (`{:target="_blank"}`, `{: .center-image }`,
 * `{:class="img-responsive" #id}`) turned into attributes instead of text.
 */
export type Attribute = readonly [name: string, value: string];

export class AttributeListError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
    this.name = "AttributeListError";
  }
}

const PART = /\s*(?:\.([^\s.#{}="']+)|#([A-Za-z][\w:-]*)|([A-Za-z_:][\w:.-]*)\s*=\s*(?:"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|([^\s"'=<>`}]+))|([\w][\w-]*)(?=\s|$))/y;
const unescape = (value: string): string => value.replace(/\\([}"'\\])/g, "$1");

/** An attribute list: its attributes, and the names of the attribute list definitions (`{:name: …}`) it refers to. */
export interface AttributeList {
  readonly attributes: Attribute[];
  readonly references: string[];
}

/** Parses the inside of `{: ... }` (without the braces and colon). */
export function parseAttributeList(text: string): AttributeList {
  const classes: string[] = [];
  const attrs = new Map<string, string>();
  const references: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    PART.lastIndex = pos;
    const m = PART.exec(text);
    if (!m) throw new AttributeListError(`cannot read attribute list at ${JSON.stringify(text.slice(pos).trim().slice(0, 20))}; write {: .class #id key="value" }`, pos);
    pos = PART.lastIndex;
    if (m[1] !== undefined) classes.push(m[1]);
    else if (m[2] !== undefined) attrs.set("id", m[2]);
    else if (m[7] !== undefined) references.push(m[7]);
    else {
      const name = (m[3] ?? "").toLowerCase();
      const value = m[4] !== undefined ? unescape(m[4]) : m[5] !== undefined ? unescape(m[5]) : (m[6] ?? "");
      // Event handlers would run author text as script; kramdown keeps them, we do not.
      if (name.startsWith("on")) continue;
      if (name === "class") classes.push(...value.split(/\s+/).filter(Boolean));
      else attrs.set(name, value);
    }
  }
  const attributes: Attribute[] = [...attrs.entries()];
  if (classes.length > 0) attributes.push(["class", classes.join(" ")]);
  return { attributes, references };
}

const IAL_TOKEN = "kramdown_ial";
const BLOCK_IAL_TOKEN = "kramdown_block_ial";
/** The attribute list of an item's own marker line (`: {:.cls}` with nothing after it): it belongs to the item around it. */
export const ITEM_IAL_TOKEN = "kramdown_item_ial";
const ALD_TOKEN = "kramdown_ald";
/** A line holding only an attribute list (ial.rb IAL_BLOCK_START) or a definition `{:name: …}` (ALD_START). */
const BLOCK_IAL = /^\{:(?![:/])((?:\\\}|[^}])*)\}[ \t]*$/;
const ALD = /^\{:(\w[\w-]*):((?:\\\}|[^}])*)\}[ \t]*$/;

/** The attribute list definitions of one page, by name. */
type Definitions = ReadonlyMap<string, AttributeList>;

/** Attributes merged as applying them in order would: one value per name, class words once each. */
function merged(attributes: readonly Attribute[]): Attribute[] {
  const byName = new Map<string, string>();
  const classes = new Set<string>();
  for (const [name, value] of attributes) {
    if (name !== "class") byName.set(name, value);
    else {
      if (!byName.has("class")) byName.set("class", "");
      for (const word of value.split(/\s+/)) if (word) classes.add(word);
    }
  }
  if (byName.has("class")) byName.set("class", [...classes].join(" "));
  return [...byName];
}

/**
 * A list's attributes with those of the definitions it names first, as kramdown merges them. Each
 * definition is resolved once per page (a chain of definitions naming each other, used from every
 * paragraph, would otherwise be walked again for each use) and a definition reached again while it
 * is being resolved adds nothing.
 */
function resolver(definitions: Definitions): (list: AttributeList) => Attribute[] {
  const resolved = new Map<string, Attribute[]>();
  const resolving = new Set<string>();
  // Depth first with a stack of its own: a chain of a hundred thousand definitions must not exhaust the call stack.
  const definition = (root: string): Attribute[] => {
    const stack = [root];
    while (stack.length > 0) {
      const name = stack[stack.length - 1]!;
      const list = definitions.get(name);
      if (resolved.has(name) || !list) {
        stack.pop();
        continue;
      }
      const references = [...new Set(list.references)];
      if (!resolving.has(name)) {
        resolving.add(name);
        const pending = references.filter((reference) => !resolved.has(reference) && !resolving.has(reference));
        for (const reference of pending) stack.push(reference);
        if (pending.length > 0) continue;
      }
      resolved.set(name, merged(references.flatMap((reference) => resolved.get(reference) ?? []).concat(list.attributes)));
      resolving.delete(name);
      stack.pop();
    }
    return resolved.get(root) ?? [];
  };
  return (list) => (list.references.length === 0 ? list.attributes : [...merged([...new Set(list.references)].flatMap(definition)), ...list.attributes]);
}

function applyAttributes(target: Token, attributes: readonly Attribute[]): void {
  for (const [name, value] of attributes) {
    if (name === "class") {
      const existing = target.attrGet("class");
      target.attrSet("class", existing ? `${existing} ${value}` : value);
    } else {
      target.attrSet(name, value);
    }
  }
  if (target.attrGet("target") === "_blank") target.attrSet("rel", "noopener noreferrer");
}

/** The opening token that matches the closing one at `closeIndex` (same level, counting nesting back). */
function findOpen(tokens: readonly Token[], closeIndex: number): Token | undefined {
  const close = tokens[closeIndex]!;
  let depth = 0;
  for (let i = closeIndex; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.level !== close.level) continue;
    if (t.nesting === -1) depth++;
    if (t.nesting === 1 && --depth === 0) return t;
  }
  return undefined;
}

/** The next `}` and the next line break (remembered: a paragraph of `{:` never closed asks from every one). */
const nextBrace = forwardSearch((text, from) => text.indexOf("}", from));
const nextNewline = forwardSearch((text, from) => text.indexOf("\n", from));

/** The inline part: `{:` ... `}` becomes a token holding the attribute list. */
function ialInlineRule(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x7b /* { */ || src.charCodeAt(start + 1) !== 0x3a /* : */) return false;
  const end = nextBrace(src, start + 2);
  const newline = end < 0 ? -1 : nextNewline(src, start + 2);
  if (end < 0 || (newline >= 0 && newline < end)) return false;
  let list: AttributeList;
  try {
    list = parseAttributeList(src.slice(start + 2, end));
  } catch {
    return false;
  }
  if (!silent) {
    const token = state.push(IAL_TOKEN, "", 0);
    token.meta = { list };
    token.content = src.slice(start, end + 1);
  }
  state.pos = end + 1;
  return true;
}

/** The block part: a line holding only an attribute list, or a definition. */
function ialBlockRule(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const line = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]!);
  const ald = ALD.exec(line);
  const ial = ald ? undefined : BLOCK_IAL.exec(line);
  if (!ald && !ial) return false;
  let list: AttributeList;
  try {
    list = parseAttributeList(ald ? ald[2]! : ial![1]!);
  } catch {
    return false;
  }
  if (silent) return true;
  const token = state.push(ald ? ALD_TOKEN : BLOCK_IAL_TOKEN, "", 0);
  token.meta = { list, name: ald?.[1] };
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}

/** The attribute list `{:…}` holding only `text`, or undefined when it cannot be read (then it stays text). */
export function readAttributeList(text: string): AttributeList | undefined {
  try {
    return parseAttributeList(text);
  } catch {
    return undefined;
  }
}

/** Gives the item being read (the innermost open block) the attributes of its marker line. */
export function pushItemAttributes(state: StateBlock, list: AttributeList, line: number): void {
  const token = state.push(ITEM_IAL_TOKEN, "", 0);
  token.meta = { list };
  token.map = [line, line + 1];
}

/** The ALD names a block's attribute list referred to without defining them (`{:toc}`, `{:footnotes}`). */
export const blockReferences = (token: Token): readonly string[] => (token.meta as { references?: string[] } | null)?.references ?? [];

const listOf = (token: Token): AttributeList => (token.meta as { list: AttributeList }).list;
const isAttributeToken = (token: Token): boolean => token.type === BLOCK_IAL_TOKEN || token.type === ALD_TOKEN;

/** The opening token of every closing block token, found in one pass. */
function openings(tokens: readonly Token[]): Map<Token, Token> {
  const open: Token[] = [];
  const byClose = new Map<Token, Token>();
  for (const token of tokens) {
    if (token.nesting === 1) open.push(token);
    else if (token.nesting === -1 && open.length > 0) byClose.set(token, open.pop()!);
  }
  return byClose;
}

/**
 * Which block each line-of-its-own attribute list belongs to (parser/kramdown.rb,
 * `parse_block_ial`): the block right before it when no blank line parts
 * them, else the next block at the same depth. Read in one pass each way (the
 * block before, the token after a run of lists), since a page of lists in a row
 * would otherwise walk back and forth over the run from each of them.
 */
function blockTargets(tokens: readonly Token[], onTarget: (list: Token, target: Token) => void): void {
  const openOf = openings(tokens);
  /** Per token: the first token after it that is not an attribute list. */
  const nextBlock: (Token | undefined)[] = new Array(tokens.length);
  for (let i = tokens.length - 1, next: Token | undefined; i >= 0; i--) {
    nextBlock[i] = next;
    if (!isAttributeToken(tokens[i]!)) next = tokens[i];
  }
  /** Per depth: the last token there that is not an attribute list. */
  const lastAt: { token: Token; index: number }[] = [];
  const ends = new Map<Token, number>();
  tokens.forEach((ial, index) => {
    if (ial.type === ITEM_IAL_TOKEN) {
      // A list item's own attributes (its marker line's list), pushed as the item is read: its item opens just before.
      let at = index - 1;
      while (at >= 0 && !(tokens[at]!.level === ial.level - 1 && tokens[at]!.nesting === 1)) at--;
      if (at >= 0) onTarget(ial, tokens[at]!);
    }
    if (!isAttributeToken(ial)) {
      lastAt[ial.level] = { token: ial, index };
      return;
    }
    if (ial.type !== BLOCK_IAL_TOKEN) return;
    const line = ial.map![0];
    let before: { token: Token; index: number } | undefined;
    for (let level = 0; level <= ial.level; level++) if (lastAt[level] && (!before || lastAt[level]!.index > before.index)) before = lastAt[level];
    const t = before?.token;
    const block = t && t.level === ial.level ? (t.nesting === -1 ? openOf.get(t) : t) : undefined;
    let target = block && (ends.get(block) ?? block.map?.[1]) === line ? block : undefined;
    if (!target) {
      const next = nextBlock[index];
      target = next && next.level === ial.level && next.nesting !== -1 ? next : undefined;
    }
    if (!target) return;
    onTarget(ial, target);
    if (target.map && target.map[1] <= ial.map![0]) ends.set(target, ial.map![1]);
  });
}

/** Span lists annotate the element right before them. */
function spanTarget(children: readonly Token[], j: number): Token | undefined {
  // Emphasis leaves an empty text token behind its closing marker.
  let at = j - 1;
  while (at >= 0 && children[at]!.type === "text" && children[at]!.content === "") at--;
  const previous = children[at];
  if (!previous) return undefined;
  if (previous.type === "image" || previous.type === "code_inline") return previous;
  if (previous.nesting === -1) return findOpen(children, at);
  return undefined;
}

/** The core part: attach each list to the link, image or block it annotates. */
function attachAttributes(state: StateCore): void {
  const tokens = state.tokens;
  const definitions = new Map<string, AttributeList>();
  for (const token of tokens) if (token.type === ALD_TOKEN) definitions.set((token.meta as { name: string }).name, listOf(token));
  const resolve = resolver(definitions);
  blockTargets(tokens, (token, target) => {
    if (token.type === ITEM_IAL_TOKEN) {
      applyAttributes(target, resolve(listOf(token)));
      return;
    }
    const list = listOf(token);
    applyAttributes(target, resolve(list));
    if (list.references.length > 0) target.meta = { ...(target.meta as object | null), references: list.references };
  });
  for (let i = 0; i < tokens.length; i++) {
    const inline = tokens[i]!;
    if (inline.type !== "inline" || !inline.children) continue;
    const children = inline.children;
    const blockOpen = tokens[i - 1];
    const container = tokens[i - 2];
    const itemOpen =
      blockOpen?.type === "dt_open" ? blockOpen : (container?.type === "list_item_open" || container?.type === "dd_open") && blockOpen?.map?.[0] === container.map?.[0] ? container : undefined;
    const kept: Token[] = [];
    let lastSpan: Token | undefined;
    children.forEach((child, j) => {
      if (child.type !== IAL_TOKEN) {
        kept.push(child);
        lastSpan = undefined;
        return;
      }
      const attributes = resolve(listOf(child));
      const previous = children[j - 1];
      const next = children[j + 1];
      // Lists in a row (`{: .a}{: .b}`) all annotate the element before the first.
      const span = previous?.type === IAL_TOKEN ? lastSpan : spanTarget(children, j);
      lastSpan = span;
      if (span) {
        applyAttributes(span, attributes);
        if (span.type === "image" && listOf(child).references.includes(STANDALONE)) span.meta = { ...(span.meta as object | null), standalone: true };
      }
      else if (itemOpen && j === 0) {
        // `* {:.cls} text`, `: {:.cls} text`: the list item's, definition's or term's own attributes (list.rb LIST_ITEM_IAL).
        applyAttributes(itemOpen, attributes);
        if (next?.type === "text") next.content = next.content.trimStart();
      } else if (blockOpen && (j === 0 || previous?.type === "softbreak") && (next === undefined || next.type === "softbreak")) {
        // A block list on its own line before or after the paragraph text belongs to the block.
        applyAttributes(blockOpen, attributes);
        if (next?.type === "softbreak") children.splice(j + 1, 1);
        else if (previous?.type === "softbreak") kept.pop();
      }
      // After plain text a span list annotates nothing: kramdown prints it, we drop it (source syntax is no content).
    });
    inline.children = kept;
    if (kept.length === 0 && blockOpen?.type === "paragraph_open") {
      blockOpen.hidden = true;
      const close = tokens[i + 1];
      if (close) close.hidden = true;
    }
  }
}

const STANDALONE = "standalone";

/**
 * A paragraph holding only an image marked `{: standalone}` is a <figure>
 * with the alt text as its caption (kramdown 2.4, converter/html.rb
 * `convert_standalone_image`); the figure takes the image's class and id
 * unless the paragraph has its own.
 */
function standaloneFigures(state: StateCore): void {
  const { tokens, md, Token: NewToken } = state;
  tokens.forEach((paragraph, i) => {
    const inline = tokens[i + 1];
    const image = inline?.children?.length === 1 ? inline.children[0] : undefined;
    if (paragraph.type !== "paragraph_open" || paragraph.hidden || image?.type !== "image" || !(image.meta as { standalone?: boolean } | null)?.standalone) return;
    for (const name of ["class", "id"]) {
      const value = image.attrGet(name);
      if (value === null || paragraph.attrGet(name) !== null) continue;
      paragraph.attrSet(name, value);
      image.attrs = image.attrs!.filter(([attr]) => attr !== name);
    }
    paragraph.tag = tokens[i + 2]!.tag = "figure";
    const text = new NewToken("text", "", 0);
    text.content = md.renderer.renderInlineAsText(image.children ?? [], md.options, {});
    inline!.children!.push(new NewToken("figcaption_open", "figcaption", 1), text, new NewToken("figcaption_close", "figcaption", -1));
  });
}

/** Highlighted code is a whole `<pre>` markdown-it cannot add attributes to: they go on that `<pre>`. */
function withPreAttributes(html: string, token: Token): string {
  const tag = /^<pre\b([^>]*)>/.exec(html);
  if (!token.attrs || !tag) return html;
  const attrs = new Map([...tag[1]!.matchAll(/\s([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  for (const [name, value] of token.attrs) attrs.set(name, name === "class" && attrs.has("class") ? `${attrs.get("class")} ${escapeHtml(String(value))}` : escapeHtml(String(value)));
  return `<pre${[...attrs].map(([name, value]) => ` ${name}="${value}"`).join("")}>${html.slice(tag[0].length)}`;
}

export function kramdownAttributesPlugin(md: MarkdownIt): void {
  md.block.ruler.before("fence", BLOCK_IAL_TOKEN, ialBlockRule, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.inline.ruler.before("emphasis", IAL_TOKEN, ialInlineRule);
  md.core.ruler.after("text_join", "kramdown_ial_attach", (state) => {
    attachAttributes(state);
    standaloneFigures(state);
  });
  md.renderer.rules[IAL_TOKEN] = () => "";
  md.renderer.rules[BLOCK_IAL_TOKEN] = () => "";
  md.renderer.rules[ITEM_IAL_TOKEN] = () => "";
  md.renderer.rules[ALD_TOKEN] = () => "";
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => withPreAttributes(fence(tokens, idx, options, env, self), tokens[idx]!);
}
