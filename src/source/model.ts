import path from "node:path";
import type { DiagnosticLog } from "../shared/diagnostics.ts";
import { loadJekyllConfig, type JekyllConfig } from "./jekyllConfig.ts";
import { readJekyllTree, type JekyllTree } from "./jekyllTree.ts";
import { buildSidebar, type Sidebar } from "./sidebar.ts";
import { buildGlossary, type Glossary } from "./glossary.ts";
import { loadJourney, type JourneyStage } from "./journey.ts";
import { loadSettings, type Settings } from "./settings.ts";
import { loadSiteData, type SiteDataTree } from "./siteData.ts";
import { isExternalUrl, normalisePathPrefix, prefixed, safeUrl } from "../shared/sitePaths.ts";

/** Everything the build knows about the source tree, read once per build. */
export interface SiteModel {
  readonly contentDir: string;
  readonly settings: Settings;
  /** The tree's `_config.yml` as Jekyll reads it (its defaults without one); keys the build does not use are kept as unknown data. */
  readonly config: JekyllConfig;
  /** What Jekyll publishes from the tree: pages, posts, documents, static files. */
  readonly tree: JekyllTree;
  /** Jekyll's `site.data`. */
  readonly data: SiteDataTree;
  readonly glossary: Glossary;
  readonly journey: readonly JourneyStage[];
  readonly sidebars: ReadonlyMap<string, Sidebar>;
  /** The site path prefix, always with leading and trailing slashes. */
  readonly pathPrefix: string;
  /** Turns a site path (`/page.html` or `page.html`) into the URL to write, with the path prefix; external URLs pass through, script URLs become `#`. */
  url(sitePath: string): string;
  /** The sidebar a page names (aliases and the default applied); undefined if it does not exist. */
  sidebarFor(name: string | undefined): Sidebar | undefined;
}

/**
 * Reads a tree: its `_config.yml`, what Jekyll publishes from it, its data, sidebars and
 * settings. The path prefix is the one asked for, else the tree's `baseurl`. `headingId`: the id a
 * heading with this text gets (the markdown layer's rule; glossary terms link to their headings).
 */
export function loadSiteModel(contentDir: string, pathPrefix: string | undefined, log: DiagnosticLog, headingId: (text: string) => string, settingsFile?: string): SiteModel {
  const config = loadJekyllConfig(contentDir);
  const { data, yamlFiles } = loadSiteData(contentDir);
  const tree = readJekyllTree(contentDir, config);
  for (const problem of tree.problems) log.warn(problem);
  const sidebars = new Map<string, Sidebar>();
  for (const [file, yaml] of yamlFiles) {
    const match = /^sidebars\/(.+)\.ya?ml$/.exec(file);
    if (match) sidebars.set(match[1]!, buildSidebar(match[1]!, yaml, log));
  }
  const settings = loadSettings(contentDir, { config, data, sidebars, pages: tree.pages }, settingsFile);
  const prefix = normalisePathPrefix(pathPrefix ?? config.baseurl);
  const resolveSidebar = (name: string | undefined): Sidebar | undefined => {
    const wanted = name ?? settings.defaultSidebar;
    return sidebars.get(settings.sidebarAliases[wanted] ?? wanted);
  };
  const glossary = buildGlossary(data["glossary"], yamlFiles.get("glossary.yml"), log, headingId);
  return {
    contentDir: path.resolve(contentDir),
    settings,
    config,
    tree,
    // Liquid sees the data as written: reading the glossary for tooltips changes nothing here. What a
    // page prints from it is made safe with the rest of the page's HTML (script removal, `contentHtml.ts`).
    data,
    glossary,
    journey: loadJourney(contentDir, log, settings.journeyOrder),
    sidebars,
    pathPrefix: prefix,
    url: (sitePath) => (isExternalUrl(sitePath) ? safeUrl(sitePath) : prefixed(prefix, sitePath)),
    sidebarFor: resolveSidebar,
  };
}
