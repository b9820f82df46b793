import { LineCounter, parseDocument } from "yaml";
import type { Diagnostic } from "../shared/diagnostics.ts";
import { BuildError } from "../shared/diagnostics.ts";
import { frontMatterProblem } from "../source/sourceFile.ts";
import { parseYaml, YAML_ALIAS } from "../source/yamlFile.ts";

/** Front matter data key carrying the faults met while reading it, for the preprocessor to report (Eleventy caches front matter). */
export const FRONT_MATTER_FAULTS = "gpcFrontMatterFaults";

export type YamlLoad = (text: string, options?: { json?: boolean }) => unknown;

/** A fault of a page's front matter, at its line in the page (the YAML starts on line 2). */
export type FrontMatterFault = Omit<Diagnostic, "file">;

/** Keys given twice in one mapping, at their second (used) occurrence. */
/** How many lines come before the YAML text in the page: the opening `---`, unless the text starts with its line break. */
const yamlOffset = (yaml: string): number => (/^\r?\n/.test(yaml) ? 0 : 1);

export function duplicateKeys(yaml: string): { key: string; line: number }[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter });
  return doc.errors
    .filter((error) => error.code === "DUPLICATE_KEY")
    .map((error) => ({ key: /^["']?([^:"'\n]*)/.exec(yaml.slice(error.pos[0]))![1]!.trim(), line: lineCounter.linePos(error.pos[0]).line + yamlOffset(yaml) }));
}

/**
 * Eleventy's YAML engine keeps an alias as a reference, so an alias bomb costs nothing until a
 * template prints it (`jsonify`) and fills memory: front matter with aliases gets the data files' limit too.
 */
function aliasBomb(yaml: string, file: string): FrontMatterFault | undefined {
  try {
    parseYaml(yaml, file);
    return undefined;
  } catch (error) {
    if (!(error instanceof BuildError) || error.diagnostic.code !== "yaml-aliases") return undefined;
    const { file: _file, ...fault } = error.diagnostic;
    return { ...fault, severity: "error", line: (fault.line ?? 1) + yamlOffset(yaml), message: `${fault.message}; the page is left out of the site` };
  }
}

/**
 * Reads front matter as Eleventy does (its own YAML engine), with Jekyll's
 * leniency and without stopping the build:
 * - a key given twice keeps its last value, as Ruby's YAML does, with a warning at that line;
 * - YAML that cannot be read becomes an error at its line, and the page is left out.
 */
export function readFrontMatter(load: YamlLoad, yaml: string, file: string): { data: Record<string, unknown>; faults: FrontMatterFault[] } {
  const asObject = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const bomb = YAML_ALIAS.test(yaml) ? aliasBomb(yaml, file) : undefined;
  if (bomb) return { data: {}, faults: [bomb] };
  try {
    return { data: asObject(load(yaml)), faults: [] };
  } catch (error) {
    if (/duplicated mapping key/.test((error as Error).message)) {
      try {
        const data = asObject(load(yaml, { json: true }));
        const faults = duplicateKeys(yaml).map(({ key, line }): FrontMatterFault => ({
          severity: "warning",
          code: "duplicate-key",
          line,
          message: `front matter gives "${key}" more than once; this last value is used, as Jekyll does`,
          hint: `keep one "${key}:" line`,
        }));
        return { data, faults };
      } catch {
        // Malformed as well: reported below.
      }
    }
    const problem = frontMatterProblem(file, `---${yamlOffset(yaml) ? "\n" : ""}${yaml}\n---\n`) ?? {
      code: "front-matter",
      file,
      line: 2,
      message: `malformed front matter: ${(error as Error).message.split("\n")[0]}`,
      hint: "front matter is YAML between the two --- lines",
    };
    return { data: {}, faults: [{ ...problem, severity: "error", message: `${problem.message}; the page is left out of the site` }] };
  }
}
