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

/**
 * How many times aliases (`*name`) may be expanded, as a share of the file's nodes (the `yaml` package's
 * own default): a few anchors reused are fine; nine aliases of nine aliases of … (an alias bomb) would fill memory.
 */
const MAX_ALIAS_COUNT = 100;
/** An alias (`*name`) where YAML allows one. */
export const YAML_ALIAS = /(?:^|[\s[{,:-])\*[^\s,\]}]+/m;

function toData(doc: Document, text: string, file: string, lineCounter: LineCounter): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
    const firstAlias = YAML_ALIAS.exec(text)?.index;
    throw new BuildError({
      code: "yaml-aliases",
      file,
      line: firstAlias === undefined ? undefined : lineCounter.linePos(firstAlias).line,
      message: `YAML aliases expand too far: ${error.message.replace(/\.$/, "")} (more than ${MAX_ALIAS_COUNT} expansions per node)`,
      hint: "repeat the values instead of nesting aliases of aliases (*name) in one another",
    });
  }
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
    data: toData(doc, text, file, lineCounter),
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
