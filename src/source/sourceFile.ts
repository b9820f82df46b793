import { readFileSync } from "node:fs";
import { BuildError, type Diagnostic } from "../shared/diagnostics.ts";
import { parseYaml } from "./yamlFile.ts";
import { relativePath } from "../shared/sitePaths.ts";

/** The front matter block; group 1 is its YAML. */
const FRONT_MATTER = /^---[^\S\n]*\r?\n(?:([\s\S]*?)\r?\n)?---[^\S\n]*(?:\r?\n|$)/;

/** How many lines the front matter block takes at the top of a page (0 when it has none). */
export function frontMatterLines(source: string): number {
  const match = FRONT_MATTER.exec(source);
  return match ? match[0].split("\n").length - (match[0].endsWith("\n") ? 1 : 0) : 0;
}

/**
 * Turns a line in a template body (what Liquid sees, after front matter is
 * stripped) into the line in the file as its author sees it. Each file's
 * front matter is measured once; a build starts with a fresh set.
 */
export class SourceLines {
  private readonly offsets = new Map<string, number>();

  authorLine(inputPath: string, bodyLine: number): number {
    let offset = this.offsets.get(inputPath);
    if (offset === undefined) {
      try {
        offset = frontMatterLines(readFileSync(inputPath, "utf8"));
      } catch {
        offset = 0;
      }
      this.offsets.set(inputPath, offset);
    }
    return bodyLine + offset;
  }

  clear(): void {
    this.offsets.clear();
  }
}

/** Offset of a page's text after its front matter. */
export function bodyStart(source: string): number {
  return FRONT_MATTER.exec(source)?.[0].length ?? 0;
}

/** 1-based line of the first occurrence of `needle` in a page's text after its front matter. */
export function lineOfText(source: string, needle: string): number | undefined {
  const index = source.indexOf(needle, bodyStart(source));
  return index < 0 ? undefined : source.slice(0, index).split("\n").length;
}

/** Path shown in messages: relative to the content folder, with forward slashes. */
export function displayPath(contentDir: string, file: string): string {
  return relativePath(contentDir, file);
}

/**
 * Why a page's front matter cannot be read, at its line in the file, or
 * undefined when it parses (Eleventy's own message gives a line inside the YAML only).
 */
export function frontMatterProblem(file: string, source: string): Omit<Diagnostic, "severity"> | undefined {
  const block = FRONT_MATTER.exec(source);
  if (!block) return undefined;
  try {
    parseYaml(block[1] ?? "", file);
    return undefined;
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    const { line, message } = error.diagnostic;
    return {
      code: "front-matter",
      file,
      line: (line ?? 0) + 1,
      message: message.replace(/^malformed YAML/, "malformed front matter"),
      hint: "front matter is YAML between the two --- lines: quote values holding ':' or '#', close every quote and [ list ]",
    };
  }
}
