import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { BuildError } from "../shared/diagnostics.ts";
import { realInside, urlScheme, withoutLeadingSlash } from "../shared/sitePaths.ts";
import type { JekyllConfig } from "./jekyllConfig.ts";
import type { TreePage } from "./jekyllTree.ts";
import type { Sidebar } from "./sidebar.ts";
import { parseYaml } from "./yamlFile.ts";

/**
 * The optional settings file inside a tree, for what Jekyll's format cannot say
 * (capability bar, accepted faults, journey order…). `_`-named, so Jekyll never publishes it.
 */
export const SETTINGS_FILE = "_gpconnect-docs.yml";

/**
 * A tree's settings. Each is optional in the file: without it, the value comes from the
 * tree itself (`_config.yml`, `_data/topnav.yml`, its sidebars, its pages).
 */
const capabilitySchema = z.object({ sidebar: z.string(), label: z.string(), home: z.string().describe("permalink of the capability's landing page") });

/** A link the settings put on every page: a site path or a web or mail address, never a script (`javascript:`, `data:`). */
const linkTarget = z
  .string()
  .min(1)
  .refine((url) => ["http", "https", "mailto", "tel", undefined].includes(urlScheme(url)), { error: "must be a site path or an http(s) or mailto address" });
const webAddress = z.url({ protocol: /^https?$/, error: "must be an http(s) address" });

export const settingsSchema = z
  .object({
    /** Service name in the header and `<title>` (default: `site_title`, `title` or `topnav_title` of `_config.yml`). */
    title: z.string().min(1).optional(),
    /** Longer title for the home page and metadata; may hold HTML entities (default: `topnav_title` or `description` of `_config.yml`). */
    description: z.string().optional(),
    /** Origin the site is published at (no path prefix), for the absolute URLs of `sitemap.xml` (default: `url` of `_config.yml`). */
    url: webAddress.optional(),
    /** Organisation named in the footer (default: `company_name` of `_config.yml`). */
    owner: z.string().optional(),
    /** Sidebar used by pages whose front matter names none (default: the `sidebar` of `_config.yml`'s page defaults, else its first `sidebars:`). */
    defaultSidebar: z.string().optional(),
    /** Sidebar names that mean another sidebar (`home_sidebar` has no file of its own). */
    sidebarAliases: z.record(z.string(), z.string()).default({}),
    /** Permalink of the glossary page that tooltip terms link to (default: the page named `*glossary*`). */
    glossaryPage: z.string().optional(),
    /** The capability sidebars, in top-bar order, with their reader-facing names (default: the tree's `_data/topnav.yml` links, else its sidebars). */
    capabilities: z.array(capabilitySchema).optional(),
    /** Reading order of the developer journey stages, by file name without `.md`. */
    journeyOrder: z.array(z.string()).default([]),
    /** Social badges the old theme could show; off for GP Connect. */
    social: z.object({ gitter: z.string().optional(), twitter: z.string().optional() }).default({}),
    /**
     * Known faults of the source that the project has accepted (warnings only):
     * they are still listed after every build, but do not fail `--strict`.
     */
    acceptedFaults: z
      .array(z.object({ code: z.string(), file: z.string(), line: z.number().int().positive().optional(), reason: z.string().min(1) }).strict())
      .default([]),
    /** Old URLs that must keep working, old path → new path (pages can also say `redirect_from:`). */
    redirects: z.record(z.string(), z.string()).default({}),
    /**
     * The release the site documents, shown on every page. A tree says it itself (a sidebar's first entry's
     * `version`, or the variables its version include assigns); these settings fill in what it does not.
     */
    release: z
      .object({
        /** The release as readers name it ("GP Connect 1.2.2"), when the tree does not say. */
        name: z.string().optional(),
        /** What else the release is built on, after its name ("FHIR® STU3"). */
        details: z.array(z.string()).default([]),
        /** An include of the tree shown above every page's title (the old layout's version banner), when the tree does not name one. */
        banner: z.string().optional(),
        /** The tree's include that assigns the versions (`{% assign gpconnectVersion = "1.2.2" %}`) and the banner (`versionBanner`). */
        include: z.string().default("custom/versionconfig.html"),
        /** Reader-facing names of that include's `<name>Version` variables (`fhir: FHIR®`); the one matching the site title is the site's own. */
        labels: z.record(z.string(), z.string()).default({}),
      })
      .prefault({}),
    /** The footer's licence statement and links (accessibility, privacy, contact); the copyright holder is `owner`. */
    footer: z
      .object({
        /** The licence all content is under, unless a page says otherwise. */
        licence: z.object({ name: z.string().min(1), url: webAddress }).optional(),
        links: z.array(z.object({ label: z.string().min(1), url: linkTarget })).default([]),
      })
      .prefault({}),
    /** Where the source lives, for "edit this page" and provenance notes. */
    source: z.object({ name: z.string(), url: webAddress, license: z.string() }).optional(),
  })
  .strict();

type SettingsData = z.infer<typeof settingsSchema>;
export type Capability = z.infer<typeof capabilitySchema>;

export type Settings = Omit<SettingsData, "title" | "description" | "owner" | "defaultSidebar" | "glossaryPage" | "capabilities"> & {
  readonly title: string;
  readonly description: string;
  readonly owner: string;
  readonly defaultSidebar: string;
  readonly glossaryPage: string;
  readonly capabilities: readonly Capability[];
  /** The settings file as messages name it (the tree's `_gpconnect-docs.yml`, or the one given with --settings). */
  readonly file: string;
  /** Each accepted fault also knows its own line in the settings file, to report one that no longer occurs. */
  readonly acceptedFaults: (SettingsData["acceptedFaults"][number] & { readonly declaredAt?: number | undefined })[];
  /** Line of a setting in the settings file, for messages about it. */
  lineOf(path: readonly (string | number)[]): number | undefined;
};

