import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { loadJekyllConfig } from "../../src/source/jekyllConfig.ts";
import { readJekyllTree } from "../../src/source/jekyllTree.ts";
import { frontMatterLines } from "../../src/source/sourceFile.ts";
import { parse } from "node-html-parser";
import { build, listFiles, ROOT, type BuildResult } from "../helpers/build.ts";

const CONTENT = path.join(ROOT, "content");

/** Each Bootstrap family an author may write, and the NHS.UK component it must come out as. */
const FAMILIES = [
  { name: "cards", source: "panel", output: ".nhsuk-card" },
  { name: "buttons", source: "btn", output: ".nhsuk-button" },
  { name: "alerts", source: "alert", output: ".app-callout--alert" },
  { name: "insets", source: "well", output: ".nhsuk-inset-text" },
] as const;

/** The page's own HTML elements carrying `token` as a class, outside code samples (which show markup as text). */
function countInSource(markdown: string, token: string): number {
  const prose = markdown.replace(/^(`{3,}|~{3,})[\s\S]*?^\1/gm, "").replace(/\{%\s*(highlight|raw)\b[\s\S]*?\{%\s*end\1\s*%\}/g, "").replace(/`[^`\n]*`/g, "");
  return parse(prose).querySelectorAll("[class]").filter((el) => (el.getAttribute("class") ?? "").split(/\s+/).includes(token)).length;
}

/**
 * Every page of `tree` with a permalink shows as many of each family's component as its source has
 * elements of the family; `atLeast` says how many the tree has in all, so the check has something to check.
 */
function assertNothingDropped(tree: string, site: BuildResult, atLeast: Partial<Record<(typeof FAMILIES)[number]["name"], number>>): void {
  const totals = new Map<string, number>();
  const mismatches: string[] = [];
  // The pages Jekyll publishes from the tree, where it publishes them; a page with `layout: none` is published as its author wrote it.
  const framed = (data: Readonly<Record<string, unknown>>): boolean => data["layout"] !== "none" && data["layout"] !== null;
  for (const page of readJekyllTree(tree, loadJekyllConfig(tree)).pages.filter((p) => p.output && framed(p.data) && /\.(md|markdown|html)$/.test(p.file))) {
    if (!site.exists(page.outputPath)) continue;
    const source = readFileSync(path.join(tree, page.file), "utf8");
    const content = source.split("\n").slice(frontMatterLines(source)).join("\n");
    const main = parse(site.read(page.outputPath)).querySelector(".app-content");
    for (const family of FAMILIES) {
      const expected = countInSource(content, family.source);
      const found = main?.querySelectorAll(family.output).length ?? 0;
      totals.set(family.name, (totals.get(family.name) ?? 0) + expected);
      if (found < expected) mismatches.push(`${page.outputPath}: ${expected} ${family.name} in the source, ${found} in the page`);
    }
  }
  assert.deepEqual(mismatches, []);
  for (const [name, count] of Object.entries(atLeast)) assert.ok((totals.get(name) ?? 0) >= count, `${name} to check: ${JSON.stringify([...totals])}`);
}

describe("authors' Bootstrap markup in the real corpus", () => {
  let site: BuildResult;
  before(() => {
    site = build(CONTENT);
    assert.equal(site.status, 0, site.stderr);
  });

  it("shows the home page's three pathway cards, each with its Learn more button", () => {
    const main = parse(site.read("index.html")).querySelector(".app-content")!;
    const cards = main.querySelectorAll(".nhsuk-card-group .nhsuk-card");
    assert.deepEqual(
      cards.map((card) => card.querySelector(".nhsuk-card__heading")?.textContent),
      ["Consumer supplier", "Clinical system supplier", "End-user organisation"],
    );
    assert.ok(cards.every((card) => card.querySelector("a.nhsuk-button")?.textContent === "Learn more"));
  });

  it("loses no block of authors' HTML: no page keeps a placeholder the Markdown step left for one", () => {
    const lost = listFiles(site.output).filter((f) => f.endsWith(".html") && site.read(f).includes("<!--kramdown-html:"));
    assert.deepEqual(lost, []);
    assert.match(site.read("accessrecord_usecase_3.18.html"), /<td>Step 1<\/td>/, "the rows of a table its author never closed");
  });

  it("drops no card, button, alert or inset: each page has as many as its source", () => {
    assertNothingDropped(CONTENT, site, { cards: 6, buttons: 6, alerts: 2 });
  });
});

describe("authors' Bootstrap markup in the theme's own documentation", () => {
  it("drops no card, button, alert or inset: each page has as many as its source", () => {
    const tree = path.join(ROOT, "tests/corpora/documentation-theme-jekyll");
    const theme = build(tree);
    assert.equal(theme.status, 0, theme.stderr);
    assertNothingDropped(tree, theme, { cards: 20, buttons: 20, alerts: 4 });
  });
});
