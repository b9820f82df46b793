/**
 * The published files of a build as SHA-256 digests, to show that a change
 * meant to leave the output alone (a speed-up, say) did: `content-pages.sha256`
 * holds the digests of content/'s build, and `tests/build/corpus.test.ts`
 * compares every build with it.
 *
 * When a change is meant to alter the output, remake the list and commit it
 * with the change (the diff then shows which pages changed):
 *
 *     node --import tsx tests/helpers/pageDigests.ts --write
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, listFiles, ROOT } from "./build.ts";

export const DIGESTS_FILE = path.join(ROOT, "tests/build/content-pages.sha256");

/** When a build ran: what it printed about its own time is masked, since it differs from run to run. */
export interface BuildWindow {
  readonly start: Date;
  readonly end: Date;
}

const readerDate = (date: Date): string => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
// Liquid's date_to_rfc822, as feeds print `site.time`: "Thu, 03 Dec 2026 17:34:38 +0000".
const RFC822 = /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}\b/g;

/** A file's text with the build's own time (footer date and year, `site.time` in feeds) replaced by a marker. */
export function maskBuildTime(text: string, window: BuildWindow): string {
  const from = window.start.getTime() - 1000;
  const to = window.end.getTime() + 1000;
  let masked = text.replace(RFC822, (date) => {
    const time = Date.parse(date);
    return time >= from && time <= to ? "(build time)" : date;
  });
  for (const day of new Set([readerDate(window.start), readerDate(window.end)])) masked = masked.replaceAll(`Site last generated: ${day}`, "Site last generated: (build date)");
  for (const year of new Set([window.start.getUTCFullYear(), window.end.getUTCFullYear()])) masked = masked.replace(new RegExp(`(&copy; [^<]*) ${year}</p>`, "g"), "$1 (build year)</p>");
  return masked;
}

/** Digest of every published file but Pagefind's index (its chunk names and order vary from run to run), by path. */
export function pageDigests(outputDir: string, window: BuildWindow): Map<string, string> {
  const files = listFiles(outputDir)
    .filter((file) => !file.startsWith("pagefind/"))
    .sort();
  return new Map(
    files.map((file) => {
      const bytes = readFileSync(path.join(outputDir, file));
      // Only text files can carry the build's time; pictures and downloads are digested as they are.
      const text = /\.(html|xml|json|txt)$/.test(file) ? Buffer.from(maskBuildTime(bytes.toString("utf8"), window), "utf8") : bytes;
      return [file, createHash("sha256").update(text).digest("hex")];
    }),
  );
}

/** The committed list, in `sha256sum`'s format. */
export function committedDigests(): Map<string, string> {
  return new Map(
    readFileSync(DIGESTS_FILE, "utf8")
      .split("\n")
      .filter(Boolean)
      // A digest is 64 hex digits; the path after the two spaces may hold spaces of its own.
      .map((line) => [line.slice(66), line.slice(0, 64)]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes("--write")) {
  const start = new Date();
  const site = build(path.join(ROOT, "content"));
  if (site.status !== 0) throw new Error(`content/ did not build:\n${site.stderr}${site.stdout}`);
  const digests = pageDigests(site.output, { start, end: new Date() });
  writeFileSync(DIGESTS_FILE, [...digests].map(([file, digest]) => `${digest}  ${file}\n`).join(""));
  console.log(`${digests.size} digests written to ${path.relative(ROOT, DIGESTS_FILE)}`);
}
