import { readFileSync } from "node:fs";
import path from "node:path";
import { LiquidError } from "liquidjs";
import { BuildError, formatDiagnostic } from "../shared/diagnostics.ts";
import { ContentFaultsError } from "../eleventy/checksPlugin.ts";
import { frontMatterProblem, SourceLines } from "../source/sourceFile.ts";

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

/**
 * One readable message for a failed build: our own diagnostics as they are,
 * Eleventy's and LiquidJS's errors as their message chain, never a bare stack.
 */
export function explainFailure(error: unknown): string {
  const chain = errorChain(error);
  const ours = chain.find((e): e is BuildError => e instanceof BuildError);
  if (ours) return `Build failed.\n${formatDiagnostic({ ...ours.diagnostic, severity: "error" })}`;
  const liquid = chain.find((e): e is LiquidError => LiquidError.is(e));
  if (liquid?.token.file) {
    const file = path.resolve(liquid.token.file);
    const reason = (liquid.originalError?.message ?? liquid.message).replace(/, file:.*$/, "");
    const syntax = liquid.name === "ParseError" || liquid.name === "TokenizationError";
    return `Build failed.\n${formatDiagnostic({
      severity: "error",
      code: syntax ? "liquid-syntax" : "liquid-render",
      file: path.relative(process.cwd(), file),
      line: new SourceLines().authorLine(file, liquid.token.getPosition()[0] ?? 0),
      message: reason,
      hint: syntax
        ? "close every {% if %}, {% for %}, {% comment %} and {% highlight %} with its end tag, and check the tag's spelling"
        : "check the variables and filters used at that line",
    })}`;
  }
  const frontMatterFile = chain.map((e) => /trouble reading front matter from template (.+)$/m.exec(e.message ?? "")?.[1]).find(Boolean);
  if (frontMatterFile) {
    const problem = frontMatterProblem(path.relative(process.cwd(), path.resolve(frontMatterFile)), readFileSync(frontMatterFile, "utf8"));
    if (problem) return `Build failed.\n${formatDiagnostic({ ...problem, severity: "error" })}`;
  }
  const faults = chain.find((e): e is ContentFaultsError => e instanceof ContentFaultsError);
  if (faults) return `Build failed: ${faults.message}${faults.details ? `\n${faults.details}` : ""}`;
  const messages = [...new Set(chain.map((e) => e.message?.trim()).filter(Boolean))];
  return `Build failed.\n${messages.map((m) => `  ${m}`).join("\n") || String(error)}\n  → fix the file named above; run with DEBUG=Eleventy* for Eleventy's full trace`;
}
