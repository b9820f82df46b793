import { defaultTreeAdapter, html as spec, parse, parseFragment, serialize, type DefaultTreeAdapterTypes as Dom } from "parse5";
import { escapeHtml } from "./html.ts";
import { urlScheme } from "./sitePaths.ts";

/**
 * What a tree's HTML may keep when it reaches readers: an allowlist of
 * elements and attributes, applied to the tree parse5 builds. parse5 is the
 * HTML standard's parser (scripting on, as in a browser), so the sanitiser
 * sees what Chromium sees: `<!-->`, `<noscript>`/`<xmp>` breakouts and
 * `<svg><style>` are read as the browser reads them, not as a lenient parser guesses.
 */

/** Elements kept as they are (HTML namespace). */
const HTML_ELEMENTS = new Set(
  ("a abbr acronym address article aside b bdi bdo big blockquote body br button caption center cite code col colgroup data dd del details dfn " +
    "dialog div dl dt em fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i img input ins kbd label legend " +
    "li link main mark menu meta nav ol optgroup option output p picture pre progress q rp rt ruby s samp search section select small source span " +
    "strike strong style sub summary sup table tbody td textarea tfoot th thead time title tr tt u ul var wbr").split(" "),
);

/** SVG elements kept (drawing and text; no scripting, animation, foreign content or external references). */
const SVG_ELEMENTS = new Set(
  ("svg a circle clipPath defs desc ellipse font font-face glyph g image line linearGradient marker mask metadata missing-glyph path pattern " +
    "polygon polyline radialGradient rect stop symbol text textPath title tspan").split(" "),
);

/**
 * Elements removed with everything inside them: they run script, load other
 * documents, redirect, rebase links, or hold raw text a browser reads
 * differently from its markup. Any other element outside the lists is
 * unwrapped: its content stays, the element goes.
 */
const REMOVED_WITH_CONTENT = new Set(
  ("script noscript xmp noembed noframes plaintext iframe frame frameset object embed applet param base template portal fencedframe " +
    "foreignObject animate animateColor animateMotion animateTransform set discard handler listener").split(" "),
);

const ATTRIBUTES = new Set(
  ("abbr accept align alt autocomplete axis bgcolor border cellpadding cellspacing char charoff charset checked cite clear color cols colspan " +
    "compact content coords datetime dir disabled http-equiv download draggable face for frame headers height hidden href hreflang id label lang " +
    "list loading decoding max maxlength media method min minlength multiple name noshade nowrap open pattern placeholder readonly rel required " +
    "reversed role rows rowspan rules scope selected shape size sizes span src srcset start step style summary tabindex target title translate " +
    "type valign value width xmlns xmlns:xlink xml:lang xml:space class action enctype").split(" "),
);

const SVG_ATTRIBUTES = new Set(
  ("alignment-baseline ascent bbox clip-path clip-rule clipPathUnits cx cy d descent display dominant-baseline dx dy enable-background fill " +
    "fill-opacity fill-rule focusable font-family font-size font-stretch font-style font-weight fx fy glyph-name gradientTransform gradientUnits " +
    "horiz-adv-x lengthAdjust letter-spacing marker-end marker-mid marker-start markerHeight markerUnits markerWidth mask maskContentUnits maskUnits " +
    "offset opacity orient overflow panose-1 patternContentUnits patternTransform patternUnits points preserveAspectRatio r refX refY rotate rx ry " +
    "shape-rendering spreadMethod startOffset stop-color stop-opacity stroke stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin " +
    "stroke-miterlimit stroke-opacity stroke-width text-anchor text-rendering textLength transform underline-position underline-thickness unicode " +
    "unicode-range units-per-em vector-effect version viewBox visibility word-spacing x x1 x2 y y1 y2 xlink:href xlink:title").split(" "),
);

