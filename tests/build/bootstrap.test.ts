import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import matter from "gray-matter";
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

  it("drops no card, button, alert or inset: each page has as many as its source", () => {
    const totals = new Map<string, [number, number]>();
    const mismatches: string[] = [];
    for (const file of listFiles(CONTENT).filter((f) => f.endsWith(".md") && !f.split("/").some((part) => part.startsWith("_")) && !f.endsWith("README.md"))) {
      const { data, content } = matter(readFileSync(path.join(CONTENT, file), "utf8"));
      const permalink = data["permalink"] ? String(data["permalink"]).replace(/^\//, "") : file.replace(/\.md$/, ".html");
      if (!site.exists(permalink)) continue;
      const main = parse(site.read(permalink)).querySelector(".app-content");
      for (const family of FAMILIES) {
        const expected = countInSource(content, family.source);
        const found = main?.querySelectorAll(family.output).length ?? 0;
        const [s, o] = totals.get(family.name) ?? [0, 0];
        totals.set(family.name, [s + expected, o + found]);
        if (found < expected) mismatches.push(`${permalink}: ${expected} ${family.name} in the source, ${found} in the page`);
      }
    }
    assert.deepEqual(mismatches, []);
    assert.ok((totals.get("cards")?.[0] ?? 0) >= 6 && (totals.get("buttons")?.[0] ?? 0) >= 6 && (totals.get("alerts")?.[0] ?? 0) >= 2, `the corpus has markup to check: ${JSON.stringify([...totals])}`);
  });
});
