import type UserConfig from "@11ty/eleventy/UserConfig";
import { brokenSave, type BrokenSave } from "../checks/brokenSave.ts";
import type { BuildContext, ServedSite } from "./context.ts";

/** Where the dev server's pages ask for its state (under the path prefix); a published site has no such file. */
export const DEV_STATE_PATH = ".gpc/dev-state.json";

/** What a page open in the dev server is told when it connects, and again after each rebuild. */
export interface DevState {
  /** The last failed rebuild, until one succeeds. */
  readonly broken: BrokenSave | null;
  /** The build that wrote the page's file now served; null for a page no build of this server wrote. */
  readonly revision: number | null;
}

/** The build that last wrote the page at a site path (`/` names its `index.html`). */
export function pageRevision(served: ServedSite, sitePath: string): number | null {
  return served.pageRevisions.get(sitePath) ?? (sitePath.endsWith("/") ? served.pageRevisions.get(`${sitePath}index.html`) : undefined) ?? null;
}

/**
 * Under the dev server, each build is numbered and every page says in its head which build wrote it. The
 * server's reload message reaches only pages already connected: a page fetched just before a rebuild rewrote
 * it, whose script connects after the message went out, would stay out of date (or miss the broken save's
 * panel) until the next save. Pages ask for this state once connected, and reload when they are behind.
 */
export function devServerPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  const { served } = context;
  context.lifecycle.onStart(({ serving }) => {
    if (serving) served.revision = (served.revision ?? 0) + 1;
  });
  context.output.listen({
    written(page) {
      if (served.revision !== undefined) served.pageRevisions.set(page.url, served.revision);
    },
  });
  eleventyConfig.setServerOptions({
    onRequest: {
      [`/${DEV_STATE_PATH}`]: ({ url }: { url: URL }) => {
        const state: DevState = { broken: brokenSave.get() ?? null, revision: pageRevision(served, url.searchParams.get("page") ?? "") };
        return {
          status: 200,
          headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
          body: JSON.stringify(state),
        };
      },
    },
  });
}
