import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { isMap, parseDocument } from "yaml";
import { BuildError } from "../shared/diagnostics.ts";
import { PROJECT_ROOT, prefixed, relativePath } from "../shared/sitePaths.ts";
import type { VersionEntry, VersionsConfig } from "./config.ts";
import { lastCommitDatesAt, resolveRef, writeTree } from "./git.ts";

/** What stitching needs of one built version, kept beside its site in `parts/<id>/meta.json`. */
export interface PartMeta {
  readonly id: string;
  readonly key: string;
  /** The commit it was built from (undefined for a folder). */
  readonly commit?: string | undefined;
  /** The origin its pages are published at (`url` of its `_config.yml`, as replaced). */
  readonly url?: string | undefined;
  /** Sidebar entries, as "title → url". */
  readonly sidebar: readonly string[];
  /** Site paths of its framed pages (the specification's, not the build's own search and 404 pages), sorted. */
  readonly pages: readonly string[];
  /** Site path of each page → the ISO date of its source file's last commit (the date its footer shows unless it sets `last_updated`). */
  readonly lastmod: Readonly<Record<string, string>>;
  /** Faults of its build, as the single-tree report lists them. */
  readonly faults: readonly { readonly severity: string; readonly code: string; readonly file: string; readonly line: number | null; readonly message: string; readonly accepted: boolean }[];
  /** Whether the build succeeded: a version whose build failed or threw is left out of the site. */
  readonly ok: boolean;
  /** Why it failed, in a line. */
  readonly failure?: string | undefined;
  /** The single-tree build's own summary, shown under the version's id. */
  readonly summary: string;
}

export interface PartsOptions {
  readonly cache: string;
  readonly pathPrefix: string;
  readonly strict: boolean;
  readonly only?: string | undefined;
}

/** A version's part: where it is cached. */
export const partDir = (cache: string, id: string): string => path.join(cache, "parts", id);

/** Pages every build writes for itself: not the specification's pages. */
export const OWN_PAGES = new Set(["search.html", "404.html"]);
/** What marks a page in the site's frame (not a redirect stub, a `layout: none` page or a feed). */
export const FRAMED = '<div class="app-layout__main">';

/** Every HTML file of a built site (its search index and assets aside), by site path. */
export function htmlFiles(dir: string, rel = ""): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const file = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return e.name === "pagefind" || e.name === "assets" ? [] : htmlFiles(dir, file);
    return e.name.endsWith(".html") ? [file] : [];
  });
}

/** The specification's framed pages of a built site, sorted. */
function framedPages(site: string): string[] {
  return htmlFiles(site)
    .filter((file) => !OWN_PAGES.has(file) && readFileSync(path.join(site, file), "utf8").includes(FRAMED))
    .sort();
}

/** The generator's own files: any change to them rebuilds every version. */
const GENERATOR_FILES = ["src", "assets", "_includes", "bin", "dist", "scaffold", ".eleventy.ts", "package.json", "package-lock.json"];

function generatorVersion(): string {
  const hash = createHash("sha256");
  const walk = (file: string): void => {
    const full = path.join(PROJECT_ROOT, file);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) walk(path.join(file, name));
      return;
    }
    hash.update(file).update("\0").update(readFileSync(full)).update("\0");
  };
  for (const file of GENERATOR_FILES) walk(file);
  return hash.digest("hex");
}

/** What a folder source's own tooling keeps at its root, never part of the tree. */
const FOLDER_ASIDE = [".git", "_site", "node_modules"];

/** A folder's content hash, standing in for a git tree hash (its own `.git`, `_site` and `node_modules` aside). */
function folderHash(folder: string): string {
  const hash = createHash("sha256");
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(folder, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (rel === "" && FOLDER_ASIDE.includes(entry.name)) continue;
      const file = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile()) hash.update(file).update("\0").update(readFileSync(path.join(folder, file))).update("\0");
    }
  };
  walk("");
  return hash.digest("hex");
}

