import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "node-html-parser";
import { BuildError } from "../shared/diagnostics.ts";
import { escapeHtml, html, htmlToText, raw, type SafeHtml } from "../shared/html.ts";
import { relativePath } from "../shared/sitePaths.ts";
import { compareContent } from "./compare.ts";
import { copyTree } from "./files.ts";
import type { VersionEntry, VersionsConfig } from "./config.ts";
import { nearestListedAncestor } from "./git.ts";
import { FRAMED, htmlFiles, OWN_PAGES, partDir, versionPrefix, type PartMeta } from "./parts.ts";
import { VERSIONS_CSS } from "./styles.ts";

/** A framed page of one version: its site path (`guide.html`), title and main content. */
interface Page {
  readonly path: string;
  readonly title: string;
  /** The main content with the version's own prefix taken out, so two versions' renderings compare. */
  readonly content: string;
}

interface Part {
  readonly version: VersionEntry;
  readonly meta: PartMeta;
  readonly site: string;
  readonly prefix: string;
  /** Site paths of its framed pages. */
  readonly paths: ReadonlySet<string>;
  previous?: { readonly id: string; readonly why: string } | undefined;
  changes?: Changes | undefined;
}

interface Changes {
  readonly added: Page[];
  readonly removed: Page[];
  readonly changed: Page[];
  readonly renamed: { readonly from: Page; readonly to: Page }[];
  readonly sidebarAdded: string[];
  readonly sidebarRemoved: string[];
  readonly releaseNotes?: Page | undefined;
}

export const CHANGES_FOLDER = "changes";
const STYLESHEET = "versions.css";

/** Each part's framed pages, read and parsed only for the versions stitched again (and those they are compared with). */
const contents = new WeakMap<Part, Map<string, Page>>();

function pagesOf(part: Part): Map<string, Page> {
  let pages = contents.get(part);
  if (!pages) {
    pages = new Map();
    for (const file of part.paths) {
      const root = parse(readFileSync(path.join(part.site, file), "utf8"));
      const content = root.querySelector("main .app-content")?.innerHTML ?? "";
      pages.set(file, { path: file, title: htmlToText(root.querySelector("main h1")?.innerHTML ?? file), content: content.split(part.prefix).join("/") });
    }
    contents.set(part, pages);
  }
  return pages;
}

function loadPart(version: VersionEntry, cache: string, pathPrefix: string, shown: string): Part {
  const dir = partDir(cache, version.id);
  const metaFile = path.join(dir, "meta.json");
  if (!existsSync(metaFile)) {
    throw new BuildError({ code: "versions", file: shown, message: `stitch: version ${version.id} has no built part in ${relativePath(process.cwd(), cache)}`, hint: `build it first: npm run build -- --versions ${shown} --only ${version.id} --cache ${relativePath(process.cwd(), cache)}` });
  }
  const meta = JSON.parse(readFileSync(metaFile, "utf8")) as PartMeta;
  const prefix = versionPrefix(pathPrefix, version.id);
  const site = path.join(dir, "site");
  return { version, meta, site, prefix, paths: new Set(meta.ok ? meta.pages : []) };
}

/** Where a page of one version is in another: the same permalink, else where the renamed map moved it, else undefined. */
function counterpart(pagePath: string, from: Part, to: Part): string | undefined {
  if (to.paths.has(pagePath)) return pagePath;
  const moved = to.version.renamed[pagePath] ?? from.version.renamed[pagePath];
  if (moved && to.paths.has(moved)) return moved;
  const earlier = Object.entries({ ...to.version.renamed, ...from.version.renamed }).find(([, now]) => now === pagePath)?.[0];
  return earlier && to.paths.has(earlier) ? earlier : undefined;
}

function choosePrevious(parts: Part[]): void {
  const byId = new Map(parts.map((p) => [p.version.id, p]));
  for (const part of parts) {
    const { version } = part;
    if (version.previous) {
      part.previous = byId.has(version.previous) ? { id: version.previous, why: "as the versions file says" } : undefined;
      continue;
    }
    // Releases listed after it (the file lists newest first; a draft is newer than every release): a later fix to an old branch never compares with a newer release.
    const older = version.status === "draft" ? parts.filter((p) => p !== part) : parts.slice(parts.indexOf(part) + 1);
    const source = version.source;
    if (source.kind === "git" && part.meta.commit) {
      const candidates = older.filter((p) => p.version.line === version.line && p.version.status !== "draft" && p.meta.commit && p.version.source.kind === "git" && p.version.source.repository === source.repository).map((p) => ({ id: p.version.id, commit: p.meta.commit! }));
      const id = nearestListedAncestor(source.repository, part.meta.commit, candidates);
      part.previous = id ? { id, why: "the nearest older release of its line, by git history" } : undefined;
    } else {
      const same = older.find((p) => p.version.line === version.line && p.version.status !== "draft");
      part.previous = same ? { id: same.version.id, why: "the next older release listed in its line" } : undefined;
    }
  }
}

