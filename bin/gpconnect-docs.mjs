#!/usr/bin/env node
// Runs the CLI from one bundled JavaScript file rather than through a
// TypeScript loader, which hooks every module Node loads (Eleventy's too).
// The bundle is named by its content, so concurrent runs never see half a file.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cache = path.join(root, "node_modules/.cache/gpconnect-docs");
const result = await build({
  entryPoints: [path.join(root, "src/cli/main.ts")],
  outfile: path.join(cache, "cli.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "inline",
  write: false,
  logLevel: "error",
});
const code = result.outputFiles[0].contents;
const bundle = path.join(cache, `cli-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
if (!existsSync(bundle)) {
  await mkdir(cache, { recursive: true });
  const partial = `${bundle}.${process.pid}`;
  await writeFile(partial, code);
  await rename(partial, bundle);
}
await import(pathToFileURL(bundle).href);
