import { decodeHTML, escapeAttribute, escapeText } from "entities";
import { detached } from "./detached.ts";
import { defaultTreeAdapter as adapter, html as spec, type DefaultTreeAdapterTypes as Dom } from "parse5";

/**
 * A page's content as the tree parse5 built for the markup policy, and the few
 * operations the enhancements (Bootstrap mapping, heading links, tables) and the
 * link checks need on it: one parse serves them all.
 */
export type Element = Dom.Element;
export type Parent = Dom.ParentNode;
export type ChildNode = Dom.ChildNode;

export const isElement = (node: Dom.Node): node is Element => adapter.isElementNode(node);
const isHtml = (element: Element): boolean => element.namespaceURI === spec.NS.HTML;

/** Elements whose content a reader's enhancement leaves alone, kept as written: code blocks and style sheets. */
const OPAQUE = new Set(["pre", "style"]);
const opaque = (element: Element): boolean => isHtml(element) && OPAQUE.has(element.tagName);

export const attribute = (element: Element, name: string): string | undefined => element.attrs.find((a) => a.name === name)?.value;

/**
 * Elements whose empty attributes are written bare (`data-pagefind-ignore`, not `data-pagefind-ignore=""`):
 * those the enhancements made or whose attributes they changed, written as published pages have always had
 * them (the Bootstrap mapping's earlier parser rewrote a changed element's attributes so). parse5 writes a value for every attribute.
 */
const bareAttributes = new WeakSet<Element>();

export function setAttribute(element: Element, name: string, value: string): void {
  const existing = element.attrs.find((a) => a.name === name);
  if (existing) existing.value = value;
  else element.attrs.push({ name, value });
  bareAttributes.add(element);
}

export function removeAttribute(element: Element, name: string): void {
  element.attrs = element.attrs.filter((a) => a.name !== name);
  bareAttributes.add(element);
}

export function createElement(tagName: string, attrs: Record<string, string>, bare = false): Element {
  const element = adapter.createElement(tagName, spec.NS.HTML, Object.entries(attrs).map(([name, value]) => ({ name, value })));
  if (bare) bareAttributes.add(element);
  return element;
}

export function appendChildren(parent: Parent, children: readonly ChildNode[]): void {
  for (const child of children) {
    child.parentNode = parent;
    parent.childNodes.push(child);
  }
}

function textNode(value: string): Dom.TextNode {
  return { nodeName: "#text", value, parentNode: null };
}

/** Markup the enhancements wrote themselves (escaped by `html`), written out as it is. */
const rawTexts = new WeakSet<Dom.TextNode>();

export function rawMarkup(markup: string): Dom.TextNode {
  const node = textNode(markup);
  rawTexts.add(node);
  return node;
}

export function remove(node: ChildNode): void {
  const parent = node.parentNode;
  if (!parent) return;
  const index = parent.childNodes.indexOf(node);
  if (index >= 0) parent.childNodes.splice(index, 1);
  node.parentNode = null;
}

/** Puts `nodes` where `node` was. */
export function replaceWith(node: ChildNode, nodes: readonly ChildNode[]): void {
  const parent = node.parentNode;
  if (!parent) return;
  const index = parent.childNodes.indexOf(node);
  for (const child of nodes) child.parentNode = parent;
  parent.childNodes.splice(index, 1, ...nodes);
  node.parentNode = null;
}

/**
 * Elements under `root` in document order. `enter` says whether to look inside an element;
 * by default a code block's or style sheet's content is left alone, as markup the author wrote.
 */
export function descendants(root: Parent, enter: (element: Element) => boolean = (element) => !opaque(element)): Element[] {
  const found: Element[] = [];
  const stack: ChildNode[] = [...root.childNodes].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!isElement(node)) continue;
    found.push(node);
    if (enter(node)) for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return found;
}

/** Visits the elements under `root` in document order, looking inside one only when `visit` returns true. */
export function walk(root: Parent, visit: (element: Element) => boolean): void {
  const stack: ChildNode[] = [...root.childNodes].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!isElement(node) || !visit(node)) continue;
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
}

/** The text a reader sees under `root` (a code block's or style sheet's markup counts as its text). */
export function textContent(root: Parent): string {
  let text = "";
  const stack: ChildNode[] = [...root.childNodes].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (adapter.isTextNode(node)) text += node.value;
    else if (isElement(node)) {
      if (opaque(node)) text += decodeHTML(innerMarkup(node));
      else for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
    }
  }
  return text;
}

/** parse5's own elements without an end tag. */
const VOID = new Set(["area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"]);
/** Text written as it is inside these (parse5's serialiser, scripting on). */
const RAW_TEXT = new Set(["style", "script", "xmp", "iframe", "noembed", "noframes", "plaintext", "noscript"]);

function attributesMarkup(element: Element): string {
  const bare = bareAttributes.has(element);
  let markup = "";
  for (const a of element.attrs) {
    const name = a.prefix ? `${a.prefix}:${a.name}` : a.name;
    markup += bare && a.value === "" ? ` ${name}` : ` ${name}="${escapeAttribute(a.value)}"`;
  }
  return markup;
}

/** The markup of `nodes`: parse5's serialisation, with the bare attributes above. */
export function markupOf(nodes: readonly ChildNode[]): string {
  let markup = "";
  const stack: (ChildNode | string)[] = [...nodes].reverse();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item === "string") markup += item;
    else if (isElement(item)) {
      markup += `<${item.tagName}${attributesMarkup(item)}>`;
      if (isHtml(item) && VOID.has(item.tagName)) continue;
      stack.push(`</${item.tagName}>`);
      for (let i = item.childNodes.length - 1; i >= 0; i--) stack.push(item.childNodes[i]!);
    } else if (adapter.isTextNode(item)) {
      const parent = item.parentNode;
      markup += rawTexts.has(item) || (parent && isElement(parent) && isHtml(parent) && RAW_TEXT.has(parent.tagName)) ? item.value : escapeText(item.value);
    } else if (adapter.isCommentNode(item)) markup += `<!--${item.data}-->`;
  }
  return markup;
}

export const innerMarkup = (root: Parent): string => markupOf(root.childNodes);

/** A link or image of a page, as the link checks see it. */
export interface Reference {
  readonly kind: "link" | "image";
  readonly value: string;
}

/** What a page's markup offers the link checks: its ids and its links. */
export interface FoundLinks {
  ids: Set<string>;
  refs: Reference[];
}


/** Ids (and `<a name>`s) and links under `root`: a page's content, read from the tree its enhancements worked on. */
export function linksIn(root: Parent, found: FoundLinks = { ids: new Set(), refs: [] }): FoundLinks {
  walk(root, (element) => {
    const id = attribute(element, "id");
    if (id !== undefined) found.ids.add(detached(id));
    const name = element.tagName === "a" ? attribute(element, "name") : undefined;
    if (name !== undefined) found.ids.add(detached(name));
    const href = element.tagName === "a" ? attribute(element, "href") : undefined;
    const src = element.tagName === "img" ? attribute(element, "src") : undefined;
    if (href !== undefined) found.refs.push({ kind: "link", value: detached(href) });
    else if (src !== undefined) found.refs.push({ kind: "image", value: detached(src) });
    return true;
  });
  return found;
}
