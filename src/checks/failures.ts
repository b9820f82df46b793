import { readFileSync } from "node:fs";
import path from "node:path";
import { LiquidError } from "liquidjs";
import { frontMatterProblem, type SourceLines } from "../source/sourceFile.ts";
import { BuildError, type Diagnostic } from "../shared/diagnostics.ts";

interface ErrorChain {
  message?: string;
  originalError?: unknown;
  cause?: unknown;
  name?: string;
}

/** Every error in Eleventy's wrapping chain, outermost first. */
export function errorChain(error: unknown): ErrorChain[] {
  const chain: ErrorChain[] = [];
  let current: unknown = error;
  while (current && typeof current === "object" && chain.length < 20) {
    const e = current as ErrorChain;
    chain.push(e);
    current = e.originalError ?? e.cause;
  }
  return chain;
}

/** LiquidJS's limits (set in src/eleventy/jekyllPlugin.ts), by the start of the message each stops a page with. */
const LIMIT_HINTS: readonly (readonly [string, string])[] = [
  ["template render limit", "the page's Liquid renders too long: make its loops smaller (a loop inside a loop multiplies)"],
  ["memory alloc limit", "the page's Liquid builds too much: make its ranges, arrays and joined strings smaller"],
  ["parse length limit", "the page's Liquid is too long to parse: split the page"],
];

/**
 * The content fault behind a failed render, at its file and line: our own
 * diagnostics as they are, LiquidJS's errors at the tag's line in the file as
 * the author sees it, Eleventy's front-matter errors at the YAML's line.
 * `shown` names a file as messages show it; `lines` finds the author's line past front matter.
 * Undefined when the error is not about content.
 */
export function diagnoseError(error: unknown, shown: (file: string) => string, lines: SourceLines): Omit<Diagnostic, "severity"> | undefined {
  const chain = errorChain(error);
  const ours = chain.find((e): e is BuildError => e instanceof BuildError);
  if (ours) return ours.diagnostic;
  const liquid = chain.find((e): e is LiquidError => LiquidError.is(e));
  if (liquid?.token.file) {
    const file = path.resolve(liquid.token.file);
    const syntax = liquid.name === "ParseError" || liquid.name === "TokenizationError";
    const message = (liquid.originalError?.message ?? liquid.message).replace(/, file:.*$/, "");
    const limit = LIMIT_HINTS.find(([reached]) => message.startsWith(reached));
    return {
      code: limit ? "liquid-limit" : syntax ? "liquid-syntax" : "liquid-render",
      file: shown(file),
      line: lines.authorLine(file, liquid.token.getPosition()[0] ?? 0),
      message,
      hint: limit
        ? limit[1]
        : syntax
          ? "close every {% if %}, {% for %}, {% comment %} and {% highlight %} with its end tag, and check the tag's spelling"
          : "check the variables and filters used at that line",
    };
  }
  const frontMatterFile = chain.map((e) => /trouble reading front matter from template (.+)$/m.exec(e.message ?? "")?.[1]).find(Boolean);
  if (frontMatterFile) return frontMatterProblem(shown(path.resolve(frontMatterFile)), readFileSync(frontMatterFile, "utf8"));
  return undefined;
}

/**
 * A page whose markup nests so deep that reading it overflows the stack (ten thousand `<div>`s):
 * the nesting is the fault, not the Liquid or Markdown stage Eleventy names.
 */
export function nestingProblem(error: unknown, file: string): Omit<Diagnostic, "severity"> | undefined {
  if (!errorChain(error).some((e) => e instanceof RangeError && /call stack/.test(e.message ?? ""))) return undefined;
  return { code: "nesting-depth", file, message: "the page's HTML nests too deep to read", hint: "nest elements less deeply: browsers show no more than 512 levels" };
}

/** The messages of an error's chain, without repeats: for errors that are not about content. */
export function chainMessages(error: unknown): string[] {
  return [...new Set(errorChain(error).map((e) => e.message?.trim()).filter((m): m is string => Boolean(m)))];
}
