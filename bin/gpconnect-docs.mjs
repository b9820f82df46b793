#!/usr/bin/env node
// Runs the CLI from a bundle of its JavaScript rather than through a TypeScript loader, which hooks every
// module Node loads (Eleventy's too). Installed from npm, that bundle is dist/cli/, made when the package was
// packed. In the checkout (src/ is there) it is bundled again only when a source changed (bin/bundle.mjs), so an
// unchanged checkout costs one hash.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const cli = existsSync(path.join(root, "src/cli/main.ts")) ? await (await import("./bundle.mjs")).checkoutBundle() : path.join(root, "dist/cli/main.mjs");
await import(pathToFileURL(cli).href);
