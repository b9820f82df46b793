import { existsSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Site paths and file paths, in one place. A site path names a page or file
 * of the site without the path prefix (`/overview.html`, `pages/a b.xlsx`);
 * a URL is what a page links to (path prefix included).
 */

/**
 * Folder holding package.json and `_includes/site/`: the
 * nearest folder above this module with the project's package.json (the
 * module runs from `src/`, from the CLI's bundle in `node_modules/.cache/`
 * and, installed, from the package's `dist/`).
 */
export const PROJECT_ROOT = packageFolderAbove(path.dirname(fileURLToPath(import.meta.url)), "gpconnect-docs");

function packageFolderAbove(from: string, name: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === name) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no ${name} package.json above ${from}`);
  }
}

/**
 * The folder a dependency is installed in, wherever npm put it: the checkout's
 * `node_modules/`, or beside the installed package in the user's own.
 */
export function dependencyFolder(name: string): string {
  const entry = createRequire(path.join(PROJECT_ROOT, "package.json")).resolve(name);
  return packageFolderAbove(path.dirname(entry), name);
}

/** `file` relative to `folder`, with forward slashes whatever the platform (as messages, globs and site paths write it). */
export function relativePath(folder: string, file: string): string {
  return path.relative(folder, path.resolve(file)).split(path.sep).join("/");
}

/** A folder relative to the working folder (`.` for the working folder itself). */
export function fromWorkingFolder(folder: string): string {
  return path.relative(process.cwd(), folder) || ".";
}

/** The deepest folder holding every one of these absolute paths (the root at worst). */
export function commonFolder(paths: readonly string[]): string {
  let common = paths[0] ?? path.parse(process.cwd()).root;
  while (!paths.every((p) => p === common || isInside(common, p)) && path.dirname(common) !== common) common = path.dirname(common);
  return common;
}

/** Whether `file` lies inside `folder` (not the folder itself). */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, path.resolve(file));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/**
 * Whether `file`, every symbolic link followed, lies inside `folder` (its own links followed too): what a
 * tree may read. False for a missing file or a dangling link, which a reader then treats as absent.
 */
export function realInside(folder: string, file: string): boolean {
  try {
    return isInside(realpathSync(folder), realpathSync(file));
  } catch {
    return false;
  }
}

/**
 * Why a site path a tree asks to be written at would leave the output folder, or undefined when it
 * stays inside: a `..` segment (also percent-encoded, at any depth of encoding), an encoded or
 * backward slash, a NUL. Jekyll would clean some of these; a tree that writes them is hostile or wrong.
 */
export function escapingSitePath(sitePath: string): string | undefined {
  let decoded = sitePath;
  for (let depth = 0; depth < 4 && /%[0-9a-f]{2}/i.test(decoded); depth++) {
    if (/%(2f|5c)/i.test(decoded)) return "an encoded slash";
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      break;
    }
  }
  if (decoded.includes("\0")) return "a NUL character";
  if (decoded.includes("\\")) return "a backslash";
  if (decoded.split("/").some((part) => part.trim() === "..")) return "a .. segment";
  return undefined;
}

/**
 * What the project writes into every site (its stylesheet and script, the search index, the host's headers
 * and redirects): a tree may not write these, or its script would run on every page under the site's own origin.
 */
const PROJECT_OUTPUTS: readonly { readonly test: (sitePath: string) => boolean; readonly what: string }[] = [
  { test: (p) => /^assets\/site\./i.test(p), what: "the site's own stylesheet or script" },
  { test: (p) => /^pagefind(\/|$)/i.test(p), what: "the search index" },
  { test: (p) => /^_headers$/i.test(p), what: "the host's headers file (the Content-Security-Policy)" },
  { test: (p) => /^_redirects$/i.test(p), what: "the host's redirects file" },
];

/** What the project itself writes at this output path (no leading slash), if anything: a tree may not write there. */
export function projectOutput(outputPath: string): string | undefined {
  return PROJECT_OUTPUTS.find((entry) => entry.test(withoutLeadingSlash(outputPath)))?.what;
}

/** A site path as sidebars, permalinks and indexes key it: no leading slash (`overview.html`). */
export function withoutLeadingSlash(sitePath: string): string {
  return sitePath.replace(/^\/+/, "");
}

/** The file a site path is served from: a folder path (`guides/`, or the root) is its `index.html`. */
export function servedFile(sitePath: string): string {
  const key = withoutLeadingSlash(sitePath);
  return key === "" || key.endsWith("/") ? `${key}index.html` : key;
}

/** A path without slashes at either end (`/apis/gpconnect/` → `apis/gpconnect`), as config values are compared. */
export function trimSlashes(sitePath: string): string {
  return sitePath.replace(/^\/+|\/+$/g, "");
}

/** A path prefix as the site writes it: `/` or `/apis/gpconnect/`, with leading and trailing slashes. */
export function normalisePathPrefix(prefix: string | undefined): string {
  const trimmed = trimSlashes((prefix ?? "/").trim());
  return trimmed ? `/${trimmed}/` : "/";
}

/** The URL of a site path under a path prefix (already normalised). */
export function prefixed(pathPrefix: string, sitePath: string): string {
  return pathPrefix + withoutLeadingSlash(sitePath);
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** The URL's scheme in lower case (`https`), read as a browser does: ignoring tabs, newlines and control characters. */
export function urlScheme(url: string): string | undefined {
  return SCHEME.exec(url.replace(/[\u0000-\u0020]/g, ""))?.[1]?.toLowerCase();
}

/** Whether a URL leaves the site (has a scheme or is protocol-relative) rather than naming a site path. */
export function isExternalUrl(url: string): boolean {
  return urlScheme(url) !== undefined || url.trimStart().startsWith("//");
}

/** Neutralises script URLs (javascript:, vbscript:, data:) in author-supplied links. */
export function safeUrl(url: string): string {
  const scheme = urlScheme(url);
  return scheme === "javascript" || scheme === "vbscript" || scheme === "data" ? "#" : url;
}