const RELEASE_NOTES = /release[\s_-]*notes?/i;

function findChanges(part: Part, before: Part): Changes {
  const renamed: Changes["renamed"] = [];
  const matched = new Set<string>();
  const added: Page[] = [];
  const changed: Page[] = [];
  const pages = pagesOf(part);
  const earlier = pagesOf(before);
  for (const page of pages.values()) {
    const there = counterpart(page.path, part, before);
    if (there === undefined) {
      added.push(page);
      continue;
    }
    matched.add(there);
    const old = earlier.get(there)!;
    if (there !== page.path) renamed.push({ from: old, to: page });
    if (old.content !== page.content) changed.push(page);
  }
  const removed = [...earlier.values()].filter((p) => !matched.has(p.path));
  const sidebarBefore = new Set(before.meta.sidebar);
  const sidebarNow = new Set(part.meta.sidebar);
  const notes = [...pages.values()].filter((p) => RELEASE_NOTES.test(p.title) || RELEASE_NOTES.test(p.path));
  const own = notes.find((p) => p.title.includes(part.version.label) || p.path.includes(part.version.id.replace(/\./g, "_"))) ?? (notes.length === 1 ? notes[0] : undefined);
  const byPath = (a: Page, b: Page): number => a.path.localeCompare(b.path);
  return {
    added: added.sort(byPath),
    removed: removed.sort(byPath),
    changed: changed.sort(byPath),
    renamed,
    sidebarAdded: part.meta.sidebar.filter((e) => !sidebarBefore.has(e)),
    sidebarRemoved: before.meta.sidebar.filter((e) => !sidebarNow.has(e)),
    releaseNotes: own,
  };
}

const statusWords = (v: VersionEntry): string => [v.status, v.line].filter(Boolean).join(", ");

/** The current release of a version's line (the root release for a line with none). */
function currentOf(part: Part, parts: Part[]): Part {
  return parts.find((p) => p.version.line === part.version.line && p.version.status === "current") ?? parts[0]!;
}

function banner(part: Part, pagePath: string, parts: Part[]): SafeHtml | "" {
  const { version } = part;
  const current = currentOf(part, parts);
  if (version.status === "current" && current === part) return "";
  const there = current === part ? undefined : counterpart(pagePath, part, current);
  const link = current === part ? "" : there ? html` The current release is ${current.version.label}: <a href="${current.prefix}${there}">this page in ${current.version.label}</a>.` : html` The current release is ${current.version.label}: this page is not in it, <a href="${current.prefix}index.html">go to its home page</a>.`;
  const what = { current: "a current release", supported: "an older release, still supported", retired: "a retired release, no longer supported", draft: "a draft: it is not released and may change" }[version.status];
  return html`
    <section class="nhsuk-warning-callout app-version-banner app-version-banner--${version.status}" aria-labelledby="app-version-banner-title" data-version-banner="${version.status}">
      <h2 class="nhsuk-warning-callout__label" id="app-version-banner-title"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>${version.status === "draft" ? "Draft" : "Not the current release"}</span></h2>
      <p>You are reading ${version.label}, ${what}.${link}</p>
    </section>`;
}

function switcher(part: Part, pagePath: string, parts: Part[]): SafeHtml {
  return html`
    <details class="app-version-switcher" data-version-switcher>
      <summary class="app-version-switcher__summary">Version: ${part.version.label}<span class="nhsuk-u-visually-hidden"> (${statusWords(part.version)}), choose another version</span></summary>
      <ul class="app-version-switcher__list">${parts.map((other) => {
        const there = other === part ? pagePath : counterpart(pagePath, part, other);
        const label = html`${other.version.label} <span class="app-version-switcher__status">(${statusWords(other.version)})</span>`;
        return there !== undefined
          ? html`
        <li><a href="${other.prefix}${there}"${other === part ? raw(' aria-current="page"') : ""}>${label}</a></li>`
          : html`
        <li><a href="${other.prefix}index.html" data-version-missing>${label}</a> <span class="app-version-switcher__note">not in this version: goes to its home page</span></li>`;
      })}
      </ul>
    </details>`;
}

