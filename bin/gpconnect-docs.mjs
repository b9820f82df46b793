#!/usr/bin/env node
// Runs the CLI from one bundled JavaScript file rather than through a TypeScript loader, which hooks every
// module Node loads (Eleventy's too). Installed from npm, that file is dist/cli.mjs, made when the package was
// packed. In the checkout (src/ is there) it is bundled again only when a source changed: the bundle is named
// by the hash of its sources, so an unchanged checkout costs one hash, and concurrent runs never see half a file.
import { existsSync } from "node:fs";
import { rename } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function checkoutBundle() {
  const { bundleCli, sourcesHash } = await import("./bundle.mjs");
  const bundle = path.join(root, "node_modules/.cache/gpconnect-docs", `cli-${sourcesHash()}.mjs`);
  if (!existsSync(bundle)) {
    const partial = `${bundle}.${process.pid}`;
    await bundleCli(partial, { sourcemap: true });
    await rename(partial, bundle);
  }
  return bundle;
}

const cli = existsSync(path.join(root, "src/cli/main.ts")) ? await checkoutBundle() : path.join(root, "dist/cli.mjs");
await import(pathToFileURL(cli).href);
