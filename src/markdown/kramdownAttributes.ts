import type { MarkdownIt } from "markdown-it";
import type { StateCore, StateInline, Token } from "markdown-it";

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

const PART = /\s*(?:\.([\w-]+)|#([\w-]+)|([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`}]+)))/y;

/** Parses the inside of `{: ... }` (without the braces and colon). */
export function parseAttributeList(text: string): Attribute[] {
  const classes: string[] = [];
  const attrs = new Map<string, string>();
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    PART.lastIndex = pos;
    const m = PART.exec(text);
    if (!m) throw new AttributeListError(`cannot read attribute list at ${JSON.stringify(text.slice(pos).trim().slice(0, 20))}; write {: .class #id key="value" }`, pos);
    pos = PART.lastIndex;
    if (m[1] !== undefined) classes.push(m[1]);
    else if (m[2] !== undefined) attrs.set("id", m[2]);
    else {
      const name = (m[3] ?? "").toLowerCase();
      const value = m[4] ?? m[5] ?? m[6] ?? "";
      // Event handlers would run author text as script; kramdown keeps them, we do not.
      if (name.startsWith("on")) continue;
      if (name === "class") classes.push(...value.split(/\s+/).filter(Boolean));
      else attrs.set(name, value);
    }
  }
  const result: Attribute[] = [...attrs.entries()];
  if (classes.length > 0) result.push(["class", classes.join(" ")]);
  return result;
}

const IAL_TOKEN = "kramdown_ial";

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

function findLinkOpen(children: Token[], closeIndex: number): Token | undefined {
  let depth = 0;
  for (let i = closeIndex; i >= 0; i--) {
    const t = children[i]!;
    if (t.type === "link_close") depth++;
    if (t.type === "link_open" && --depth === 0) return t;
  }
  return undefined;
}

/** The inline part: `{:` ... `}` becomes a token holding the attributes. */
function ialInlineRule(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x7b /* { */ || src.charCodeAt(start + 1) !== 0x3a /* : */) return false;
  const end = src.indexOf("}", start + 2);
  if (end < 0 || src.slice(start, end).includes("\n")) return false;
  let attributes: Attribute[];
  try {
    attributes = parseAttributeList(src.slice(start + 2, end));
  } catch {
    return false;
  }
  if (!silent) {
    const token = state.push(IAL_TOKEN, "", 0);
    token.meta = { attributes };
  }
  state.pos = end + 1;
  return true;
}

function isIal(token: Token | undefined): token is Token {
  return token?.type === IAL_TOKEN;
}

/** The core part: attach each list to the link, image or block it annotates. */
function attachAttributes(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const inline = tokens[i]!;
    if (inline.type !== "inline" || !inline.children) continue;
    const children = inline.children;
    const blockOpen = tokens[i - 1];
    const kept: Token[] = [];
    children.forEach((child, j) => {
      if (!isIal(child)) {
        kept.push(child);
        return;
      }
      const attributes = (child.meta as { attributes: Attribute[] }).attributes;
      const previous = children[j - 1];
      const next = children[j + 1];
      if (previous?.type === "link_close") applyAttributes(findLinkOpen(children, j - 1) ?? previous, attributes);
      else if (previous?.type === "image") applyAttributes(previous, attributes);
      else if (blockOpen && (j === 0 || previous?.type === "softbreak") && (next === undefined || next.type === "softbreak")) {
        // A block list on its own line before or after the paragraph text belongs to the block.
        applyAttributes(blockOpen, attributes);
        if (next?.type === "softbreak") children.splice(j + 1, 1);
        else if (previous?.type === "softbreak") kept.pop();
      }
      // After plain text a span list has no element to annotate: kramdown drops it, and so do we.
    });
    inline.children = kept;
    if (kept.length === 0 && blockOpen?.type === "paragraph_open") {
      blockOpen.hidden = true;
      const close = tokens[i + 1];
      if (close) close.hidden = true;
    }
  }
}

export function kramdownAttributesPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("emphasis", IAL_TOKEN, ialInlineRule);
  md.core.ruler.after("text_join", "kramdown_ial_attach", attachAttributes);
  md.renderer.rules[IAL_TOKEN] = () => "";
}
