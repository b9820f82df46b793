import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";
import { isUnframed } from "../jekyll/layouts.ts";
import { mainIds, renderFrame, type FrameParts } from "../theme/frame.ts";
import type { FoundLinks } from "../shared/markupTree.ts";
import { pageData, type PageData } from "../theme/pageData.ts";
import { siteFacts } from "../theme/siteFacts.ts";
import type { FrontMatter, ListedPage } from "../source/pages.ts";
import type { RenderedPage } from "../output/pageOutput.ts";
import { pageContent, unframedContent } from "./pagePlugin.ts";
import { pageSearchMeta, sidebarLabels, type SearchMeta } from "../search/pageMeta.ts";
import { sidebarPath } from "../search/siteIndex.ts";
import type { SiteModel } from "../source/model.ts";

/** The layout every page gets (Jekyll's `page` and `default`). */
export const PAGE_LAYOUT = "layouts/page.11ty.js";
/**
 * Eleventy's includes folder. Eleventy finds a virtual layout only in an includes folder inside the input:
 * this one never exists (no layout is read from disk), and its `_` keeps it out of a Jekyll tree's pages.
 */
export const LAYOUT_FOLDER = "_gpconnect-docs-layouts";

/** What Eleventy gives a layout: the page's front matter and content, its page object and the collections. */
interface LayoutData extends FrontMatter {
  content: string;
  page: { url: string | false; inputPath: string; outputPath: string | false };
  collections: { all: ListedPage[] };
}

/**
 * The whole page as it is written: the frame (src/theme/frame.ts) around the page's content,
 * with the navigation worked out now, one page at a time, rather than kept for every page.
 */
/** A page's data as noted for its frame: what the theme needs, and what search weighs besides its text. */
export interface NotedPage extends PageData {
  readonly searchMeta: readonly SearchMeta[];
}

/** Every page's sidebar labels, once per site model (a whole rebuild reads the model again). */
const labelsBySite = new WeakMap<SiteModel, Map<string, string[]>>();

function notedPage(context: BuildContext, page: { readonly url: string; readonly inputPath: string; readonly data: FrontMatter }, all: readonly ListedPage[]): NotedPage {
  const site = context.site();
  let labels = labelsBySite.get(site);
  if (!labels) labelsBySite.set(site, (labels = sidebarLabels(site.sidebars.values())));
  return { ...pageData(page, all, context.indexes, site.url), searchMeta: pageSearchMeta(page.data, labels.get(sidebarPath(page.url)) ?? []) };
}

/** The page in its frame, with the ids and links of its main region (its content's, and the frame's own ids there). */
export function framePage(context: BuildContext, data: NotedPage, body: string): { html: string; links: FoundLinks } {
  const site = context.site();
  const navigation = context.navigation();
  const around = navigation.neighbours(data.url, data.sidebar);
  const facts = siteFacts(site, context.options.commitDates);
  const release = facts.release(data.sidebar);
  const content = pageContent(context, data.inputPath, body);
  const page = { ...data.page, updated: facts.updated(data.inputPath, data.lastUpdated) };
  const parts: FrameParts = {
    site: { title: site.settings.title, source: site.settings.source, siteIndex: site.siteIndex },
    url: site.url,
    assetUrl: (assetPath) => context.assetUrl(assetPath),
    capabilities: navigation.capabilities(data.sidebar),
    capability: navigation.capabilityLabel(data.sidebar),
    breadcrumbs: navigation.breadcrumbs(data.url, data.sidebar),
    previous: around.previous,
    next: around.next,
    sidebar: navigation.sidebarHtml(data.url, data.sidebar),
    body: content,
    tags: data.tags,
    editions: data.editions,
    release,
    banner: facts.banner(release),
    footer: facts.footer(),
    searchMeta: data.searchMeta,
    revision: context.served.revision,
  };
  return { html: renderFrame(page, parts), links: { ids: mainIds(page, parts, content.links.ids), refs: content.links.refs } };
}

/**
 * Pages noted by the layout, framed as they are written. Eleventy renders every
 * page's layout before it runs any page's transforms, so a layout that built
 * the whole page would hold every page's HTML at once; the layout notes only
 * the page's data, and the writer frames each page with it.
 */
export class PageFrames {
  private readonly noted = new Map<string, NotedPage | UnframedKind>();

  note(outputPath: string, data: NotedPage | UnframedKind): void {
    this.noted.set(path.resolve(outputPath), data);
  }

  /**
   * The page in its frame; a tree's page without one through the markup policy;
   * a page the layout did not note (the site's own pages, a redirect stub) as it is.
   */
  frame(context: BuildContext, page: RenderedPage): RenderedPage {
    const data = this.noted.get(page.outputPath);
    if (!data) return page;
    this.noted.delete(page.outputPath);
    return { ...page, ...(typeof data === "string" ? { html: unframedContent(context, page.inputPath, data, page.html) } : framePage(context, data, page.html)) };
  }

  clear(): void {
    this.noted.clear();
  }
}

type UnframedKind = "document" | "svg";

/** How a browser reads an unframed page's output: as an HTML page, an SVG image, or (feeds, JSON, text) as no markup of ours to police. */
function unframedKind(outputPath: string): UnframedKind | undefined {
  if (/\.html?$/i.test(outputPath)) return "document";
  return /\.svg$/i.test(outputPath) ? "svg" : undefined;
}

/** The page layout: notes each page's data for its frame and hands its content on (see PageFrames). */
export function layoutPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  eleventyConfig.addTemplate(`${LAYOUT_FOLDER}/${PAGE_LAYOUT}`, {
    render(data: LayoutData): string {
      const { url, inputPath, outputPath } = data.page;
      if (typeof outputPath !== "string" || url === false) return data.content;
      if (isUnframed(data.layout, outputPath, data.redirect_to)) {
        // A redirect_to stub is the site's own markup, written for the page.
        const kind = data.redirect_to ? undefined : unframedKind(outputPath);
        if (kind) context.frames.note(outputPath, kind);
        return data.content;
      }
      context.frames.note(outputPath, notedPage(context, { url, inputPath, data }, data.collections.all));
      return data.content;
    },
  });
}
