import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "../build/context.ts";
import type { Link } from "../navigation/render.ts";
import type { PageContent } from "./contentHtml.ts";
import { renderFrame, type FramePage, type FrameParts } from "./frame.ts";
import type { Edition, TagLink } from "./plugin.ts";

/** The layout every page gets (Jekyll's `page` and `default`). */
export const PAGE_LAYOUT = "layouts/page.11ty.js";
/**
 * Eleventy's includes folder. Eleventy finds a virtual layout only in an includes folder inside the input:
 * this one never exists (no layout is read from disk), and its `_` keeps it out of a Jekyll tree's pages.
 */
export const LAYOUT_FOLDER = "_gpconnect-docs-layouts";

interface LayoutData {
  content: string;
  page: { url: string | false; inputPath: string; outputPath: string | false };
  collections: { all: unknown[] };
  title?: unknown;
  summary?: unknown;
  sidebar?: string;
  tags?: unknown;
  search?: unknown;
  toc?: unknown;
  edition_of?: unknown;
  edition?: unknown;
}

/** A filter another plugin registered, typed as the layout uses it. */
function filter<F>(eleventyConfig: UserConfig, name: string): F {
  const found = eleventyConfig.getFilter(name) as F | undefined;
  if (!found) throw new Error(`the page layout needs the "${name}" filter`);
  return found;
}

/**
 * The page layout, in TypeScript (src/site/frame.ts). Eleventy renders every
 * page's layout before it runs any page's transforms, so a layout that built
 * the whole page would hold every page's HTML at once; this one notes what the
 * page needs and hands its content on, and the page is framed as it is written
 * (PageOutput), one page at a time.
 */
export function layoutPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  const frames = new Map<string, (body: string) => string>();
  eleventyConfig.addTemplate(`${LAYOUT_FOLDER}/${PAGE_LAYOUT}`, {
    render(data: LayoutData): string {
      const { url, inputPath, outputPath } = data.page;
      if (typeof outputPath !== "string" || url === false) return data.content;
      const all = data.collections.all;
      const tags = filter<(tags: unknown, all: unknown[]) => TagLink[]>(eleventyConfig, "pageTags")(data.tags, all);
      const editions = filter<(all: unknown[], url: string) => Edition[]>(eleventyConfig, "earlierEditions")(all, url);
      const editionOf = data.edition_of ? String(data.edition_of) : undefined;
      const current = editionOf ? filter<(all: unknown[], of: string) => { url: string; data: { title?: unknown } } | undefined>(eleventyConfig, "currentEdition")(all, editionOf) : undefined;
      const page: FramePage = {
        title: String(data.title ?? ""),
        summary: data.summary ? String(data.summary) : undefined,
        searchable: data.search !== "exclude",
        toc: data.toc !== false,
        edition: editionOf ? { label: data.edition ? String(data.edition) : "earlier edition", current: current ? { url: current.url, title: String(current.data.title ?? "") } : undefined } : undefined,
      };
      frames.set(path.resolve(outputPath), (body) => renderFrame(page, frameParts(url, inputPath, data.sidebar, body, tags, editions)));
      return data.content;
    },
  });

  const frameParts = (url: string, inputPath: string, sidebar: string | undefined, body: string, tags: TagLink[], editions: Edition[]): FrameParts => {
    const site = context.site();
    const around = filter<(url: string, name?: string) => { previous?: Link; next?: Link }>(eleventyConfig, "neighbours")(url, sidebar);
    const pageContent = filter<(this: { page: { inputPath: string } }, content: string) => PageContent>(eleventyConfig, "pageContent");
    return {
      site: { title: site.settings.title, owner: site.settings.owner, source: site.settings.source },
      url: site.url,
      assetUrl: filter<(sitePath: string) => string>(eleventyConfig, "assetUrl"),
      capabilities: filter<(url: string, name?: string) => FrameParts["capabilities"]>(eleventyConfig, "capabilities")(url, sidebar),
      capability: filter<(name?: string) => string>(eleventyConfig, "capabilityLabel")(sidebar),
      breadcrumbs: filter<(url: string, name?: string) => Link[]>(eleventyConfig, "breadcrumbs")(url, sidebar),
      previous: around.previous,
      next: around.next,
      sidebar: filter<(url: string, name?: string) => string>(eleventyConfig, "sidebarHtml")(url, sidebar),
      body: pageContent.call({ page: { inputPath } }, body),
      tags,
      editions,
    };
  };

  context.output.frameWith((page) => {
    const frame = frames.get(page.outputPath);
    if (!frame) return page.html;
    frames.delete(page.outputPath);
    return frame(page.html);
  });
}