interface Planned {
  readonly version: VersionEntry;
  readonly commit?: string | undefined;
  /** The git tree hash, or the folder's content hash. */
  readonly tree: string;
  readonly key: string;
  readonly prefix: string;
}

/** The version's own path prefix in the site. */
export const versionPrefix = (pathPrefix: string, id: string): string => prefixed(pathPrefix, `/${id}/`);

function plan(config: VersionsConfig, options: PartsOptions): Planned[] {
  const generator = generatorVersion();
  const shown = relativePath(process.cwd(), config.file);
  return config.versions.map((version) => {
    const resolved = version.source.kind === "git" ? resolveRef(version.source.repository, version.source.ref, { file: shown, id: version.id }) : undefined;
    if (version.source.kind === "folder" && !existsSync(version.source.folder)) {
      throw new BuildError({ code: "versions", file: shown, message: `${version.id}: the folder ${version.source.folder} does not exist`, hint: "set folder: to a tree on disk, relative to the versions file" });
    }
    const tree = resolved?.tree ?? folderHash((version.source as { folder: string }).folder);
    const prefix = versionPrefix(options.pathPrefix, version.id);
    const key = createHash("sha256").update(JSON.stringify([tree, generator, version.written, prefix, config.url ?? null, options.strict])).digest("hex");
    return { version, commit: resolved?.commit, tree, key, prefix };
  });
}

/**
 * Replaces what each branch says that would be wrong in the combined site:
 * `baseurl` (the version's own prefix), `url` (the versions file's, when it
 * gives one), `sitemap` (only drafts are left out), and the baked-in version
 * banner (`versionBanner` in `_includes/custom/versionconfig.html`), since the
 * versions file's status says which release is current.
 */
async function replaceBranchValues(tree: string, planned: Planned, url: string | undefined): Promise<string | undefined> {
  const configFile = path.join(tree, "_config.yml");
  const doc = existsSync(configFile) ? parseDocument(await readFile(configFile, "utf8")) : parseDocument("{}");
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new BuildError({ code: "versions", file: `${planned.version.id}/_config.yml`, message: "the tree's _config.yml is not a mapping of settings, so its baseurl and url cannot be set for the combined site", hint: "write _config.yml as key: value lines, as Jekyll reads it" });
  }
  doc.set("baseurl", planned.prefix.replace(/\/$/, ""));
  if (url) doc.set("url", url);
  doc.set("sitemap", planned.version.status !== "draft");
  await writeFile(configFile, doc.toString());
  const include = path.join(tree, "_includes/custom/versionconfig.html");
  if (existsSync(include)) {
    const text = await readFile(include, "utf8");
    await writeFile(include, text.replace(/\{%-?\s*assign\s+versionBanner\s*=[^%]*%\}\n?/g, ""));
  }
  const origin = doc.get("url");
  return typeof origin === "string" ? origin : undefined;
}

/** Site path of each page → its source file's last-commit date, through the build's own page list (`sources` of its report). */
function pageDates(sources: Readonly<Record<string, string>>, dates: ReadonlyMap<string, string>): Record<string, string> {
  const lastmod: Record<string, string> = {};
  for (const [site, file] of Object.entries(sources)) {
    const date = dates.get(file);
    if (date) lastmod[site] = date;
  }
  return lastmod;
}

/** Every sidebar entry of the tree ("title → url"), from `_data/sidebars/*.yml`. */
function sidebarEntries(tree: string): string[] {
  const folder = path.join(tree, "_data/sidebars");
  if (!existsSync(folder)) return [];
  const entries = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const { title, url } = node as { title?: unknown; url?: unknown };
      if (typeof title === "string" && typeof url === "string") entries.add(`${title} → ${url}`);
      Object.values(node).forEach(walk);
    }
  };
  for (const name of readdirSync(folder).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    try {
      walk(parseDocument(readFileSync(path.join(folder, name), "utf8")).toJS());
    } catch {
      // The version's own build reports a sidebar it cannot read, at its line.
    }
  }
  return [...entries];
}

