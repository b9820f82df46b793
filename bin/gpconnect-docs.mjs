#!/usr/bin/env node
// Runs the CLI from one bundled JavaScript file rather than through a TypeScript loader, which hooks every
// module Node loads (Eleventy's too). Installed from npm, that bundle is dist/cli/, made when the package was
// packed. In the checkout (src/ is there) it is bundled again only when a source changed: the bundle is named
// by the hash of its sources, so an unchanged checkout costs one hash, and concurrent runs never see half a file.
import { existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function checkoutBundle() {
  const { bundleCli, sourcesHash } = await import("./bundle.mjs");
  const folder = path.join(root, "node_modules/.cache/gpconnect-docs", `cli-${sourcesHash()}`);
  const entry = path.join(folder, "main.mjs");
  if (!existsSync(entry)) {
    const partial = `${folder}.${process.pid}`;
    await bundleCli(partial, { sourcemap: true });
    // A concurrent run may have put the same bundle in place first: its copy is as good as this one.
    await rename(partial, folder).catch(() => rm(partial, { recursive: true, force: true }));
  }
  return entry;
}

const cli = existsSync(path.join(root, "src/cli/main.ts")) ? await checkoutBundle() : path.join(root, "dist/cli/main.mjs");
await import(pathToFileURL(cli).href);
