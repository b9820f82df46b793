import path from "node:path";
import { formatDiagnostic } from "../shared/diagnostics.ts";
import { chainMessages, diagnoseError, errorChain } from "../checks/failures.ts";
import { ContentFaultsError } from "../eleventy/checksPlugin.ts";
import { SourceLines } from "../source/sourceFile.ts";

/**
 * One readable message for a failed build: our own diagnostics as they are,
 * Eleventy's and LiquidJS's errors as their message chain, never a bare stack.
 */
export function explainFailure(error: unknown): string {
  const diagnosis = diagnoseError(error, (file) => path.relative(process.cwd(), file), new SourceLines());
  if (diagnosis) return `Build failed.\n${formatDiagnostic({ ...diagnosis, severity: "error" })}`;
  const faults = errorChain(error).find((e): e is ContentFaultsError => e instanceof ContentFaultsError);
  if (faults) return `Build failed: ${faults.message}${faults.details ? `\n${faults.details}` : ""}`;
  const messages = chainMessages(error);
  return `Build failed.\n${messages.map((m) => `  ${m}`).join("\n") || String(error)}\n  → fix the file named above; run with DEBUG=Eleventy* for Eleventy's full trace`;
}
