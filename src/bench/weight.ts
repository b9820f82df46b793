import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { launchChromium } from "./chromium.ts";
import { serveSite } from "./staticServer.ts";

const gz = (file: string): number => gzipSync(readFileSync(file)).length;

/** HTML + CSS + JS of one page, gzipped, images excluded: what a reader downloads to see it. */
export function pageWeight(site: string, page: string): { html: number; css: number; js: number; total: number } {
  const html = readFileSync(path.join(site, page), "utf8");
  const css = gz(path.join(site, "assets/site.css"));
  let js = gz(path.join(site, "assets/site.js"));
  if (html.includes('data-module="nhsuk-tabs"')) {
    const chunks = path.join(site, "assets/chunks");
    js += readdirSync(chunks).filter((name) => name.startsWith("tabs-")).reduce((sum, name) => sum + gz(path.join(chunks, name)), 0);
  }
  const htmlBytes = gzipSync(html).length;
  return { html: htmlBytes, css, js, total: htmlBytes + css + js };
}

/** The largest page of a built site, by HTML size. */
export function largestPage(site: string): string {
  return readdirSync(site)
    .filter((name) => name.endsWith(".html"))
    .sort((a, b) => statSync(path.join(site, b)).size - statSync(path.join(site, a)).size)[0]!;
}

/**
 * Bytes on the wire for a reader's first search: everything fetched from
 * focusing the box and entering the query to the results showing (the search code, Pagefind's
 * library, WebAssembly, index and result fragments), served with gzip.
 */
export async function firstSearchBytes(site: string, query: string, { keyDelayMs }: { keyDelayMs?: number } = {}): Promise<{ bytes: number; bodyBytes: number; requests: number }> {
  const server = await serveSite(site);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url + "index.html", { waitUntil: "networkidle" });
    const before = server.bytesSent();
    const bodyBefore = server.bodyBytesSent();
    let requests = 0;
    context.on("request", () => (requests += 1));
    // Pasted at once, or typed a key at a time (every prefix then fetches what it needs).
    if (keyDelayMs === undefined) await page.fill("#search-field", query);
    else await page.locator("#search-field").pressSequentially(query, { delay: keyDelayMs });
    await page.locator(".app-search__status", { hasText: query }).waitFor();
    await page.locator(".app-search-result").first().waitFor();
    await page.waitForLoadState("networkidle");
    return { bytes: server.bytesSent() - before, bodyBytes: server.bodyBytesSent() - bodyBefore, requests };
  } finally {
    await browser.close();
    await server.close();
  }
}