/** What the tree says about itself, for settings its file leaves out. */
export interface TreeFacts {
  readonly config: JekyllConfig;
  /** `site.data` (for `topnav`). */
  readonly data: Readonly<Record<string, unknown>>;
  readonly sidebars: ReadonlyMap<string, Sidebar>;
  readonly pages: readonly TreePage[];
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() ? value : undefined);

/** Reads and validates a tree's settings file (if it has one), turning schema failures into one readable message, and fills the rest from the tree. */
export function loadSettings(contentDir: string, tree: TreeFacts, settingsFile?: string): Settings {
  const file = settingsFile ?? path.join(contentDir, SETTINGS_FILE);
  const shown = settingsFile ? path.relative(process.cwd(), settingsFile) : SETTINGS_FILE;
  // The tree's own file must lie in the tree; one named with --settings is the operator's choice.
  const yaml = (settingsFile ? existsSync(file) : realInside(contentDir, file)) ? parseYaml(readFileSync(file, "utf8"), shown) : undefined;
  const result = settingsSchema.safeParse(yaml?.data ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new BuildError({
      code: "settings",
      file: shown,
      line: yaml?.lineOf(issue.path as (string | number)[]),
      message: `setting ${issue.path.join(".") || "(root)"}: ${issue.message}`,
      hint: "see the documented fields in src/source/settings.ts",
    });
  }
  const own = result.data;
  const config = tree.config as JekyllConfig & Record<string, unknown>;
  const defaultSidebar = own.defaultSidebar ?? pageDefaultSidebar(config) ?? text(listFirst(config["sidebars"])) ?? [...tree.sidebars.keys()][0] ?? "home_sidebar";
  return {
    ...own,
    title: own.title ?? text(config["site_title"]) ?? text(config.title) ?? text(config["topnav_title"]) ?? path.basename(contentDir),
    description: own.description ?? text(config["topnav_title"]) ?? text(config.description) ?? "",
    // The origin alone: the path prefix (baseurl) is added to every site path already.
    url: own.url ?? text(config.url),
    owner: own.owner ?? text(config["company_name"]) ?? "",
    defaultSidebar,
    glossaryPage: own.glossaryPage ?? tree.pages.find((page) => page.output && page.type === "pages" && /glossary/i.test(page.outputPath))?.outputPath ?? "glossary.html",
    capabilities: own.capabilities ?? capabilitiesOfTree(tree),
    file: shown,
    acceptedFaults: own.acceptedFaults.map((fault, i) => ({ ...fault, declaredAt: yaml?.lineOf(["acceptedFaults", i]) })),
    lineOf: (keyPath) => yaml?.lineOf(keyPath),
  };
}

const listFirst = (value: unknown): unknown => (Array.isArray(value) ? value[0] : undefined);

/** The `sidebar` that `_config.yml`'s defaults give pages. */
function pageDefaultSidebar(config: JekyllConfig): string | undefined {
  const entry = config.defaults.find((d) => (!d.scope.type || d.scope.type === "pages") && !d.scope.path && typeof d.values["sidebar"] === "string");
  return entry ? String(entry.values["sidebar"]) : undefined;
}

/**
 * The top bar from the tree: the links of `_data/topnav.yml` that lead to a page of the
 * site (each with that page's sidebar), else one entry per sidebar (`sidebars:` of
 * `_config.yml` in order, else every sidebar), named by its product title and leading to its first page.
 */
function capabilitiesOfTree(tree: TreeFacts): Capability[] {
  // `topnav:` groups hold `items`; `topnav_dropdowns:` groups hold `folders` of `folderitems`.
  const topnav = (tree.data["topnav"] ?? {}) as { topnav?: unknown; topnav_dropdowns?: unknown };
  const listOf = (value: unknown, key: string): unknown[] => (Array.isArray(value) ? value.flatMap((group: unknown) => {
    const inner = (group as Record<string, unknown> | null)?.[key];
    return Array.isArray(inner) ? inner : [];
  }) : []);
  const links = [...listOf(topnav.topnav, "items"), ...listOf(listOf(topnav.topnav_dropdowns, "folders"), "folderitems")];
  const byUrl = new Map(tree.pages.filter((page) => page.output).map((page) => [withoutLeadingSlash(page.url).replace(/\.html$/, ""), page]));
  const fromTopnav = links.flatMap((item: unknown): Capability[] => {
    const { title, url } = (item ?? {}) as { title?: unknown; url?: unknown };
    if (typeof title !== "string" || typeof url !== "string") return [];
    const page = byUrl.get(withoutLeadingSlash(url).replace(/\.html$/, ""));
    const sidebar = page?.data["sidebar"];
    return page && typeof sidebar === "string" ? [{ sidebar, label: title, home: page.outputPath }] : [];
  });
  if (fromTopnav.length > 0) return fromTopnav;
  const listed = tree.config as JekyllConfig & { sidebars?: unknown };
  const names = Array.isArray(listed.sidebars) ? listed.sidebars.map(String).filter((name) => tree.sidebars.has(name)) : [...tree.sidebars.keys()];
  return names.flatMap((name): Capability[] => {
    const sidebar = tree.sidebars.get(name)!;
    const home = firstPage(sidebar.nodes);
    return home ? [{ sidebar: name, label: sidebar.title || name, home }] : [];
  });
}

function firstPage(nodes: Sidebar["nodes"]): string | undefined {
  for (const node of nodes) {
    if (node.kind === "page") return withoutLeadingSlash(node.url);
    const inner = firstPage(node.children);
    if (inner) return inner;
  }
  return undefined;
}
