import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BuildError } from "../shared/diagnostics.ts";
import { PROJECT_ROOT, normalisePathPrefix, relativePath } from "../shared/sitePaths.ts";
import { loadVersions, type VersionsConfig } from "./config.ts";
import { buildParts, partDir, type PartMeta } from "./parts.ts";
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
 * A version whose build failed or threw is left out of the site and listed
 * under its id: an error, which fails the build once the others are built,
 * stitched and reported (so one run finds every fault), unless the version is
 * retired and --strict is not given, when it is a warning and the site is
 * published without it.
 */
function failedVersions(config: VersionsConfig, failed: readonly { readonly id: string; readonly failure?: string | undefined }[], strict: boolean, log: (line: string) => void): string[] {
  const fatal: string[] = [];
  for (const part of failed) {
    const retired = config.versions.find((v) => v.id === part.id)?.status === "retired";
    const fails = !retired || strict;
    if (fails) fatal.push(part.id);
    log(`${part.id}: ${fails ? "error" : "warning"} [version-failed] ${(part.failure ?? "its build failed").replace(/\.$/, "")}; it is left out of the site${fails ? "" : " (a retired version: --strict fails the build instead)"}`);
  }
  return fatal;
}

function failure(config: VersionsConfig, fatal: readonly string[], stitched: boolean): BuildError {
  return new BuildError({
    code: "versions",
    file: relativePath(process.cwd(), config.file),
    message: `${fatal.length === 1 ? `version ${fatal[0]} failed` : `versions ${fatal.join(", ")} failed`} to build${stitched ? "; the other versions were built and stitched, and the published site is left as it was" : ""}`,
    hint: "fix the faults listed under each version (its files are named as in its tree), or mark a version status: retired to publish the site without it",
  });
}

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
    const meta = JSON.parse(readFileSync(path.join(partDir(cache, options.only!), "meta.json"), "utf8")) as PartMeta;
    const fatal = meta.ok ? [] : failedVersions(config, [meta], options.strict, log);
    if (fatal.length > 0) throw failure(config, fatal, false);
    log(`Built the part of ${options.only} into ${relativePath(process.cwd(), cache)}: ${built.map((b) => b.how).join(", ")}; join the parts with: npm run build -- stitch --versions ${relativePath(process.cwd(), config.file)}`);
    return;
  }
  const result = await stitch(config, cache, pathPrefix, staging, log);
  for (const part of result.parts) {
    const faults = result.faults.filter((f) => f.version === part.id && !f.accepted);
    log(`${part.id}: ${part.ok ? `${part.pages} pages` : "left out"}${part.previous ? `; since ${part.previous}: ${part.added} added, ${part.removed} removed, ${part.changed} changed` : ""}; ${faults.length === 0 ? "no content faults" : `${faults.length} faults`}`);
    for (const f of faults) log(`  ${part.id}/${f.file}${f.line ? `:${f.line}` : ""}: ${f.severity} [${f.code}] ${f.message}`);
  }
  const fatal = failedVersions(config, result.parts.filter((p) => !p.ok), options.strict, log);
  if (options.report) {
    const text = `${JSON.stringify({ versions: result.parts, faults: result.faults }, null, 2)}\n`;
    if (options.report === "json") console.log(text.trimEnd());
    else {
      mkdirSync(path.dirname(path.resolve(options.report)), { recursive: true });
      writeFileSync(options.report, text);
    }
  }
  if (fatal.length > 0) throw failure(config, fatal, true);
  const counts = (how: string): number => built.filter((b) => b.how === how).length;
  const restitched = result.restitched.length === 0 ? "none" : result.restitched.join(", ");
  log(`Built ${result.parts.filter((p) => p.ok).length} versions in ${((performance.now() - started) / 1000).toFixed(1)} s: ${counts("built")} built, ${counts("copied")} copied from an identical tree, ${options.stitchOnly ? "joined from the cache" : `${counts("reused")} reused from the cache`}; stitched again: ${restitched}.`);
}
