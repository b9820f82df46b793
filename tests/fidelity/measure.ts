import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import { findMarkers } from "./markers.ts";

/**
 * What a reader gets from one page's content region, measured the same way on
 * Jekyll's output (to make the stored extract) and on ours (in the test); the
 * rules follow ../shared/tools/fidelity.py so its figures and these agree:
 * - Jekyll's region: `<div class="post-content">` up to the theme's `<footer`,
 *   cut back to its trailer (tags, comments); ours: `<main data-pagefind-body>`.
 * - Chrome dropped on both sides: scripts, styles, templates, `#toc`, page
 *   titles (compared elsewhere), Jekyll's "Edit me" and share buttons, our
 *   heading anchors, "On this page", previous/next, tag list, search filters,
 *   the release banner (the theme shows it outside its content region).
 * - text: words and single punctuation marks, typography folded to ASCII;
 *   ids: every `id` and `<a name>` (deep-link targets); counts of tables,
 *   code blocks and images.
 */
export interface PageMeasure {
  /** Where the page redirects to, when it is only a redirect stub. */
  readonly redirect?: string;
  /** Text tokens, space-separated (tokens hold no spaces). */
  readonly text: string;
  readonly ids: readonly string[];
  readonly counts: { readonly table: number; readonly pre: number; readonly img: number };
  /** Source syntax or markers on the page (markers.ts); Jekyll's own count as published. */
  readonly markers: readonly string[];
}

const BLOCK = new Set(
  "address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul img iframe object video option select textarea button legend".split(" "),
);
const DROP_TAGS = new Set(["script", "style", "template"]);
const TYPOGRAPHY: Record<string, string> = { "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2013": "--", "\u2014": "---", "\u2026": "...", "\u00ab": "<<", "\u00bb": ">>" };
const TOKEN = /[\p{L}\p{M}\p{N}\p{Pc}]+|[^\p{L}\p{M}\p{N}\p{Pc}\s]/gu;
const REFRESH = /<meta\s+http-equiv=["']?refresh["']?\s+content=["']\s*\d+\s*;\s*url=([^"']+)["']/i;

const isElement = (node: ChildNode): node is Element => node.type === "tag" || node.type === "script" || node.type === "style";
const classes = (el: Element): string[] => (el.attribs.class ?? "").split(/\s+/);

/** Words and punctuation of a text, typography folded to ASCII, zero-width characters dropped. */
export function textTokens(text: string): string[] {
  const folded = text
    .normalize("NFC")
    .replace(/[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g, "")
    .replace(/[\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u00ab\u00bb]/g, (c) => TYPOGRAPHY[c]!);
  return folded.match(TOKEN) ?? [];
}

function measureRoot(nodes: ChildNode[], drop: (el: Element) => boolean): Omit<PageMeasure, "redirect" | "markers"> {
  const parts: string[] = [];
  const ids = new Set<string>();
  const counts = { table: 0, pre: 0, img: 0 };
  const walk = (list: ChildNode[]): void => {
    for (const node of list) {
      if (node.type === "text") parts.push(node.data);
      if (!isElement(node) || DROP_TAGS.has(node.name) || drop(node)) continue;
      if (node.attribs.id) ids.add(node.attribs.id);
      if (node.name === "a" && node.attribs.name) ids.add(node.attribs.name);
      if (node.name === "table" || node.name === "pre" || node.name === "img") counts[node.name]++;
      const block = BLOCK.has(node.name);
      if (block) parts.push(" ");
      walk(node.children);
      if (block) parts.push(" ");
    }
  };
  walk(nodes);
  return { text: textTokens(parts.join("")).join(" "), ids: [...ids].sort(), counts };
}

function redirectTarget(html: string): string | undefined {
  return REFRESH.exec(html.slice(0, 4000))?.[1];
}

const POST_CONTENT = /<div\s+class="post-content"[^>]*>/;
const COL_MD_9 = /<div\s+class="col-md-9"[^>]*>/;
const TRAILERS = ['<hr class="shaded"', '<div class="tags">', '<div id="commento">', '<div id="disqus_thread">'];

/** A page as Jekyll's documentation theme published it. */
export function measureJekyllPage(html: string): PageMeasure {
  const redirect = redirectTarget(html);
  if (redirect) return { redirect, text: "", ids: [], counts: { table: 0, pre: 0, img: 0 }, markers: [] };
  let chunk = html;
  const post = POST_CONTENT.exec(html);
  const region = post ?? COL_MD_9.exec(html);
  if (region) {
    const start = region.index + region[0].length;
    const end = html.indexOf("<footer", start);
    chunk = html.slice(start, end < 0 ? html.length : end);
    if (post) {
      for (const marker of TRAILERS) {
        const cut = chunk.lastIndexOf(marker);
        if (cut >= 0) chunk = chunk.slice(0, cut);
      }
    }
  } else {
    const body = /<body[^>]*>/i.exec(html);
    if (body) chunk = html.slice(body.index + body[0].length);
  }
  const measure = measureRoot(parseDocument(chunk).children, (el) => {
    const cls = classes(el);
    if (el.attribs.id === "toc") return true;
    if (el.name === "a" && (cls.includes("githubEditButton") || cls.includes("twitter-share-button"))) return true;
    return el.name === "h1" && (cls.includes("post-title-main") || cls.includes("post-title"));
  });
  return { ...measure, markers: findMarkers(chunk) };
}

/** A page as this project publishes it: its `<main data-pagefind-body>` without the site's own chrome. */
export function measureOurPage(html: string): PageMeasure {
  const redirect = redirectTarget(html);
  if (redirect) return { redirect, text: "", ids: [], counts: { table: 0, pre: 0, img: 0 }, markers: [] };
  const start = /<main\b[^>]*data-pagefind-body[^>]*>/.exec(html) ?? /<main\b[^>]*>/.exec(html);
  const end = html.lastIndexOf("</main>");
  const chunk = start ? html.slice(start.index + start[0].length, end > start.index ? end : html.length) : html;
  const measure = measureRoot(parseDocument(chunk).children, (el) => {
    const cls = classes(el);
    if (el.attribs.id === "toc") return true;
    if (el.name === "h1" && cls.includes("app-page-title")) return true;
    if (el.name === "a" && cls.includes("app-heading__anchor")) return true;
    if (el.name === "nav" && (cls.includes("app-contents") || cls.includes("nhsuk-pagination"))) return true;
    if (el.name === "div" && (cls.includes("app-page-tags") || cls.includes("app-release-banner"))) return true;
    return "hidden" in el.attribs && "data-pagefind-ignore" in el.attribs;
  });
  return { ...measure, markers: findMarkers(html) };
}

/**
 * How alike two token sequences are: 2·(longest common subsequence)/(total
 * length), as difflib's ratio is for such texts. Myers' diff finds it in
 * O((N+M)·D); past `floor` (a ratio below it) the answer is only "below".
 */
export function similarity(a: readonly string[], b: readonly string[], floor = 0.9): number {
  const n = a.length;
  const m = b.length;
  if (n + m === 0) return 1;
  const maxD = Math.ceil((n + m) * (1 - floor)) + 1;
  const offset = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  for (let d = 0; d <= maxD; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return (n + m - d) / (n + m);
    }
  }
  return Math.min(floor, (n + m - maxD) / (n + m));
}
