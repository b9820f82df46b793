import path from "node:path";
import { DiagnosticLog } from "../../src/shared/diagnostics.ts";
import { createMarkdown } from "../../src/markdown/index.ts";
import { slugify } from "../../src/markdown/headingIds.ts";
import type { PageSummary, RenderContext } from "../../src/components/types.ts";
import { loadSiteModel } from "../../src/source/model.ts";
import { FIXTURES, ROOT } from "./build.ts";

/** A render context over the mini-site fixture, as a page at `file` line 3 would see it. */
export function renderContext(options: { pathPrefix?: string; tagName?: string; pages?: PageSummary[] } = {}): RenderContext & { log: DiagnosticLog } {
  const log = new DiagnosticLog();
  const site = loadSiteModel(path.join(FIXTURES, "mini-site"), options.pathPrefix ?? "/", log, slugify);
  const md = createMarkdown();
  return {
    page: { file: "pages/example.md", line: 3, url: "/example.html", ...(options.tagName ? { tagName: options.tagName } : {}) },
    site,
    log,
    markdownInline: (text) => md.renderInline(text),
    tagged: (tag) => (options.pages ?? []).filter((p) => p.tags.includes(tag)),
  };
}
