import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT, normalisePathPrefix, relativePath } from "../shared/sitePaths.ts";
import { loadVersions } from "./config.ts";
import { buildParts } from "./parts.ts";
import { stitch } from "./stitch.ts";

/** What `build --versions FILE` (and `stitch`) is asked to do. */
export interface VersionsOptions {
  readonly versionsFile: string;
  /** Build only this version's part (for one job of a CI matrix); `stitch` joins the parts later. */
  readonly only?: string | undefined;
  /** `stitch`: join the parts already in the cache, building none. */
  readonly stitchOnly: boolean;
  /** Where parts are kept between builds (default: node_modules/.cache/gpconnect-docs/versions). */
  readonly cache?: string | undefined;
  readonly pathPrefix?: string | undefined;
  readonly strict: boolean;
  /** `json` (stdout) or a file: every fault with the version it belongs to. */
  readonly report?: string | undefined;
}

export const DEFAULT_CACHE = path.join(PROJECT_ROOT, "node_modules/.cache/gpconnect-docs/versions");

/**
 * Builds every version of a versions file (or one, with `only`) into the
 * cache, then stitches them into `staging`: prints each version's own faults
 * under its id, and which versions were built and which reused.
 */
export async function buildVersions(options: VersionsOptions, staging: string | undefined): Promise<void> {
  const started = performance.now();
  const config = loadVersions(options.versionsFile);
  const cache = path.resolve(options.cache ?? DEFAULT_CACHE);
  const pathPrefix = normalisePathPrefix(options.pathPrefix);
  const log = (line: string): void => console.error(line);
  const built = options.stitchOnly ? [] : await buildParts(config, { cache, pathPrefix, strict: options.strict, only: options.only }, log);
  if (staging === undefined) {
    log(`Built the part of ${options.only} into ${relativePath(process.cwd(), cache)}: ${built.map((b) => b.how).join(", ")}; join the parts with: npm run build -- stitch --versions ${relativePath(process.cwd(), config.file)}`);
    return;
  }
  const result = await stitch(config, cache, pathPrefix, staging, log);
  for (const part of result.parts) {
    const faults = result.faults.filter((f) => f.version === part.id && !f.accepted);
    log(`${part.id}: ${part.ok ? `${part.pages} pages` : "left out"}${part.previous ? `; since ${part.previous}: ${part.added} added, ${part.removed} removed, ${part.changed} changed` : ""}; ${faults.length === 0 ? "no content faults" : `${faults.length} faults`}`);
    for (const f of faults) log(`  ${part.id}/${f.file}${f.line ? `:${f.line}` : ""}: ${f.severity} [${f.code}] ${f.message}`);
  }
  if (options.report) {
    const text = `${JSON.stringify({ versions: result.parts, faults: result.faults }, null, 2)}\n`;
    if (options.report === "json") console.log(text.trimEnd());
    else {
      mkdirSync(path.dirname(path.resolve(options.report)), { recursive: true });
      writeFileSync(options.report, text);
    }
  }
  const counts = (how: string): number => built.filter((b) => b.how === how).length;
  log(`Built ${result.parts.filter((p) => p.ok).length} versions in ${((performance.now() - started) / 1000).toFixed(1)} s: ${counts("built")} built, ${counts("copied")} copied from an identical tree, ${options.stitchOnly ? "stitched from the cache" : `${counts("reused")} reused from the cache`}.`);
}