/** The newest release of the page's line that has it (versions are listed newest first), for the canonical link. */
function canonical(part: Part, pagePath: string, parts: Part[]): string {
  const home = parts.find((p) => p.version.line === part.version.line && p.version.status !== "draft" && p.paths.has(pagePath)) ?? part;
  return `${(home.meta.url ?? "").replace(/\/$/, "")}${home.prefix}${pagePath}`;
}

/** The stitched page: switcher and banner above the content, the changed-since line under the title, canonical and robots in the head, the versions for search. */
function stitchPage(text: string, part: Part, pagePath: string, parts: Part[], assetPrefix: string): string {
  const changes = part.changes;
  const changedLine =
    changes && part.previous && changes.changed.some((p) => p.path === pagePath)
      ? html`
      <p class="app-changed-since" data-pagefind-ignore>Changed since ${part.previous.id}: <a href="${part.prefix}${CHANGES_FOLDER}/${pagePath}">see what changed</a>.</p>`
      : "";
  const head = html`
  <link rel="stylesheet" href="${assetPrefix}${STYLESHEET}">
  <link rel="canonical" href="${canonical(part, pagePath, parts)}">${part.version.status === "draft" ? raw('\n  <meta name="robots" content="noindex">') : ""}
</head>`;
  const versions = JSON.stringify(parts.map((p) => ({ id: p.version.id, label: p.version.label, base: p.prefix })));
  return text
    .replace("\n</head>", head.value)
    .replace("<search class=\"nhsuk-header__search\" data-app-search", `<search class="nhsuk-header__search" data-app-search data-version="${escapeHtml(part.version.id)}" data-versions="${escapeHtml(versions)}"`)
    .replace('<div class="app-layout__main">', `<div class="app-layout__main">${switcher(part, pagePath, parts).value}${banner(part, pagePath, parts) || ""}`)
    .replace(/(<h1 class="app-page-title"[^>]*>[\s\S]*?<\/h1>)/, `$1${changedLine}`);
}

/** A page of our own in a version's frame (its home page's): the title and main content replaced, breadcrumbs and the current sidebar mark dropped. */
function ownPage(part: Part, title: string, main: SafeHtml): string {
  const home = readFileSync(path.join(part.site, "index.html"), "utf8");
  return home
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(title)} - ${escapeHtml(part.version.label)}</title>`)
    .replace(/\n  <div class="nhsuk-width-container">\n    <nav class="nhsuk-breadcrumb"[\s\S]*?<\/nav>\n  <\/div>/, "")
    .replace(/ aria-current="page"/g, "")
    .replace(/<main id="maincontent"[^>]*>[\s\S]*<\/main>/, `<main id="maincontent">\n      <h1 class="app-page-title">${escapeHtml(title)}</h1>\n      <div class="app-content">${main.value}\n      </div>\n    </main>`);
}

function changesPage(part: Part, before: Part): SafeHtml {
  const c = part.changes!;
  const link = (p: Part, page: Page): SafeHtml => html`<a href="${p.prefix}${page.path}">${page.title}</a> <code>${page.path}</code>`;
  const list = (title: string, items: SafeHtml[]): SafeHtml =>
    html`
<h2>${title} (${String(items.length)})</h2>${items.length === 0 ? html`<p>None.</p>` : html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`}`;
  return html`
<p>What changed in ${part.version.label} since ${before.version.label} (${part.previous!.why}), worked out from the two releases' published pages.</p>${c.releaseNotes ? html`
<p>The release's own notes: <a href="${part.prefix}${c.releaseNotes.path}">${c.releaseNotes.title}</a>.</p>` : ""}${list("Pages added", c.added.map((p) => link(part, p)))}${list("Pages removed", c.removed.map((p) => link(before, p)))}${list(
    "Pages changed",
    c.changed.map((p) => html`${link(part, p)}: <a href="${part.prefix}${CHANGES_FOLDER}/${p.path}">compare with ${before.version.label}<span class="nhsuk-u-visually-hidden"> (${p.title})</span></a>`),
  )}${c.renamed.length > 0 ? list("Pages renamed", c.renamed.map((r) => html`<code>${r.from.path}</code> → ${link(part, r.to)}`)) : ""}${list("Sidebar entries added", c.sidebarAdded.map((e) => html`${e}`))}${list("Sidebar entries removed", c.sidebarRemoved.map((e) => html`${e}`))}`;
}

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

function comparisonPage(part: Part, before: Part, page: Page): SafeHtml {
  const old = pagesOf(before).get(counterpart(page.path, part, before)!)!;
  const diff = compareContent(old.content, page.content);
  return html`
