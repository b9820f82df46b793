import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium } from "../../src/bench/chromium.ts";
import { serveSite, type StaticServer } from "../../src/bench/staticServer.ts";
import { build, type BuildResult } from "./build.ts";

/** The static host and the browser the browser tests (and the benchmark) use. */
export { serveSite, launchChromium as launchBrowser };

export interface ServedSite {
  readonly site: BuildResult;
  readonly server: StaticServer;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Builds a tree under a path prefix, serves it as a static host would, and opens Chromium. */
export async function buildAndServe(input: string, prefix: string): Promise<ServedSite> {
  const site = build(input, ["--path-prefix", prefix]);
  assert.equal(site.status, 0, site.stderr);
  return serve(site, prefix);
}

/** Serves a built site with its Content-Security-Policy taken away (see below) at `/`, and opens Chromium. */
export async function serveWithoutPolicy(site: BuildResult): Promise<ServedSite> {
  withoutContentSecurityPolicy(site.output);
  return serve(site, "/");
}

async function serve(site: BuildResult, prefix: string): Promise<ServedSite> {
  const server = await serveSite(site.output, prefix);
  const browser = await launchChromium();
  return {
    site,
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Takes the site's Content-Security-Policy away (the `_headers` file and each page's meta tag),
 * so a browser test proves the escaping and sanitising rather than the policy.
 */
export function withoutContentSecurityPolicy(output: string): void {
  rmSync(path.join(output, "_headers"));
  for (const entry of readdirSync(output, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const file = path.join(entry.parentPath, entry.name);
    writeFileSync(file, readFileSync(file, "utf8").replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ""));
  }
}
