import { createHash } from "node:crypto";
import path from "node:path";
import type * as esbuild from "esbuild";
import { BuildError } from "../shared/diagnostics.ts";

export interface BundledScripts {
  /** Output files, by path relative to the assets folder. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly hash: string;
}

/**
 * The site's browser code, from TypeScript to one small ES module. Code only
 * some pages need (tabs) is split into chunks loaded on demand, so a page
 * ships only what it uses.
 */
export async function bundleScripts(entry: string, root: string): Promise<BundledScripts> {
  // Only the checkout bundles (the installed package ships the bundle): esbuild is loaded only here.
  const { build } = await import("esbuild");
  let result: esbuild.BuildResult<{ write: false; metafile: false }>;
  try {
    result = await build({
      entryPoints: { site: entry },
      bundle: true,
      splitting: true,
      format: "esm",
      target: "es2020",
      minify: true,
      write: false,
      outdir: "/assets",
      chunkNames: "chunks/[name]-[hash]",
      logLevel: "silent",
      legalComments: "none",
    });
  } catch (error) {
    const first = (error as esbuild.BuildFailure).errors?.[0];
    if (!first) throw error;
    throw new BuildError({ code: "script", file: first.location ? path.relative(root, path.resolve(first.location.file)) : "assets/scripts", line: first.location?.line, message: first.text, hint: "fix the TypeScript at that line" });
  }
  const hash = createHash("sha256");
  const files = new Map<string, Uint8Array>();
  for (const file of result.outputFiles) {
    const name = path.posix.relative("/assets", file.path);
    files.set(name, file.contents);
    hash.update(name).update(file.contents);
  }
  return { files, hash: hash.digest("hex").slice(0, 16) };
}