/** Attributes holding URLs: any other scheme than these (javascript:, vbscript:, data:, …) is removed. */
const URL_ATTRIBUTES = new Set(["href", "src", "srcset", "action", "formaction", "cite", "poster", "background", "xlink:href"]);
const URL_SCHEMES = new Set(["http", "https", "mailto", "tel", "ftp"]);
/**
 * An image shown as an image runs nothing, whatever its type (an SVG image too: browsers draw it without
 * script or loads), and the policy's `img-src` allows `data:`; anywhere else a `data:` URL is a document.
 */
const IMAGE_DATA_URL = /^\s*data:image\/[\w.+-]+[;,]/i;
const IMAGE_SOURCES = new Set(["img src", "img srcset", "source srcset", "image href", "image xlink:href"]);

/** `http-equiv` values that only describe or restrict the page; `refresh` redirects, `set-cookie` acts. */
const PASSIVE_HTTP_EQUIV = new Set(["content-type", "x-ua-compatible", "content-language", "content-security-policy"]);

/** Something the policy removed. */
export interface RemovedMarkup {
  /** What was removed, as markup (`<script>`, `onerror="…"`). */
  readonly markup: string;
  /** Where readers are sent instead, when the removed element is replaced by a link (an `<iframe>`'s `src`). */
  readonly linkedTo?: string;
  /** Texts to look for, in order, in the source to find its line (lower case). */
  readonly needles: readonly string[];
}

export interface SanitisedMarkup {
  readonly html: string;
  /** The tree `html` was written from (without an SVG's XML declaration), for the enhancements and checks to work on. */
  readonly tree: Parent;
  readonly removed: readonly RemovedMarkup[];
}

export type Parent = Dom.ParentNode;

const attributeName = (attribute: { name: string; prefix?: string }): string => (attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name);

function urlAllowed(element: Dom.Element, name: string, value: string): boolean {
  const urls = name === "srcset" ? value.split(",").map((candidate) => candidate.trim().split(/\s+/)[0] ?? "") : [value];
  const image = IMAGE_SOURCES.has(`${element.tagName} ${name}`);
  return urls.every((url) => {
    const scheme = urlScheme(url);
    return scheme === undefined || URL_SCHEMES.has(scheme) || (image && IMAGE_DATA_URL.test(url));
  });
}

/** Whether an attribute goes: not on the list, or a URL with a scheme that could run script or smuggle a document. */
function attributeRemoved(element: Dom.Element, name: string, value: string): boolean {
  const svg = element.namespaceURI === spec.NS.SVG;
  const listed = ATTRIBUTES.has(name) || /^aria-[a-z]+$/.test(name) || (svg ? SVG_ATTRIBUTES.has(name) : /^data-[\w.-]+$/.test(name));
  if (!listed) return true;
  const holdsUrl = URL_ATTRIBUTES.has(name) || /^data-[\w.-]*(?:url|href|src)$/.test(name);
  return holdsUrl && !urlAllowed(element, name, value);
}

function elementKept(element: Dom.Element): "keep" | "remove" | "unwrap" {
  const name = element.tagName;
  if (REMOVED_WITH_CONTENT.has(name) || (element.namespaceURI === spec.NS.SVG && name === "style")) return "remove";
  if (name === "meta") {
    const equiv = element.attrs.find((attribute) => attribute.name === "http-equiv");
    if (equiv && !PASSIVE_HTTP_EQUIV.has(equiv.value.trim().toLowerCase())) return "remove";
  }
  if (element.namespaceURI === spec.NS.HTML) return HTML_ELEMENTS.has(name) ? "keep" : "unwrap";
  if (element.namespaceURI === spec.NS.SVG) return SVG_ELEMENTS.has(name) ? "keep" : "unwrap";
  return "unwrap";
}

const startTag = (element: Dom.Element): string => {
  const equiv = element.tagName === "meta" ? element.attrs.find((attribute) => attribute.name === "http-equiv") : undefined;
  return equiv ? `<meta http-equiv="${equiv.value}">` : `<${element.tagName}>`;
};

/** The markup as written at a parsed location (first pass only): the surest text to find in the page's source. */
const written = (markup: string | undefined, location: { startOffset: number; endOffset: number } | null | undefined): string[] =>
  markup !== undefined && location ? [markup.slice(location.startOffset, location.endOffset).toLowerCase()] : [];

