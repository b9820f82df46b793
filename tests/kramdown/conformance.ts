import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import { createMarkdown } from "../../src/markdown/index.ts";

/**
 * kramdown's and kramdown-parser-gfm's own test inputs (cases/, pinned copies,
 * see README.md), rendered by Jekyll's Markdown converter and by this
 * project's pipeline, and compared after parsing: the text a reader gets and
 * the element structure, the syntax highlighters' spans and wrappers left out.
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CASES_DIR = path.join(HERE, "cases");

/** Every case, as its path under cases/ (`kramdown/block/08_list/lazy.text`). */
export function listCases(dir = CASES_DIR, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listCases(dir, rel);
      return rel.endsWith(".text") ? [rel] : [];
    })
    .sort();
}

/** Whether Debian's jekyll (with ruby-kramdown-parser-gfm) can be run here. */
export function jekyllAvailable(): boolean {
  return spawnSync("ruby", ["-e", 'require "jekyll"; require "kramdown-parser-gfm"'], { env: { ...process.env, JEKYLL_NO_BUNDLER_REQUIRE: "true" } }).status === 0;
}

/** Every case rendered by Jekyll's converter, in one Ruby process (render.rb). */
export function renderWithJekyll(cases: readonly string[]): Map<string, string> {
  const run = spawnSync("ruby", [path.join(HERE, "render.rb"), ...cases], {
    cwd: CASES_DIR,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, JEKYLL_NO_BUNDLER_REQUIRE: "true" },
  });
  if (run.status !== 0) throw new Error(`tests/kramdown/render.rb failed (exit ${run.status ?? run.signal}): ${run.stderr || run.error?.message}`);
  return new Map(Object.entries(JSON.parse(run.stdout) as Record<string, string>));
}

/** Every case rendered by the project's pipeline, indented code on as the site has it. */
export function renderWithProject(cases: readonly string[]): Map<string, string> {
  const md = createMarkdown().enable("code");
  return new Map(cases.map((name) => [name, md.render(readFileSync(path.join(CASES_DIR, name), "utf8"), {})]));
}

const BLOCK = new Set(
  "address article aside blockquote br caption dd details div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul math".split(" "),
);
const isElement = (node: ChildNode): node is Element => node.type === "tag" || node.type === "script" || node.type === "style";
const classes = (el: Element): string[] => (el.attribs.class ?? "").split(/\s+/);

/** Highlighters' wrappers around a `<pre>`: rouge's `div.highlighter-rouge > div.highlight`, Prism's none. */
function isHighlightWrapper(el: Element): boolean {
  const cls = classes(el);
  return (el.name === "div" || el.name === "figure") && (cls.includes("highlighter-rouge") || cls.includes("highlight"));
}

export interface CaseShape {
  /** The text, whitespace runs as one space, block boundaries as a space. */
  readonly text: string;
  /** Elements as nested tag names, `p(em,a)`; code content is one leaf. */
  readonly structure: string;
}

/** What a case's HTML shows: its text and its element structure. */
export function shapeOf(html: string): CaseShape {
  const text: string[] = [];
  const walk = (nodes: ChildNode[], inCode: boolean): string[] => {
    const out: string[] = [];
    for (const node of nodes) {
      if (node.type === "text") text.push(node.data);
      if (!isElement(node)) continue;
      if (isHighlightWrapper(node)) {
        out.push(...walk(node.children, inCode));
        continue;
      }
      // Inside code only the text counts: highlighters differ in their spans.
      const code = inCode || node.name === "pre" || node.name === "code";
      const block = BLOCK.has(node.name);
      if (block) text.push(" ");
      const inner = walk(node.children, code);
      if (block) text.push(" ");
      if (inCode) continue;
      out.push(inner.length > 0 ? `${node.name}(${inner.join(",")})` : node.name);
    }
    return out;
  };
  const structure = walk(parseDocument(html).children, false).join(",");
  return { text: text.join("").replace(/\s+/g, " ").trim(), structure };
}

export interface CaseResult {
  readonly name: string;
  readonly sameText: boolean;
  readonly sameStructure: boolean;
  readonly jekyll: CaseShape;
  readonly project: CaseShape;
}

/** Compares every case's two renderings. */
export function compareCases(jekyll: ReadonlyMap<string, string>, project: ReadonlyMap<string, string>): CaseResult[] {
  return [...jekyll].map(([name, html]) => {
    const ours = project.get(name);
    if (ours === undefined) throw new Error(`no project rendering for ${name}`);
    const a = shapeOf(html);
    const b = shapeOf(ours);
    return { name, sameText: a.text === b.text, sameStructure: a.structure === b.structure, jekyll: a, project: b };
  });
}