const BIN = path.join(PROJECT_ROOT, "bin/gpconnect-docs.mjs");

/** Runs the single-tree build of one version's tree as its own process; `dates`: its files' last-commit dates (the tree written from git has no history). */
function buildTree(tree: string, site: string, prefix: string, report: string, dates: string, strict: boolean): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const args = [BIN, "build", "--input", tree, "--output", site, "--path-prefix", prefix, "--report", report, "--commit-dates", dates, ...(strict ? ["--strict"] : [])];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Copies a built site to another version's prefix (an identical tree is rendered once): its URLs move to the new prefix. */
async function copyToPrefix(from: string, to: string, fromPrefix: string, toPrefix: string): Promise<void> {
  await cp(from, to, { recursive: true });
  const walk = async (dir: string): Promise<void> => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "pagefind") await walk(file);
      } else if (/\.(html|xml|json|txt|css|js)$|^_redirects$/.test(entry.name)) {
        const text = await readFile(file, "utf8");
        if (text.includes(fromPrefix)) await writeFile(file, text.split(fromPrefix).join(toPrefix));
      }
    }
  };
  await walk(to);
}

/** Runs `tasks` at most `limit` at a time. */
async function inParallel<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const mine = next++;
      results[mine] = await tasks[mine]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

export interface PartResult {
  readonly id: string;
  /** built: rendered now; copied: an identical tree rendered for another version now; reused: from the cache; failed: its build failed or stopped. */
  readonly how: "built" | "copied" | "reused" | "failed";
  readonly seconds: number;
}

/**
 * Builds each version's part into the cache (all, or `--only` one): a version
 * whose key (tree hash, generator version, versions entry, prefix) is
 * unchanged is reused; versions of one tree are rendered once; the rest build
 * in parallel, one single-tree build process per core.
 */
export async function buildParts(config: VersionsConfig, options: PartsOptions, log: (line: string) => void): Promise<PartResult[]> {
  const planned = plan(config, options).filter((p) => options.only === undefined || p.version.id === options.only);
  if (options.only !== undefined && planned.length === 0) {
    throw new BuildError({ code: "versions", file: relativePath(process.cwd(), config.file), message: `--only ${options.only}: no version has that id`, hint: `name one of ${config.versions.map((v) => v.id).join(", ")}` });
  }
  // A failed part is built again each time: its failure may have been the machine's (a killed process, a full disk).
  const isCurrent = (p: Planned): boolean => {
    const metaFile = path.join(partDir(options.cache, p.version.id), "meta.json");
    if (!existsSync(metaFile)) return false;
    const meta = JSON.parse(readFileSync(metaFile, "utf8")) as PartMeta;
    return meta.key === p.key && meta.ok;
  };
  const stale = planned.filter((p) => !isCurrent(p));
  // One render per tree: the first version of a tree builds it, the others copy it.
  const byTree = new Map<string, Planned[]>();
  for (const p of stale) byTree.set(p.tree, [...(byTree.get(p.tree) ?? []), p]);
  const results: PartResult[] = planned.filter(isCurrent).map((p) => ({ id: p.version.id, how: "reused", seconds: 0 }));
  const renders = [...byTree.values()].map((group) => async (): Promise<PartResult[]> => {
    const started = performance.now();
    const first = group[0]!;
    const out = await buildPart(first, config, options, log);
    const own: PartResult[] = [{ id: first.version.id, how: out.ok ? "built" : "failed", seconds: (performance.now() - started) / 1000 }];
    for (const p of group.slice(1)) {
      const dir = partDir(options.cache, p.version.id);
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      if (out.ok) await copyToPrefix(path.join(out.dir, "site"), path.join(dir, "site"), first.prefix, p.prefix);
      await writeFile(path.join(dir, "meta.json"), JSON.stringify({ ...out.meta, id: p.version.id, key: p.key, commit: p.commit }));
      own.push({ id: p.version.id, how: out.ok ? "copied" : "failed", seconds: (performance.now() - started) / 1000 });
    }
    return own;
  });
  results.push(...(await inParallel(renders, availableParallelism())).flat());
  const said = { reused: () => "reused from the cache", copied: () => "copied (same tree as another version)", built: (r: PartResult) => `built in ${r.seconds.toFixed(1)} s`, failed: (r: PartResult) => `failed after ${r.seconds.toFixed(1)} s` };
  for (const r of results) log(`${r.id}: ${said[r.how](r)}`);
  return results;
}

