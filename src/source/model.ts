import path from "node:path";
import type { DiagnosticLog } from "../shared/diagnostics.ts";
import { isExternalUrl, safeUrl } from "../shared/html.ts";
import { buildSidebar, type Sidebar } from "./sidebar.ts";
import { buildGlossary, glossaryData, type Glossary } from "./glossary.ts";
import { loadJourney, type JourneyStage } from "./journey.ts";
import type { Settings } from "./settings.ts";
import { loadSiteData, type SiteDataTree } from "./siteData.ts";
import { normalisePathPrefix, prefixed } from "../shared/sitePaths.ts";

/** Everything the build knows about the source tree, read once per build. */
export interface SiteModel {
  readonly contentDir: string;
  readonly settings: Settings;
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

export function loadSiteModel(contentDir: string, settings: Settings, pathPrefix: string, log: DiagnosticLog): SiteModel {
  const { data, yamlFiles } = loadSiteData(contentDir);
  const sidebars = new Map<string, Sidebar>();
  for (const [file, yaml] of yamlFiles) {
    const match = /^sidebars\/(.+)\.ya?ml$/.exec(file);
    if (match) sidebars.set(match[1]!, buildSidebar(match[1]!, yaml, log));
  }
  const prefix = normalisePathPrefix(pathPrefix);
  const resolveSidebar = (name: string | undefined): Sidebar | undefined => {
    const wanted = name ?? settings.defaultSidebar;
    return sidebars.get(settings.sidebarAliases[wanted] ?? wanted);
  };
  const glossary = buildGlossary(data["glossary"], yamlFiles.get("glossary.yml"), log);
  return {
    contentDir: path.resolve(contentDir),
    settings,
    // The tree's glossary page prints `site.data.glossary` as markup: it gets the sanitised entries.
    data: data["glossary"] === undefined ? data : { ...data, glossary: glossaryData(glossary) },
    glossary,
    journey: loadJourney(contentDir, log, settings.journeyOrder),
    sidebars,
    pathPrefix: prefix,
    url: (sitePath) => (isExternalUrl(sitePath) ? safeUrl(sitePath) : prefixed(prefix, sitePath)),
    sidebarFor: resolveSidebar,
  };
}
