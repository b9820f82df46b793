// Bundles the CLI (src/cli/ with everything it imports, and .eleventy.ts) into one ES module, its npm
// dependencies left as imports. The checkout's bin runs it when the sources change; `npm pack` runs it once
// (prepack) to write dist/cli.mjs, so an installed package never bundles and needs no TypeScript toolchain.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

/** Writes the bundle to `outfile`; `sourcemap` inline for the checkout's stack traces, none in the package. */
export async function bundleCli(outfile, { sourcemap }) {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [path.join(ROOT, "src/cli/main.ts")],
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

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleCli(path.resolve(process.argv[2] ?? "dist/cli.mjs"), { sourcemap: false });
