import type { SiteModel } from "../source/model.ts";
import { renderSidebar, type Link, type RenderedSidebar } from "./render.ts";
import { servedFile } from "../shared/sitePaths.ts";
import type { NavNode } from "../source/sidebar.ts";

/** The page's own url as sidebars write it (`overview_engage.html`; Eleventy calls `index.html` `/`). */
const sidebarUrl = (pageUrl: string): string => servedFile(decodeURI(pageUrl));

export interface CapabilityLink {
  readonly label: string;
  readonly url: string;
  readonly current: boolean;
}

/**
 * Navigation from `_data/sidebars/*.yml` only: each sidebar is rendered once
 * (when first asked for), and each page asks for its sidebar, breadcrumbs,
 * neighbours and capability by its url and the sidebar it names.
 */
export class SiteNavigation {
  private rendered: Map<string, RenderedSidebar> | undefined;

  constructor(private readonly site: SiteModel) {}

  private sidebars(): Map<string, RenderedSidebar> {
    this.rendered ??= new Map([...this.site.sidebars].map(([key, sidebar]) => [key, renderSidebar(sidebar, this.site.url)]));
    return this.rendered;
  }

  private sidebarOf(name: string | undefined): RenderedSidebar | undefined {
    const sidebar = this.site.sidebarFor(name);
    return sidebar ? this.sidebars().get(sidebar.name) : undefined;
  }

  sidebarHtml(pageUrl: string, name?: string): string {
    return this.sidebarOf(name)?.forPage(sidebarUrl(pageUrl)) ?? "";
  }

  breadcrumbs(pageUrl: string, name?: string): Link[] {
    return this.sidebarOf(name)?.breadcrumbs(sidebarUrl(pageUrl)) ?? [];
  }

  neighbours(pageUrl: string, name?: string): { previous?: Link; next?: Link } {
    return this.sidebarOf(name)?.neighbours(sidebarUrl(pageUrl)) ?? {};
  }

  /** The reader-facing name of the capability a page belongs to (its sidebar's), for search filters; "" for none. */
  capabilityLabel(name?: string): string {
    const sidebar = this.site.sidebarFor(name)?.name;
    return this.site.settings.capabilities.find((c) => c.sidebar === sidebar)?.label ?? "";
  }

  /** The header's capability links, the page's own marked. */
  capabilities(name?: string): CapabilityLink[] {
    const current = this.site.sidebarFor(name)?.name;
    return this.site.settings.capabilities.map((c) => ({ label: c.label, url: this.site.url(`/${c.home}`), current: c.sidebar === current }));
  }

  /** Every sidebar with its reader-facing name, capabilities first, for the site index. */
  siteIndex(): { label: string; nodes: readonly NavNode[] }[] {
    const all = this.sidebars();
    const label = (name: string): string => this.site.settings.capabilities.find((c) => c.sidebar === name)?.label ?? name.replace(/_sidebar$/, "").replace(/_/g, " ");
    const ordered = [...this.site.settings.capabilities.map((c) => c.sidebar), ...[...this.site.sidebars.keys()].sort()];
    return [...new Set(ordered)].flatMap((name) => {
      const sidebar = all.get(name);
      return sidebar ? [{ label: label(name), nodes: sidebar.sidebar.nodes }] : [];
    });
  }
}
