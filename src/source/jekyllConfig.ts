import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { BuildError } from "../shared/diagnostics.ts";
import { realInside, trimSlashes } from "../shared/sitePaths.ts";
import { parseYaml } from "./yamlFile.ts";

/** Jekyll 4.3's excludes, always added to a tree's own (Configuration::DEFAULT_EXCLUDES). */
export const DEFAULT_EXCLUDES = [".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules", "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/"];

/** A list setting that a real tree may also write as one string (`exclude: vendor`). */
const stringList = z.preprocess((value) => (value === null || value === undefined ? [] : typeof value === "string" ? [value] : value), z.array(z.coerce.string()));

const scopeSchema = z
  .object({
    path: z.string().nullish().transform((p) => p ?? ""),
    type: z.string().nullish(),
  })
  .loose();

const defaultsSchema = z.array(
  z
    .object({
      scope: scopeSchema.nullish().transform((s) => s ?? { path: "", type: undefined }),
      values: z.record(z.string(), z.unknown()).nullish().transform((v) => v ?? {}),
    })
    .loose(),
);

const collectionSchema = z
  .object({
    output: z.boolean().default(false),
    permalink: z.string().optional(),
    sort_by: z.string().optional(),
  })
  .loose();

/** `collections:` is a map of name → options, or a bare list of names. */
const collectionsSchema = z.preprocess((value) => {
  if (value === null || value === undefined) return {};
  if (Array.isArray(value)) return Object.fromEntries(value.map((name) => [String(name), {}]));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, options]) => [name, options ?? {}]));
}, z.record(z.string(), collectionSchema));

/**
 * A tree's `_config.yml` with Jekyll's meaning and Jekyll 4.3's defaults. Keys the
 * build uses are typed; every other key is kept as it is, for `site.KEY`.
 */
export const jekyllConfigSchema = z
  .object({
    title: z.string().optional(),
    description: z.string().optional(),
    url: z.string().nullish().transform((u) => (u ?? "").replace(/\/+$/, "")),
    baseurl: z.string().nullish().transform((b) => (b ?? "").replace(/\/+$/, "")),
    permalink: z.string().default("date"),
    exclude: stringList,
    include: stringList.default([".htaccess"]),
    defaults: z.preprocess((v) => v ?? [], defaultsSchema),
    collections: collectionsSchema,
    collections_dir: z.string().nullish().transform((d) => trimSlashes(d ?? "")),
    markdown_ext: z.string().default("markdown,mkdown,mkdn,mkd,md"),
    future: z.boolean().default(false),
    unpublished: z.boolean().default(false),
    show_drafts: z.boolean().nullish(),
    excerpt_separator: z.string().default("\n\n"),
    kramdown: z.record(z.string(), z.unknown()).nullish().transform((k) => k ?? {}),
    plugins: stringList,
    gems: stringList,
    /** What a build keeps of the output folder it replaces (Jekyll's default: version-control folders). */
    keep_files: stringList.default([".git", ".svn"]),
  })
  .loose();

export type JekyllConfig = z.infer<typeof jekyllConfigSchema> & {
  /** Where the config came from, for messages: `_config.yml`, or undefined for a tree without one. */
  readonly file: string | undefined;
  /** Line of a key in `_config.yml`, for messages about it. */
  lineOf(keyPath: readonly (string | number)[]): number | undefined;
};

export const CONFIG_FILE = "_config.yml";

/** Reads a tree's `_config.yml` (Jekyll's defaults without one), turning schema failures into one readable message. */
export function loadJekyllConfig(contentDir: string): JekyllConfig {
  const file = path.join(contentDir, CONFIG_FILE);
  // A `_config.yml` linked from outside the tree is not read (the tree reader warns about the link).
  if (!realInside(contentDir, file)) return { ...jekyllConfigSchema.parse({}), file: undefined, lineOf: () => undefined };
  const yaml = parseYaml(readFileSync(file, "utf8"), CONFIG_FILE);
  // An empty `_config.yml` is a valid one.
  const result = jekyllConfigSchema.safeParse(yaml.data ?? {});
  if (result.success) {
    const config = result.data;
    // Jekyll adds its own excludes to the tree's (Configuration#add_default_excludes).
    const exclude = [...new Set([...config.exclude, ...DEFAULT_EXCLUDES])];
    return { ...config, exclude, file: CONFIG_FILE, lineOf: (keyPath) => yaml.lineOf(keyPath) };
  }
  const issue = result.error.issues[0]!;
  throw new BuildError({
    code: "jekyll-config",
    file: CONFIG_FILE,
    line: yaml.lineOf(issue.path as (string | number)[]),
    message: `${issue.path.join(".") || "(root)"}: ${issue.message}`,
    hint: "fix the value on that line (Jekyll reads it the same way: https://jekyllrb.com/docs/configuration/options/)",
  });
}

/** Extensions (without dot) Jekyll renders as Markdown. */
export function markdownExtensions(config: Pick<JekyllConfig, "markdown_ext">): string[] {
  return config.markdown_ext.split(",").map((ext) => ext.trim().replace(/^\./, "").toLowerCase()).filter(Boolean);
}
