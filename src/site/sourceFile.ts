import { readFileSync } from "node:fs";
import path from "node:path";

/** How many lines the front matter block takes at the top of a page (0 when it has none). */
export function frontMatterLines(source: string): number {
  const match = /^---[^\S\n]*\r?\n(?:[\s\S]*?\r?\n)?---[^\S\n]*(?:\r?\n|$)/.exec(source);
  return match ? match[0].split("\n").length - (match[0].endsWith("\n") ? 1 : 0) : 0;
}

const frontMatterCache = new Map<string, number>();

/**
 * Turns a line in the template body (what Liquid sees, after front matter is
 * stripped) into the line in the file as its author sees it.
 */
export function authorLine(inputPath: string, bodyLine: number): number {
  let offset = frontMatterCache.get(inputPath);
  if (offset === undefined) {
    try {
      offset = frontMatterLines(readFileSync(inputPath, "utf8"));
    } catch {
      offset = 0;
    }
    frontMatterCache.set(inputPath, offset);
  }
  return bodyLine + offset;
}

export function clearSourceCache(): void {
  frontMatterCache.clear();
}

/** Path shown in messages: relative to the content folder, with forward slashes. */
export function displayPath(contentDir: string, file: string): string {
  return path.relative(contentDir, path.resolve(file)).split(path.sep).join("/");
}
