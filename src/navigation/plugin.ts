import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "../build/context.ts";
import { renderSidebar, type RenderedSidebar } from "./render.ts";

/** The page's own url as sidebars write it (`overview_engage.html`; Eleventy calls `index.html` `/`). */
const sidebarUrl = (pageUrl: string): string => decodeURI(pageUrl.endsWith("/") ? `${pageUrl}index.html` : pageUrl).replace(/^\//, "");

/**
 * Navigation from `_data/sidebars/*.yml` only: the tree is built and rendered
 * once per build, and each page asks for its sidebar, breadcrumbs and
 * neighbours through filters.
 */
export function navigationPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  let rendered: Map<string, RenderedSidebar> | undefined;
  eleventyConfig.on("eleventy.before", () => {
    rendered = undefined;
  });
  const renderedSidebars = (): Map<string, RenderedSidebar> => {
    const site = context.site();
    rendered ??= new Map([...site.sidebars].map(([key, sidebar]) => [key, renderSidebar(sidebar, site.url)]));
    return rendered;
  };
  const sidebarOf = (name: string | undefined): RenderedSidebar | undefined => {
    const sidebar = context.site().sidebarFor(name);
    return sidebar ? renderedSidebars().get(sidebar.name) : undefined;
  };

  eleventyConfig.addFilter("sidebarHtml", (pageUrl: string, name?: string) => sidebarOf(name)?.forPage(sidebarUrl(pageUrl)) ?? "");
  eleventyConfig.addFilter("breadcrumbs", (pageUrl: string, name?: string) => sidebarOf(name)?.breadcrumbs(sidebarUrl(pageUrl)) ?? []);
  eleventyConfig.addFilter("neighbours", (pageUrl: string, name?: string) => sidebarOf(name)?.neighbours(sidebarUrl(pageUrl)) ?? {});
  eleventyConfig.addFilter("siteIndex", () => {
    const site = context.site();
    const all = renderedSidebars();
    const label = (name: string): string => site.settings.capabilities.find((c) => c.sidebar === name)?.label ?? name.replace(/_sidebar$/, "").replace(/_/g, " ");
    const ordered = [...site.settings.capabilities.map((c) => c.sidebar), ...[...site.sidebars.keys()].sort()];
    return [...new Set(ordered)].flatMap((name) => {
      const sidebar = all.get(name);
      return sidebar ? [{ label: label(name), html: sidebar.expanded() }] : [];
    });
  });
  /** The reader-facing name of the capability a page belongs to (its sidebar's), for search filters. */
  eleventyConfig.addFilter("capabilityLabel", (name?: string) => {
    const site = context.site();
    const sidebar = site.sidebarFor(name)?.name;
    return site.settings.capabilities.find((c) => c.sidebar === sidebar)?.label ?? "";
  });
  eleventyConfig.addFilter("capabilities", (_pageUrl: string, name?: string) => {
    const site = context.site();
    const current = site.sidebarFor(name)?.name;
    return site.settings.capabilities.map((c) => ({ label: c.label, url: site.url(`/${c.home}`), current: c.sidebar === current }));
  });
}
