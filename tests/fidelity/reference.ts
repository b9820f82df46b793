import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { PageMeasure } from "./measure.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Where a tree's extract of Jekyll's output lives. */
export const extractPath = (tree: string): string => path.join(HERE, `${tree}.jekyll.json.gz`);

/** What Jekyll 4.3.1 published for a tree, page by page (made by extract.ts). */
export function readExtract(tree: string): Record<string, PageMeasure> {
  return (JSON.parse(gunzipSync(readFileSync(extractPath(tree))).toString("utf8")) as { pages: Record<string, PageMeasure> }).pages;
}
