import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";
import { renderFrame, type FramePage } from "../theme/frame.ts";
import { earlierEditions, pageContent, tagPages, type CollectionItem, type Edition, type TagLink } from "./pagePlugin.ts";
import { withoutLeadingSlash } from "../shared/sitePaths.ts";

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
  collections: { all: CollectionItem[] };
  title?: unknown;
  summary?: unknown;
  sidebar?: string;
  tags?: unknown;
  search?: unknown;
  toc?: unknown;
  edition_of?: unknown;
  edition?: unknown;
}

/**
 * The page layout, in TypeScript (src/theme/frame.ts). Eleventy renders every
 * page's layout before it runs any page's transforms, so a layout that built
 * the whole page would hold every page's HTML at once; this one notes what the
 * page needs and hands its content on, and the page is framed as it is written
 * (PageOutput), one page at a time.
 */
export function layoutPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  const frames = new Map<string, (body: string) => string>();
  // Indexes of the whole collection, built once per build rather than scanned once per page.
  let tags: Map<string, TagLink> | undefined;
  let editions: Map<string, Edition[]> | undefined;
  context.lifecycle.onStart(() => {
    tags = undefined;
    editions = undefined;
    frames.clear();
  });

  /** A page's tags that have a tag page, linked to it. */
  const tagLinks = (pageTags: unknown, all: CollectionItem[]): TagLink[] => {
    tags ??= tagPages(all);
    const names = Array.isArray(pageTags) ? pageTags.map(String) : [];
    return names.flatMap((name) => {
      const link = tags!.get(name);
      return link ? [{ label: link.label, url: context.site().url(link.url) }] : [];
    });
  };

  const framePage = (data: LayoutData, url: string): FramePage => {
    const editionOf = data.edition_of ? withoutLeadingSlash(String(data.edition_of)) : undefined;
    const current = editionOf ? data.collections.all.find((item) => item.url && withoutLeadingSlash(item.url) === editionOf) : undefined;
    return {
      title: String(data.title ?? ""),
      summary: data.summary ? String(data.summary) : undefined,
      searchable: data.search !== "exclude",
      toc: data.toc !== false,
      edition: editionOf ? { label: data.edition ? String(data.edition) : "earlier edition", current: current && current.url ? { url: current.url, title: String(current.data.title ?? "") } : undefined } : undefined,
    };
  };

  eleventyConfig.addTemplate(`${LAYOUT_FOLDER}/${PAGE_LAYOUT}`, {
    render(data: LayoutData): string {
      const { url, inputPath, outputPath } = data.page;
      if (typeof outputPath !== "string" || url === false) return data.content;
      const page = framePage(data, url);
      const pageTags = tagLinks(data.tags, data.collections.all);
      editions ??= earlierEditions(data.collections.all);
      const pageEditions = editions.get(withoutLeadingSlash(url)) ?? [];
      frames.set(path.resolve(outputPath), (body) => {
        const site = context.site();
        const navigation = context.navigation();
        const around = navigation.neighbours(url, data.sidebar);
        return renderFrame(page, {
          site: { title: site.settings.title, owner: site.settings.owner, source: site.settings.source },
          url: site.url,
          assetUrl: (assetPath) => context.assetUrl(assetPath),
          capabilities: navigation.capabilities(data.sidebar),
          capability: navigation.capabilityLabel(data.sidebar),
          breadcrumbs: navigation.breadcrumbs(url, data.sidebar),
          previous: around.previous,
          next: around.next,
          sidebar: navigation.sidebarHtml(url, data.sidebar),
          body: pageContent(context, inputPath, body),
          tags: pageTags,
          editions: pageEditions,
        });
      });
      return data.content;
    },
  });

  context.output.frameWith((page) => {
    const frame = frames.get(page.outputPath);
    if (!frame) return page.html;
    frames.delete(page.outputPath);
    return frame(page.html);
  });
}
