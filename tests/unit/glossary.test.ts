import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DiagnosticLog } from "../../src/shared/diagnostics.ts";
import { slugify } from "../../src/markdown/headingIds.ts";
import { buildGlossary } from "../../src/source/glossary.ts";

/** The glossary tooltips read from `_data/glossary.yml`, in each shape real trees and the theme's docs give it. */
function read(data: unknown) {
  const log = new DiagnosticLog();
  const glossary = buildGlossary(data, undefined, log, slugify);
  return { glossary, warnings: log.all().map((d) => d.message) };
}

describe("glossary shapes", () => {
  const expected = [
    { term: "SSP", value: "Spine Secure Proxy", id: "ssp" },
    { term: "PDS", value: "Personal Demographics Service", id: "pds" },
  ];
  const cases: Record<string, unknown> = {
    "a list of { title, value }": [
      { title: "SSP", value: "Spine Secure Proxy" },
      { title: "PDS", value: "Personal Demographics Service" },
    ],
    "a list of { term, definition }": [
      { term: "SSP", definition: "Spine Secure Proxy" },
      { term: "PDS", definition: "Personal Demographics Service" },
    ],
    "`glossary:` holding a list": { glossary: [{ title: "SSP", value: "Spine Secure Proxy" }, { term: "PDS", definition: "Personal Demographics Service" }] },
    "a map of term: definition (the theme's docs)": { SSP: "Spine Secure Proxy", PDS: "Personal Demographics Service" },
  };
  for (const [shape, data] of Object.entries(cases)) {
    it(`${shape} gives every term its definition and id`, () => {
      const { glossary, warnings } = read(data);
      assert.deepEqual(warnings, []);
      assert.deepEqual(glossary.entries.map(({ term, value, id }) => ({ term, value, id })), expected);
      assert.equal(glossary.find("pds")?.value, "Personal Demographics Service");
    });
  }

  it("a definition YAML read as a number is its text", () => {
    assert.equal(read([{ term: "Release", definition: 2019 }]).glossary.find("Release")?.value, "2019");
  });

  it("an entry with neither shape is reported, naming both shapes, and the others still work", () => {
    const { glossary, warnings } = read([{ name: "X" }, { term: "SSP", definition: "Spine Secure Proxy" }]);
    assert.equal(glossary.entries.length, 1);
    assert.match(warnings[0] ?? "", /glossary entry 1 is not \{ title, value \} or \{ term, definition \}: it has neither a title nor a term/);
  });
});