/** Where an embedded URL leads, in a few words: its host, else (a path in the site) the URL itself. */
function embedPlace(src: string): string {
  try {
    return new URL(src).host || src;
  } catch {
    return src;
  }
}

/**
 * An `<iframe>` (an embedded video or diagram) loads another page, so it goes; a link to what it
 * embedded takes its place, so readers still reach it: its `title` (else "Embedded content") and where it leads.
 */
function embedLink(element: Dom.Element): Dom.Element | undefined {
  const src = element.attrs.find((attribute) => attribute.name === "src")?.value.trim();
  if (element.tagName !== "iframe" || element.namespaceURI !== spec.NS.HTML || !src || !urlAllowed(element, "src", src)) return undefined;
  const title = element.attrs.find((attribute) => attribute.name === "title")?.value.trim();
  const link = defaultTreeAdapter.createElement("a", spec.NS.HTML, [
    { name: "href", value: src },
    { name: "class", value: "app-embed-link" },
  ]);
  defaultTreeAdapter.insertText(link, `${title || "Embedded content"} (${embedPlace(src)})`);
  return link;
}

/** Applies the policy to every node under `parent`, in place, noting what it removes; `markup` is the text parsed, with locations. */
function clean(parent: Parent, removed: RemovedMarkup[], markup?: string): void {
  const children = defaultTreeAdapter.getChildNodes(parent);
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    // Comments show nothing, and a comment's text is where parsers disagree (`<!-->`): none is kept.
    if (defaultTreeAdapter.isCommentNode(node)) {
      children.splice(index--, 1);
      continue;
    }
    if (!defaultTreeAdapter.isElementNode(node)) continue;
    const verdict = elementKept(node);
    if (verdict !== "keep") {
      const link = verdict === "remove" ? embedLink(node) : undefined;
      removed.push({
        markup: startTag(node),
        ...(link ? { linkedTo: link.attrs[0]!.value } : {}),
        needles: [...written(markup, node.sourceCodeLocation?.startTag), `<${node.tagName.toLowerCase()}`],
      });
      const inner = link ? [link] : verdict === "unwrap" ? node.childNodes : [];
      for (const child of inner) child.parentNode = parent;
      children.splice(index, 1, ...inner);
      index--;
      continue;
    }
    node.attrs = node.attrs.filter((attribute) => {
      const name = attributeName(attribute);
      if (!attributeRemoved(node, name, attribute.value)) return true;
      const location = node.sourceCodeLocation;
      removed.push({
        markup: `${name}="${attribute.value}"`,
        needles: [...written(markup, location?.attrs?.[attributeName(attribute)]), ...written(markup, location?.startTag), attribute.value.toLowerCase(), name.toLowerCase()].filter(Boolean),
      });
      return false;
    });
    clean(node, removed, markup);
  }
}

/** Chromium's HTML parser nests no deeper (kMaximumHTMLParserDOMTreeDepth); it puts deeper elements beside the last. */
const MAX_DEPTH = 512;

/** Deeper than browsers nest, an element's descendants become their text: the walk and writer below recurse. */
function limitDepth(root: Parent): void {
  const stack: [Parent, number][] = [[root, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    for (const child of defaultTreeAdapter.getChildNodes(node)) {
      if (!defaultTreeAdapter.isElementNode(child)) continue;
      if (depth + 1 < MAX_DEPTH) stack.push([child, depth + 1]);
      else child.childNodes = textsUnder(child).map((text) => ({ ...text, parentNode: child }));
    }
  }
}

function textsUnder(root: Parent): Dom.TextNode[] {
  const texts: Dom.TextNode[] = [];
  const stack: Dom.Node[] = [...defaultTreeAdapter.getChildNodes(root)].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (defaultTreeAdapter.isTextNode(node)) texts.push(node);
    else if (defaultTreeAdapter.isElementNode(node)) stack.push(...[...node.childNodes].reverse());
  }
  return texts;
}

