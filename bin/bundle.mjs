// Bundles the CLI (src/cli/ with everything it imports, and .eleventy.ts) into one ES module, its npm
// dependencies left as imports. The checkout's bin runs it when the sources change; `npm pack` runs this
// file once (prepack) to write dist/cli.mjs and the compiled site assets in dist/assets/, so an installed
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

/** Writes the bundle of `entry` (the CLI's by default) to `outfile`; `sourcemap` inline for the checkout's stack traces, none in the package. */
export async function bundleCli(outfile, { sourcemap, entry = "src/cli/main.ts" }) {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: sourcemap ? "inline" : false,
    write: false,
    logLevel: "error",
  });
  await mkdir(path.dirname(outfile), { recursive: true });
  await writeFile(outfile, result.outputFiles[0].contents);
}

const CACHE = path.join(ROOT, "node_modules/.cache/gpconnect-docs");

/** The checkout's CLI bundle, made when a source changed: named by the sources' hash, so concurrent runs never see half a file. */
export async function checkoutBundle() {
  const bundle = path.join(CACHE, `cli-${sourcesHash()}.mjs`);
  if (!existsSync(bundle)) {
    const partial = `${bundle}.${process.pid}`;
    await bundleCli(partial, { sourcemap: true });
    await rename(partial, bundle);
  }
  return bundle;
}

/** Runs `exported` of the site-assets module, bundled and imported from inside the project (so it finds the project's folders). */
async function withSiteAssets(exported) {
  const prebuild = path.join(CACHE, `prebuild-${process.pid}.mjs`);
  await bundleCli(prebuild, { sourcemap: false, entry: "src/assets/siteAssets.ts" });
  try {
    await (await import(pathToFileURL(prebuild).href))[exported]();
  } finally {
    await rm(prebuild, { force: true });
  }
}

/** What `npm pack` ships in dist/: the CLI's bundle and the compiled assets. */
async function pack() {
  await bundleCli(path.join(ROOT, "dist/cli.mjs"), { sourcemap: false });
  await withSiteAssets("writePrebuiltAssets");
}

/** `npm ci` in the checkout: the CLI bundle and the compiled stylesheet in the cache, before the first build asks for them. */
async function warmCheckout() {
  await checkoutBundle();
  await withSiteAssets("siteAssets");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await (process.argv.includes("--checkout") ? warmCheckout() : pack());
