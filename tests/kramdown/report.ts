/**
 * Prints the conformance figures, the cases that differ, and for each case
 * named on the command line both renderings and their shapes:
 *   node --import tsx tests/kramdown/report.ts [kramdown/span/01_link/inline.text …]
 */
import { compareCases, listCases, renderWithJekyll, renderWithProject } from "./conformance.ts";

const cases = listCases();
const jekyll = renderWithJekyll(cases);
const project = renderWithProject(cases);
const results = compareCases(jekyll, project);
const pct = (n: number): string => `${n} of ${results.length} (${Math.round((100 * n) / results.length)} %)`;
for (const r of results) {
  if (!r.sameText || !r.sameStructure) console.log(`${r.sameText ? "     " : "TEXT "}${r.sameStructure ? "      " : "STRUCT "}${r.name}`);
}
console.log(`identical text: ${pct(results.filter((r) => r.sameText).length)}`);
console.log(`identical structure: ${pct(results.filter((r) => r.sameStructure).length)}`);
for (const name of process.argv.slice(2)) {
  const r = results.find((x) => x.name === name);
  if (!r) continue;
  console.log(`\n=== ${name}\n--- jekyll\n${jekyll.get(name)}\n--- project\n${project.get(name)}`);
  console.log(`--- text\n J: ${r.jekyll.text}\n P: ${r.project.text}\n--- structure\n J: ${r.jekyll.structure}\n P: ${r.project.structure}`);
}