/** The shapes a page's markup comes in: part of a page, a whole HTML document, or an SVG image. */
export type MarkupKind = "fragment" | "document" | "svg";

const SVG_CONTEXT = defaultTreeAdapter.createElement("svg", spec.NS.SVG, []);
const XML_DECLARATION = /^\s*<\?xml[^>]*\?>\s*/;

function parseAs(kind: MarkupKind, markup: string, locate: boolean): Parent {
  const options = { sourceCodeLocationInfo: locate };
  if (kind === "document") return parse(markup, options);
  if (kind === "svg") return parseFragment(SVG_CONTEXT, markup, options);
  return parseFragment(markup, options);
}

/** parse5 writes HTML; an SVG file is read as XML, which knows no `&nbsp;`. */
const serialiseAs = (kind: MarkupKind, tree: Parent): string => (kind === "svg" ? serialize(tree).replaceAll("&nbsp;", "&#160;") : serialize(tree));

/** Passes before markup that keeps changing when read again is given up on (two suffice for any page seen). */
const MAX_PASSES = 4;

/**
 * The markup with everything outside the policy removed. The result is read
 * again until reading it changes nothing, so markup that means something
 * else when parsed a second time (mutation XSS) is caught on that reading.
 */
export function sanitiseMarkup(markup: string, kind: MarkupKind, extraHead?: (document: Dom.Document) => void): SanitisedMarkup {
  const removed: RemovedMarkup[] = [];
  const declaration = kind === "svg" ? (XML_DECLARATION.exec(markup)?.[0] ?? "") : "";
  let current = declaration ? markup.slice(declaration.length) : markup;
  const read = (text: string, locate: boolean): Parent => {
    const tree = parseAs(kind, text, locate);
    limitDepth(tree);
    clean(tree, removed, locate ? text : undefined);
    return tree;
  };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const before = removed.length;
    let tree = read(current, false);
    // Source locations double the parser's time and only place what was removed in the source:
    // the first reading is made again with them when it removed something.
    if (pass === 0 && removed.length > 0) {
      removed.length = 0;
      tree = read(current, true);
    }
    if (pass === 0 && kind === "document" && extraHead) extraHead(tree as Dom.Document);
    const written = serialiseAs(kind, tree);
    // Written back as it was read, the markup has already been read as it would be read again (as most
    // pages' first reading is): reading it a second time would build the same tree and write the same text.
    if (removed.length === before && written === current) return { html: declaration + written, tree, removed };
    current = written;
  }
  removed.push({ markup: "markup that reads differently each time it is parsed", needles: [] });
  const html = escapeHtml(current);
  return { html, tree: parseFragment(html), removed };
}

/** Markup that writes its own document (a doctype, `<html>`, `<head>` or `<body>`), not a fragment a browser wraps. */
const DOCUMENT_MARKUP = /<(?:!doctype|html|head|body)[\s>]/i;

/**
 * An unframed HTML page: the policy applied, and the page's Content-Security-Policy
 * `meta` first in its head. A fragment (as `layout: none` pages often are) stays the
 * fragment Jekyll published, with the `meta` before it, which browsers put in the head.
 */
export function sanitiseDocument(markup: string, contentSecurityPolicy: string): SanitisedMarkup {
  if (!DOCUMENT_MARKUP.test(markup)) {
    const fragment = sanitiseMarkup(markup, "fragment");
    return { ...fragment, html: `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy)}">${fragment.html}` };
  }
  return sanitiseMarkup(markup, "document", (document) => {
    const html = document.childNodes.find(defaultTreeAdapter.isElementNode);
    const head = html?.childNodes.find((node): node is Dom.Element => defaultTreeAdapter.isElementNode(node) && node.tagName === "head");
    if (!head) return;
    const meta = defaultTreeAdapter.createElement("meta", spec.NS.HTML, [
      { name: "http-equiv", value: "Content-Security-Policy" },
      { name: "content", value: contentSecurityPolicy },
    ]);
    meta.parentNode = head;
    head.childNodes.unshift(meta);
  });
}
