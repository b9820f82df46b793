import { readFileSync } from "node:fs";
import { realInside } from "../shared/sitePaths.ts";
import path from "node:path";
import type { Settings } from "./settings.ts";
import type { Sidebar } from "./sidebar.ts";

/** Which release of the specification a page describes, as readers see it. */
export interface Release {
  /** The release's name ("GP Connect 1.2.2"). */
  readonly name: string;
  /** What else it is built on ("FHIR® STU3"). */
  readonly details: readonly string[];
  /** The tree's include (a path under `_includes/`) shown above every page's title, if it names one. */
  readonly banner?: string | undefined;
}

const ASSIGN = /\{%-?\s*assign\s+([A-Za-z_][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s%]+))\s*-?%\}/g;

/** The literal values a Liquid file assigns (`{% assign gpconnectVersion = "1.2.2" %}`), by variable name. */
export function liquidAssignments(source: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const m of source.matchAll(ASSIGN)) values.set(m[1]!, m[2] ?? m[3] ?? m[4] ?? "");
  return values;
}

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * The release a version include describes: each `<name>Version` it assigns is
 * one part ("GP Connect 1.2.2", "FHIR® STU3"), the one named like the site
 * first; `versionBanner` names the banner include. Names come from `labels`,
 * else the site title, else the variable (upper case when short, as acronyms are).
 */
export function releaseFromAssignments(values: ReadonlyMap<string, string>, siteTitle: string, labels: Readonly<Record<string, string>>): Release | undefined {
  const parts = [...values]
    .filter(([name, value]) => /.Version$/.test(name) && value.trim())
    .map(([name, value]) => {
      const key = name.slice(0, -"Version".length);
      const own = squash(key) === squash(siteTitle);
      const label = labels[key] ?? (own ? siteTitle : key.length <= 4 ? key.toUpperCase() : key[0]!.toUpperCase() + key.slice(1));
      return { own, text: `${label} ${value.trim()}` };
    })
    .sort((a, b) => Number(b.own) - Number(a.own));
  if (parts.length === 0) return undefined;
  const banner = values.get("versionBanner")?.trim();
  return { name: parts[0]!.text, details: parts.slice(1).map((p) => p.text), banner: banner ? `${banner}.html` : undefined };
}

/**
 * The release a page describes, from the first of what the tree has: its
 * sidebar's `product` and `version` (the theme's convention), the values its
 * version include assigns (GP Connect's `_includes/custom/versionconfig.html`),
 * or the settings. Undefined when none says.
 */
export function releaseFor(sidebar: Pick<Sidebar, "product" | "version"> | undefined, versionInclude: string | undefined, siteTitle: string, settings: Settings["release"]): Release | undefined {
  const fromInclude = versionInclude === undefined ? undefined : releaseFromAssignments(liquidAssignments(versionInclude), siteTitle, settings.labels);
  const banner = fromInclude?.banner ?? settings.banner;
  if (sidebar?.version) return { name: `${sidebar.product ?? siteTitle} ${sidebar.version}`, details: fromInclude?.details ?? settings.details, banner };
  if (fromInclude) return { ...fromInclude, banner };
  return settings.name ? { name: settings.name, details: settings.details, banner } : undefined;
}

/** The text of the tree's version include, if it has one. */
export function readVersionInclude(contentDir: string, include: string): string | undefined {
  const includes = path.join(contentDir, "_includes");
  const file = path.join(includes, include);
  return file.startsWith(includes + path.sep) && realInside(contentDir, file) ? readFileSync(file, "utf8") : undefined;
}