<p>The main content of <a href="${part.prefix}${page.path}">${page.title}</a> in ${part.version.label}, compared with <a href="${before.prefix}${old.path}">${before.version.label}</a>: ${count(diff.inserted, "insertion")} and ${count(diff.deleted, "deletion")}. Deleted words are struck through, inserted words underlined, and each is announced as deleted or inserted.</p>
<p><a href="${part.prefix}${CHANGES_FOLDER}/index.html">All changes since ${before.version.label}</a></p>
<div class="app-diff">${raw(diff.html)}</div>`;
}

function sitemap(entries: readonly { loc: string; lastmod?: string | undefined }[]): string {
  const lines = entries.map((e) => `  <url>\n    <loc>${escapeHtml(e.loc)}</loc>${e.lastmod ? `\n    <lastmod>${e.lastmod}</lastmod>` : ""}\n  </url>`);
  return `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${lines.join("\n")}${lines.length ? "\n" : ""}</urlset>\n`;
}

export interface StitchResult {
  readonly parts: readonly { readonly id: string; readonly pages: number; readonly previous?: string | undefined; readonly added: number; readonly removed: number; readonly changed: number; readonly ok: boolean; readonly failure?: string | undefined }[];
  readonly faults: readonly (PartMeta["faults"][number] & { readonly version: string })[];
  /** The versions whose pages were stitched now (the others' stitched pages were reused from the cache). */
  readonly restitched: readonly string[];
}

interface SitemapEntry {
  readonly loc: string;
  readonly lastmod?: string | undefined;
}

/** A version's stitched pages, kept in `stitched/<id>/site/` of the cache, and what the site needs of them. */
interface Stitched {
  /** What they were stitched from (see `stitchKey`). */
  readonly key: string;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly sitemap: readonly SitemapEntry[];
  readonly warnings: readonly string[];
}

const stitchedDir = (cache: string, id: string): string => path.join(cache, "stitched", id);
const STITCHED = "stitched.json";

const sha256 = (value: unknown): string => createHash("sha256").update(JSON.stringify(value)).digest("hex");

/**
 * Everything a version's stitched pages are made from: its own part, the
 * part it is compared with (its changes pages), and what every page's
 * switcher, banner and canonical link read of all the versions (`site`:
 * their entries, prefixes, origins and page lists). The parts' keys cover
 * their trees and the generator's own code.
 */
function stitchKey(part: Part, before: Part | undefined, site: string): string {
  return sha256([part.meta.key, part.previous ?? null, before?.meta.key ?? null, site]);
}

/**
 * Stitches one version's pages into its place in the cache (written beside
 * it and swapped in, so a stopped run leaves the last one whole). Its files
 * are hard links to the part's: every file stitching writes is removed first,
 * so the part's own copy is never written through the link.
 */
async function stitchVersion(part: Part, before: Part | undefined, parts: Part[], pathPrefix: string, key: string, dir: string): Promise<Stitched> {
  const work = `${dir}.work-${process.pid}`;
  const dest = path.join(work, "site");
  await rm(work, { recursive: true, force: true });
  await copyTree(part.site, dest, true);
  const put = async (file: string, text: string): Promise<void> => {
    await rm(file, { force: true });
    await writeFile(file, text);
  };
  const warnings: string[] = [];
  if (before) part.changes = findChanges(part, before);
  if (part.changes && before) {
    if (part.paths.has(`${CHANGES_FOLDER}/index.html`)) warnings.push(`${part.version.id}: warning [changes-folder] the tree has its own ${CHANGES_FOLDER}/ pages; the changes since ${before.version.id} are not published`);
    else {
      await mkdir(path.join(dest, CHANGES_FOLDER), { recursive: true });
      await put(path.join(dest, CHANGES_FOLDER, "index.html"), ownPage(part, `Changes since ${before.version.label}`, changesPage(part, before)));
      for (const page of part.changes.changed) {
        const file = path.join(dest, CHANGES_FOLDER, page.path);
        await mkdir(path.dirname(file), { recursive: true });
        await put(file, ownPage(part, `${page.title}: changes since ${before.version.label}`, comparisonPage(part, before, page)));
      }
    }
  }
  const own: SitemapEntry[] = [];
  for (const file of htmlFiles(dest)) {
    const full = path.join(dest, file);
    const text = await readFile(full, "utf8");
    if (!text.includes(FRAMED)) continue;
    await put(full, stitchPage(text, part, file, parts, pathPrefix));
    if (part.version.status !== "draft" && !OWN_PAGES.has(file)) own.push({ loc: `${(part.meta.url ?? "").replace(/\/$/, "")}${part.prefix}${file}`, lastmod: part.meta.lastmod[file] });
  }
  own.sort((a, b) => a.loc.localeCompare(b.loc));
  await put(path.join(dest, "sitemap.xml"), sitemap(own));
  const stitched: Stitched = { key, added: part.changes?.added.length ?? 0, removed: part.changes?.removed.length ?? 0, changed: part.changes?.changed.length ?? 0, sitemap: own, warnings };
  await writeFile(path.join(work, STITCHED), JSON.stringify(stitched));
  await rm(dir, { recursive: true, force: true });
  await rename(work, dir);
  return stitched;
}

/**
 * Joins the versions' parts into one site under `output`: each version at
 * `/<id>/` with its switcher, banner, changes pages and comparisons, the root
 * redirecting to the current release of the first line, and one sitemap.
 * A version whose stitched pages would come out as they are in the cache
 * (same `stitchKey`) is not stitched again, and its pages are not read.
 */
export async function stitch(config: VersionsConfig, cache: string, pathPrefix: string, output: string, log: (line: string) => void): Promise<StitchResult> {
  const shown = relativePath(process.cwd(), config.file);
  const all = config.versions.map((v) => loadPart(v, cache, pathPrefix, shown));
  const parts = all.filter((p) => p.meta.ok);
  choosePrevious(parts);
  const byId = new Map(parts.map((p) => [p.version.id, p]));
  // Entries as written (and the file's renamed map), not resolved paths: a cache moved to another machine or job still matches.
  const site = sha256([pathPrefix, parts.map((p) => [p.version.written, p.version.renamed, p.prefix, p.meta.url ?? null, p.meta.pages])]);
  await mkdir(output, { recursive: true });
  await writeFile(path.join(output, STYLESHEET), VERSIONS_CSS);
  const mapEntries: SitemapEntry[] = [];
  const done = new Map<string, Stitched>();
  const restitched: string[] = [];
  for (const part of parts) {
    const before = part.previous ? byId.get(part.previous.id) : undefined;
    const key = stitchKey(part, before, site);
    const dir = stitchedDir(cache, part.version.id);
    let stitched = existsSync(path.join(dir, STITCHED)) ? (JSON.parse(readFileSync(path.join(dir, STITCHED), "utf8")) as Stitched) : undefined;
    if (stitched?.key !== key) {
      stitched = await stitchVersion(part, before, parts, pathPrefix, key, dir);
      restitched.push(part.version.id);
    }
    for (const line of stitched.warnings) log(line);
    done.set(part.version.id, stitched);
    // Copied, not linked: the published site's files are its own, whatever is done to them later.
    await copyTree(path.join(dir, "site"), path.join(output, part.version.id));
    mapEntries.push(...stitched.sitemap);
  }
  await writeFile(path.join(output, "sitemap.xml"), sitemap(mapEntries));
  const root = byId.get(config.root.id) ?? parts[0];
  if (root) {
    // The root redirects rather than holding a second copy: every page keeps one URL, and the root follows the current release.
    const target = `${root.prefix}index.html`;
    await writeFile(path.join(output, "index.html"), `<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n  <meta charset="utf-8">\n  <title>${escapeHtml(root.version.label)}</title>\n  <link rel="canonical" href="${escapeHtml(target)}">\n  <meta http-equiv="refresh" content="0; url=${escapeHtml(target)}">\n</head>\n<body>\n  <p>The current release is <a href="${escapeHtml(target)}">${escapeHtml(root.version.label)}</a>.</p>\n</body>\n</html>\n`);
    // Hosts read _redirects and _headers at the root only: the versions' own, joined, and the root's redirect.
    const own = parts.map((p) => path.join(p.site, "_redirects")).filter(existsSync).map((file) => readFileSync(file, "utf8").trimEnd()).filter(Boolean);
    await writeFile(path.join(output, "_redirects"), [`${pathPrefix} ${target} 302`, `${pathPrefix}index.html ${target} 302`, ...own].join("\n") + "\n");
    if (existsSync(path.join(root.site, "_headers"))) await cp(path.join(root.site, "_headers"), path.join(output, "_headers"));
  }
  return {
    parts: all.map((p) => {
      const stitched = done.get(p.version.id);
      return { id: p.version.id, pages: p.paths.size, previous: p.previous?.id, added: stitched?.added ?? 0, removed: stitched?.removed ?? 0, changed: stitched?.changed ?? 0, ok: p.meta.ok, failure: p.meta.failure };
    }),
    faults: all.flatMap((p) => p.meta.faults.map((f) => ({ ...f, version: p.version.id }))),
    restitched,
  };
}
