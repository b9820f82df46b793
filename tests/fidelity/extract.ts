/**
 * Writes the compact extract of what Jekyll published for one tree, which the
 * fidelity test compares builds with (the full reference is not part of the
 * project). Run it again when the reference changes:
 *
 *   node --import tsx tests/fidelity/extract.ts ../shared/reference/gpconnect-2018 gpconnect-2018
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { listFiles } from "../helpers/build.ts";
import { measureJekyllPage, type PageMeasure } from "./measure.ts";
import { extractPath } from "./reference.ts";

const [referenceDir, name] = process.argv.slice(2);
if (!referenceDir || !name) {
  console.error("usage: node --import tsx tests/fidelity/extract.ts JEKYLL_OUTPUT_FOLDER TREE_NAME");
  process.exit(2);
}
const pages: Record<string, PageMeasure> = {};
for (const file of listFiles(referenceDir).filter((f) => f.endsWith(".html")).sort()) {
  pages[file] = measureJekyllPage(readFileSync(path.join(referenceDir, file), "utf8"));
}
writeFileSync(extractPath(name), gzipSync(JSON.stringify({ tree: name, pages })));
console.log(`${name}: ${Object.keys(pages).length} pages -> ${path.relative(process.cwd(), extractPath(name))}`);
