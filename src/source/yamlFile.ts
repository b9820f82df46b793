import { LineCounter, parseDocument, isNode, isScalar, type Document } from "yaml";
import { BuildError } from "../shared/diagnostics.ts";

/** A YAML file parsed with enough position information to point at an entry's line. */
export interface YamlFile {
  readonly file: string;
  readonly data: unknown;
  /** 1-based line of the node at `path` (falls back to the nearest parent). */
  lineOf(path: readonly (string | number)[]): number | undefined;
  /** The text of the scalar at `path` as the file writes it (`6.0`, which `data` holds as the number 6). */
  sourceOf(path: readonly (string | number)[]): string | undefined;
}

/** Where to point for a YAML error: an unclosed quote is reported at the end of the file, but the author needs its opening. */
function errorStart(text: string, code: string, message: string, pos: number): number {
  const quote = code === "MISSING_CHAR" ? /closing (["'])quote/.exec(message)?.[1] : undefined;
  const opening = quote ? text.lastIndexOf(quote, pos - 1) : -1;
  return opening >= 0 ? opening : pos;
}

export function parseYaml(text: string, file: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const problem = doc.errors[0];
  if (problem) {
    const line = lineCounter.linePos(errorStart(text, problem.code, problem.message, problem.pos[0])).line;
    throw new BuildError({
      code: "yaml-syntax",
      file,
      line,
      message: `malformed YAML: ${problem.message.split("\n")[0]}`,
      hint: "fix the indentation or quoting on that line; values holding ':' or '#' need quotes",
    });
  }
  return {
    file,
    data: doc.toJS() as unknown,
    sourceOf(path) {
      const node = doc.getIn(path, true);
      return isScalar(node) && node.range ? text.slice(node.range[0], node.range[1]) : undefined;
    },
    lineOf(path) {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = doc.getIn(path.slice(0, depth), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}
