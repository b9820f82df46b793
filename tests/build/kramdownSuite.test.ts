import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { compareCases, jekyllAvailable, listCases, renderWithJekyll, renderWithProject, type CaseResult } from "../kramdown/conformance.ts";
import { DEVIATIONS, type Aspect } from "../kramdown/deviations.ts";

// Locally the suite needs Debian's jekyll (README: "Run every test"); in CI a missing jekyll fails it.
const missing = jekyllAvailable() ? undefined : "needs Debian's jekyll and ruby-kramdown-parser-gfm (apt-get install jekyll ruby-kramdown-parser-gfm)";
if (missing && process.env.CI) throw new Error(`the kramdown suite ${missing}`);

const TEXT_FLOOR = 222;
const STRUCTURE_FLOOR = 224;

const differing = (r: CaseResult): Aspect[] => [...(r.sameText ? [] : ["text" as const]), ...(r.sameStructure ? [] : ["structure" as const])];
const describeCase = (r: CaseResult): string =>
  `${r.name} differs in ${differing(r).join(" and ")}:\n  Jekyll:  ${r.sameText ? r.jekyll.structure : r.jekyll.text}\n  project: ${r.sameText ? r.project.structure : r.project.text}`;

describe("kramdown's own test cases, against Jekyll's Markdown converter", { skip: missing }, () => {
  let results: CaseResult[] = [];
  before(() => {
    const cases = listCases();
    results = compareCases(renderWithJekyll(cases), renderWithProject(cases));
  });

  it("covers every pinned case (216 of kramdown's, 16 of kramdown-parser-gfm's)", () => {
    assert.equal(results.filter((r) => r.name.startsWith("kramdown/")).length, 216);
    assert.equal(results.filter((r) => r.name.startsWith("parser-gfm/")).length, 16);
  });

  it("render every case as Jekyll does, but the listed deviations", () => {
    const unexpected = results.filter((r) => differing(r).some((aspect) => !DEVIATIONS[r.name]?.differs.includes(aspect)));
    assert.deepEqual(unexpected.map(describeCase), [], "fix these, or list them in tests/kramdown/deviations.ts with the reason");
  });

  it("list no deviation that no longer occurs", () => {
    const byName = new Map(results.map((r) => [r.name, r]));
    const stale = Object.entries(DEVIATIONS).flatMap(([name, { differs }]) => {
      const result = byName.get(name);
      return differs.filter((aspect) => !result || !differing(result).includes(aspect)).map((aspect) => `${name}: ${aspect}`);
    });
    assert.deepEqual(stale, [], "these cases now match Jekyll: remove them from tests/kramdown/deviations.ts");
  });

  // Issue 21's bar is 95 % text (221 cases) and 90 % structure (209); this floor is what the pipeline reaches now and may only rise.
  it(`give identical text in at least ${TEXT_FLOOR} cases and identical structure in at least ${STRUCTURE_FLOOR}`, () => {
    assert.ok(results.filter((r) => r.sameText).length >= TEXT_FLOOR, `identical text in ${results.filter((r) => r.sameText).length} cases`);
    assert.ok(results.filter((r) => r.sameStructure).length >= STRUCTURE_FLOOR, `identical structure in ${results.filter((r) => r.sameStructure).length} cases`);
  });
});
