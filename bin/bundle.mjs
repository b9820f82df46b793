// Bundles the CLI (src/cli/ with everything it imports, and .eleventy.ts) into one ES module, its npm
// dependencies left as imports. The checkout's bin runs it when the sources change; `npm pack` runs this
// file once (prepack) to write dist/cli/ and the compiled site assets in dist/assets/, so an installed
// package never bundles or compiles and needs no TypeScript toolchain, Sass or esbuild. `npm ci` in the
// checkout runs it with --checkout (prepare), so a fresh clone's first build finds the CLI bundled and the
// stylesheet compiled, and is as fast as its second.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** What the bundle is made of: every source file, this script and esbuild's version, hashed in milliseconds. */
export function sourcesHash() {
  const hash = createHash("sha256");
  const files = readdirSync(path.join(ROOT, "src"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .concat([path.join(ROOT, ".eleventy.ts"), fileURLToPath(import.meta.url), path.join(ROOT, "node_modules/esbuild/package.json")])
    .sort();
  for (const file of files) hash.update(path.relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex").slice(0, 16);
}

/**
 * Writes the bundle of `entry` (the CLI's by default) into the folder `outdir`, split where the code imports a module
 * only when it runs (a command only some runs need, with the packages it alone uses); returns the entry's file.
 * `sourcemap` inline for the checkout's stack traces, none in the package.
 */
export async function bundleCli(outdir, { sourcemap, entry = "src/cli/main.ts" }) {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    splitting: true,
    outdir,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunk-[hash]",
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: sourcemap ? "inline" : false,
    write: false,
    logLevel: "error",
  });
  await mkdir(outdir, { recursive: true });
  for (const file of result.outputFiles) await writeFile(file.path, file.contents);
  return path.join(outdir, `${path.basename(entry, ".ts")}.mjs`);
}

const CACHE = path.join(ROOT, "node_modules/.cache/gpconnect-docs");

/** The checkout's CLI bundle, made when a source changed: in a folder named by the sources' hash, so concurrent runs never see half of it. */
export async function checkoutBundle() {
  const folder = path.join(CACHE, `cli-${sourcesHash()}`);
  const entry = path.join(folder, "main.mjs");
  if (!existsSync(entry)) {
    const partial = `${folder}.${process.pid}`;
    await bundleCli(partial, { sourcemap: true });
    // A concurrent run may have put the same bundle in place first: its copy is as good as this one.
    await rename(partial, folder).catch(() => rm(partial, { recursive: true, force: true }));
  }
  return entry;
}

/** Runs `exported` of the site-assets module, bundled and imported from inside the project (so it finds the project's folders). */
async function withSiteAssets(exported) {
  const prebuild = path.join(CACHE, `prebuild-${process.pid}`);
  try {
    await (await import(pathToFileURL(await bundleCli(prebuild, { sourcemap: false, entry: "src/assets/siteAssets.ts" })).href))[exported]();
  } finally {
    await rm(prebuild, { recursive: true, force: true });
  }
}

/** What `npm pack` ships in dist/: the CLI's bundle and the compiled assets. */
async function pack() {
  await rm(path.join(ROOT, "dist/cli"), { recursive: true, force: true });
  await bundleCli(path.join(ROOT, "dist/cli"), { sourcemap: false });
  await withSiteAssets("writePrebuiltAssets");
}

/** `npm ci` in the checkout: the CLI bundle and the compiled stylesheet in the cache, before the first build asks for them. */
async function warmCheckout() {
  await checkoutBundle();
  await withSiteAssets("siteAssets");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await (process.argv.includes("--checkout") ? warmCheckout() : pack());