/**
 * One version's part: a build that fails, or throws (git cannot give the
 * tree, its `_config.yml` cannot be rewritten), is a part marked failed with
 * the reason, so every other version still builds and the caller decides
 * what the failure costs (see `failedVersions` in main.ts).
 */
async function buildPart(p: Planned, config: VersionsConfig, options: PartsOptions, log: (line: string) => void): Promise<{ dir: string; meta: PartMeta; ok: boolean }> {
  const dir = partDir(options.cache, p.version.id);
  const work = `${dir}.work-${process.pid}`;
  try {
    return await renderPart(p, config, options, log, dir, work);
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    const why = (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
    const meta: PartMeta = { id: p.version.id, key: p.key, commit: p.commit, sidebar: [], pages: [], lastmod: {}, faults: [], ok: false, failure: `its build stopped: ${why}`, summary: why };
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "meta.json"), JSON.stringify(meta));
    return { dir, meta, ok: false };
  }
}

async function renderPart(p: Planned, config: VersionsConfig, options: PartsOptions, log: (line: string) => void, dir: string, work: string): Promise<{ dir: string; meta: PartMeta; ok: boolean }> {
  const tree = path.join(work, "tree");
  await rm(work, { recursive: true, force: true });
  await mkdir(tree, { recursive: true });
  const missing: string[] = [];
  let dates: Map<string, string>;
  if (p.version.source.kind === "git") {
    await writeTree(p.version.source.repository, p.tree, tree, (file, why) => missing.push(`${p.version.id}: warning [missing-blob] ${file} ${why}; it is left out`));
    dates = lastCommitDatesAt(p.version.source.repository, p.commit!);
  } else {
    const folder = path.resolve(p.version.source.folder);
    await cp(folder, tree, { recursive: true, filter: (src) => path.dirname(src) !== folder || !FOLDER_ASIDE.includes(path.basename(src)) });
    // A folder in a checkout has its files' dates as a single-tree build of it would (its copy has no history).
    dates = lastCommitDatesAt(folder, "HEAD", true);
  }
  const datesFile = path.join(work, "commit-dates.json");
  await writeFile(datesFile, JSON.stringify(Object.fromEntries(dates)));
  for (const line of missing) log(line);
  const url = await replaceBranchValues(tree, p, config.url);
  const report = path.join(work, "faults.json");
  const built = await buildTree(tree, path.join(work, "site"), p.prefix, report, datesFile, options.strict);
  const { faults, sources } = existsSync(report) ? (JSON.parse(await readFile(report, "utf8")) as { faults: PartMeta["faults"]; sources: Record<string, string> }) : { faults: [], sources: {} };
  const ok = built.code === 0;
  const site = path.join(work, "site");
  const meta: PartMeta = {
    id: p.version.id,
    key: p.key,
    commit: p.commit,
    url,
    sidebar: sidebarEntries(tree),
    pages: ok ? framedPages(site) : [],
    lastmod: pageDates(sources, dates),
    faults: faults.map((f) => ({ severity: f.severity, code: f.code, file: f.file, line: f.line, message: f.message, accepted: f.accepted })),
    ok,
    failure: ok ? undefined : `its build failed (${built.output.trim().split("\n").at(-1)?.replace(/\.$/, "") || `exit code ${built.code}`})`,
    summary: [...missing, built.output.trim()].join("\n"),
  };
  await writeFile(path.join(work, "meta.json"), JSON.stringify(meta));
  await rm(tree, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
  await rename(work, dir);
  return { dir, meta, ok };
}
