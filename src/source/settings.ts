import { readFileSync } from "node:fs";
import { z } from "zod";
import { BuildError } from "../shared/diagnostics.ts";
import { parseYaml } from "./yamlFile.ts";

/** Site-wide settings, from the project's `_data/site.yml`. */
export const settingsSchema = z
  .object({
    /** Service name in the header and `<title>`. */
    title: z.string().min(1),
    /** Longer title for the home page and metadata; may hold HTML entities. */
    description: z.string().default(""),
    /** Origin the site is published at (no path prefix), for the absolute URLs of `sitemap.xml`. */
    url: z.url().optional(),
    /** Organisation named in the footer. */
    owner: z.string().default(""),
    /** Sidebar used by pages whose front matter names none. */
    defaultSidebar: z.string().default("overview_sidebar"),
    /** Sidebar names that mean another sidebar (`home_sidebar` has no file of its own). */
    sidebarAliases: z.record(z.string(), z.string()).default({}),
    /** Permalink of the glossary page that tooltip terms link to. */
    glossaryPage: z.string().default("overview_glossary.html"),
    /** The capability sidebars, in top-bar order, with their reader-facing names. */
    capabilities: z
      .array(z.object({ sidebar: z.string(), label: z.string(), home: z.string().describe("permalink of the capability's landing page") }))
      .default([]),
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
    /** Where the source lives, for "edit this page" and provenance notes. */
    source: z.object({ name: z.string(), url: z.url(), license: z.string() }).optional(),
  })
  .strict();

type SettingsData = z.infer<typeof settingsSchema>;

export type Settings = SettingsData & {
  /** Each accepted fault also knows its own line in the settings file, to report one that no longer occurs. */
  readonly acceptedFaults: (SettingsData["acceptedFaults"][number] & { readonly declaredAt?: number | undefined })[];
  /** Line of a setting in the settings file, for messages about it. */
  lineOf(path: readonly (string | number)[]): number | undefined;
};

/** Reads and validates the settings, turning schema failures into one readable message. */
export function loadSettings(file: string, shownAs = "_data/site.yml"): Settings {
  const yaml = parseYaml(readFileSync(file, "utf8"), shownAs);
  const result = settingsSchema.safeParse(yaml.data);
  if (result.success) {
    return {
      ...result.data,
      acceptedFaults: result.data.acceptedFaults.map((fault, i) => ({ ...fault, declaredAt: yaml.lineOf(["acceptedFaults", i]) })),
      lineOf: (path) => yaml.lineOf(path),
    };
  }
  const issue = result.error.issues[0]!;
  throw new BuildError({
    code: "settings",
    file: shownAs,
    line: yaml.lineOf(issue.path as (string | number)[]),
    message: `setting ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    hint: "see the documented fields in src/source/settings.ts",
  });
}
