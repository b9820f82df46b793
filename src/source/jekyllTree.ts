import { closeSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { detached } from "../shared/detached.ts";
import { filters } from "liquidjs";
import type { Diagnostic } from "../shared/diagnostics.ts";
import { escapingSitePath, projectOutput, realInside, relativePath, trimSlashes, withoutLeadingSlash } from "../shared/sitePaths.ts";
import { parseYaml } from "./yamlFile.ts";
import { markdownExtensions, type JekyllConfig } from "./jekyllConfig.ts";

/**
 * What Jekyll makes of each file of a source tree (its Reader and EntryFilter):
 * pages and documents it renders, static files it copies byte for byte, and
 * everything it leaves out.
 */
export type PageKind = "pages" | "posts" | string;

export interface TreePage {
  /** Path relative to the tree, forward slashes. */
  readonly file: string;
  /** `pages`, `posts`, or the collection's name: the `type` of `defaults:` scopes. */
  readonly type: PageKind;
  /** Front matter with the `defaults:` that apply merged beneath it. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Jekyll's `page.url` (leading slash; a folder URL ends with `/`). */
  readonly url: string;
  /** Output file relative to the site root (`url`, with `index.html` for a folder URL). */
  readonly outputPath: string;
  /** Posts: the date from the file name or front matter. */
  readonly date?: Date;
  /** Posts and documents: the slug (`:title`). */
  readonly slug?: string;
  /** False for documents of a collection with `output: false`: read (for `site.NAME`), never published. */
  readonly output: boolean;
}

export interface TreeStatic {
  readonly file: string;
  readonly outputPath: string;
}

export interface JekyllTree {
  /** Pages, posts and collection documents (those of `output: false` collections too), in Jekyll's reading order. */
  readonly pages: readonly TreePage[];
  readonly statics: readonly TreeStatic[];
  /** Files Jekyll reads but never publishes by themselves (excluded, `_`/`.` names, drafts, unpublished, losers of a URL clash). */
  readonly skipped: readonly string[];
  /** Folders left out whole (relative, no trailing slash). */
  readonly skippedFolders: readonly string[];
  /** Every symbolic link in the tree (relative): never walked or rendered as pages; readers follow only those that stay inside. */
  readonly links: readonly string[];
  /** URL clashes, links leaving the tree, output paths a tree may not write, for the build's fault log. */
  readonly problems: readonly Diagnostic[];
  page(file: string): TreePage | undefined;
}


/** Ruby's File.fnmatch without flags: `*` and `?` also match `/`, `[…]` is a class. */
function fnmatch(pattern: string, subject: string): boolean {
  let compiled = fnmatchPatterns.get(pattern);
  if (!compiled) fnmatchPatterns.set(pattern, (compiled = fnmatchRegExp(pattern)));
  return compiled.test(subject);
}

// Each pattern is compiled once, not once per file: a pattern always means the same RegExp, so this never goes stale.
const fnmatchPatterns = new Map<string, RegExp>();

function fnmatchRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else if (ch === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) source += "\\[";
      else {
        source += `[${pattern.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else if (ch === "\\" && i + 1 < pattern.length) source += `\\${pattern[++i]}`;
    else source += ch.replace(/[.+^${}()|\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "s");
}

/** Jekyll's EntryFilter#glob_include?: fnmatch, or a prefix of the path (so `vendor` also covers `vendor_x`), or the folder itself. */
function globIncludes(patterns: readonly string[], entry: string, isFolder: boolean): boolean {
  return patterns.some((pattern) => {
    const p = withoutLeadingSlash(pattern);
    return fnmatch(p, entry) || entry.startsWith(p) || (isFolder && p === `${entry}/`);
  });
}

/** `_`, `.`, `#` names and `~` backups (EntryFilter#special? and #backup?). */
const special = (name: string): boolean => /^[._#~]/.test(name) || name.endsWith("~");

/** Jekyll's test for a front matter block: the first line is `---`. */
export function hasFrontMatter(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(8);
    const read = readSync(fd, buffer, 0, 8, 0);
    const start = buffer.subarray(0, read).toString("latin1").replace(/^\xEF\xBB\xBF/, "");
    return /^---[ \t]*\r?\n/.test(start) || /^---[ \t]*$/.test(start) && read < 8;
  } finally {
    closeSync(fd);
  }
}

const FRONT_MATTER = /^(?:\uFEFF)?---[^\S\n]*\r?\n(?:([\s\S]*?)\r?\n)?---[^\S\n]*(?:\r?\n|$)/;

/**
 * The front matter of a page as data; a block that does not parse reads as empty (the page's own rendering reports it at its line).
 * Its values are kept for the whole build: they are read from a copy of the block, not from the file's text, which they would keep.
 */
function readFrontMatter(full: string, shown: string): Record<string, unknown> {
  const block = FRONT_MATTER.exec(readFileSync(full, "utf8"));
  if (!block?.[1]) return {};
  try {
    const data = parseYaml(detached(block[1]), shown).data;
    return data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The line a page gives a front-matter key on (`permalink` by default), for faults about it (undefined for a static file or a page without one). */
export function frontMatterLine(contentDir: string, file: string, key = "permalink"): number | undefined {
  let block: RegExpExecArray | null;
  try {
    block = FRONT_MATTER.exec(readFileSync(path.join(contentDir, file), "utf8"));
  } catch {
    return undefined;
  }
  const index = block?.[0].split("\n").findIndex((line) => line.startsWith(key) && /^\s*:/.test(line.slice(key.length))) ?? -1;
  return index >= 0 ? index + 1 : undefined;
}

/** The `values` of every `defaults:` entry whose scope covers this file, later entries and deeper paths winning (Jekyll's FrontmatterDefaults). */
export function frontMatterDefaults(config: Pick<JekyllConfig, "defaults">, file: string, type: string): Record<string, unknown> {
  const applicable = config.defaults
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => {
      const scopePath = trimSlashes(String(entry.scope.path ?? ""));
      const pathMatches = scopePath === "" || (/[*?[]/.test(scopePath) ? fnmatch(scopePath, file) : file === scopePath || file.startsWith(`${scopePath}/`));
      const typeMatches = !entry.scope.type || entry.scope.type === type;
      return pathMatches && typeMatches;
    })
    // Jekyll ranks scopes: a longer path wins, then one naming a type, then the later entry.
    .sort((a, b) => {
      const depth = (s: { path?: string | null }) => String(s.path ?? "").split("/").filter(Boolean).length;
      return depth(a.entry.scope) - depth(b.entry.scope) || Number(Boolean(a.entry.scope.type)) - Number(Boolean(b.entry.scope.type)) || a.index - b.index;
    });
  const merged: Record<string, unknown> = {};
  for (const { entry } of applicable) Object.assign(merged, entry.values);
  return merged;
}

/** The extension Jekyll writes a converted file with. */
function outputExtension(ext: string, markdown: ReadonlySet<string>): string {
  const bare = ext.replace(/^\./, "").toLowerCase();
  if (markdown.has(bare)) return ".html";
  if (bare === "scss" || bare === "sass") return ".css";
  return ext;
}

const PERMALINK_STYLES: Record<string, { post: string; page: string; collection: string }> = {
  date: { post: "/:categories/:year/:month/:day/:title:output_ext", page: "/:path/:basename:output_ext", collection: "/:collection/:path:output_ext" },
  pretty: { post: "/:categories/:year/:month/:day/:title/", page: "/:path/:basename/", collection: "/:collection/:path/" },
  ordinal: { post: "/:categories/:year/:y_day/:title:output_ext", page: "/:path/:basename:output_ext", collection: "/:collection/:path:output_ext" },
  weekdate: { post: "/:categories/:year/W:week/:short_day/:title:output_ext", page: "/:path/:basename:output_ext", collection: "/:collection/:path:output_ext" },
  none: { post: "/:categories/:title:output_ext", page: "/:path/:basename:output_ext", collection: "/:collection/:path:output_ext" },
};

/** Jekyll's URL#generate_url and #sanitize_url: placeholders filled, `//` collapsed, a leading `/`. */
function fillUrl(template: string, placeholders: Record<string, string>): string {
  const filled = template.replace(/:([a-z_]+)/g, (whole, key: string) => (key in placeholders ? placeholders[key]! : whole));
  return `/${filled}`.replace(/\/{2,}/g, "/").replace(/\/\.\//g, "/");
}

function outputPathOf(url: string, outputExt: string): string {
  let out = decodeURIComponentSafe(withoutLeadingSlash(url));
  if (out === "" || out.endsWith("/")) out += "index.html";
  else if (!path.posix.extname(out) && outputExt) out += outputExt;
  return out;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}

/** Jekyll's Utils.slugify (LiquidJS has it): `default` mode lower-cased, or `pretty` mode keeping case, as post URLs use them. */
const slugify = filters["slugify"] as (text: string, mode?: string, cased?: boolean) => string;

const POST_NAME = /^(\d{2,4}-\d{1,2}-\d{1,2})-(.*)(\.[^.]+)$/;

function asDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === "string") {
    const parsed = new Date(value.trim().replace(/^(\d{4}-\d{1,2}-\d{1,2})\s+(\d)/, "$1T$2"));
    return Number.isNaN(parsed.getTime()) ? undefined : parsed;
  }
  return undefined;
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") return value.split(/\s+/).filter(Boolean);
  return [];
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** The URL templates of the site's `permalink` setting: a named style, or a template of its own. */
function permalinkStyle(config: JekyllConfig): { post: string; page: string; collection: string } {
  return (
    PERMALINK_STYLES[config.permalink] ?? {
      post: config.permalink,
      page: config.permalink.endsWith("/") ? "/:path/:basename/" : "/:path/:basename:output_ext",
      collection: "/:collection/:path:output_ext",
    }
  );
}

/**
 * A page (a file with front matter outside `_` folders) as Jekyll reads it: front matter over
 * the defaults, its URL; undefined when it is not published (`published: false`).
 */
export function readPage(contentDir: string, config: JekyllConfig, relative: string): TreePage | undefined {
  const own = readFrontMatter(path.join(contentDir, relative), relative);
  const data = { ...frontMatterDefaults(config, relative, "pages"), ...own };
  if (!config.unpublished && data["published"] === false) return undefined;
  const ext = path.posix.extname(relative);
  const outputExt = outputExtension(ext, new Set(markdownExtensions(config)));
  const basename = path.posix.basename(relative, ext);
  const dir = path.posix.dirname(relative) === "." ? "" : path.posix.dirname(relative);
  let template: string;
  if (typeof data["permalink"] === "string" && data["permalink"].trim()) template = data["permalink"].trim();
  else if (outputExt !== ".html") template = "/:path/:basename:output_ext";
  else if (basename === "index") template = "/:path/";
  else template = permalinkStyle(config).page;
  const url = fillUrl(template, { path: dir, basename, output_ext: outputExt, title: basename, name: basename });
  return { file: relative, type: "pages", data, url, outputPath: outputPathOf(url, outputExt), output: true };
}

/** Reads a whole tree as Jekyll 4.3's Reader does. */
export function readJekyllTree(contentDir: string, config: JekyllConfig, now: Date = new Date()): JekyllTree {
  const markdown = new Set(markdownExtensions(config));
  const style = permalinkStyle(config);
  const pages: TreePage[] = [];
  const statics: TreeStatic[] = [];
  const skipped: string[] = [];
  const skippedFolders: string[] = [];
  const problems: Diagnostic[] = [];
  const links = treeLinks(contentDir, problems);

  const collectionsDir = config.collections_dir;
  const collectionFolders = new Map(Object.entries(config.collections).filter(([name]) => name !== "posts").map(([name, options]) => [path.posix.join(collectionsDir, `_${name}`), { name, options }]));

  const isPublished = (data: Record<string, unknown>): boolean => config.unpublished || data["published"] !== false;

  /** EntryFilter#filter for one entry: kept unless special or excluded, and `include:` wins over both. */
  const kept = (relative: string, name: string, isFolder: boolean): boolean => {
    if (globIncludes(config.include, relative, isFolder) || globIncludes(config.include, name, isFolder)) return true;
    if (special(name)) return false;
    return !globIncludes(config.exclude, relative, isFolder);
  };

  const addPage = (relative: string): void => {
    const page = readPage(contentDir, config, relative);
    if (page) pages.push(page);
    else skipped.push(relative);
  };

  const addStatic = (relative: string): void => {
    statics.push({ file: relative, outputPath: relative });
  };

  const readPosts = (folder: string, categoriesFromPath: string[]): void => {
    for (const relative of walkFiles(contentDir, folder)) {
      const name = path.posix.basename(relative);
      const match = POST_NAME.exec(name);
      const full = path.join(contentDir, relative);
      if (!match || !hasFrontMatter(full)) {
        skipped.push(relative);
        continue;
      }
      const own = readFrontMatter(full, relative);
      const data = { ...frontMatterDefaults(config, relative, "posts"), ...own };
      const date = asDate(data["date"]) ?? asDate(match[1]!)!;
      if (!isPublished(data) || (!config.future && date > now)) {
        skipped.push(relative);
        continue;
      }
      const ext = match[3]!;
      const outputExt = outputExtension(ext, markdown);
      const slug = typeof data["slug"] === "string" ? data["slug"] : match[2]!;
      const categories = [...categoriesFromPath, ...listOf(data["category"]), ...listOf(data["categories"])];
      const template = typeof data["permalink"] === "string" && data["permalink"].trim() ? data["permalink"].trim() : style.post;
      const url = fillUrl(template, {
        // Jekyll's UrlDrop: categories lower-cased, `:title` the slug in pretty mode with its case, `:slug`/`:name` in default mode.
        categories: [...new Set(categories.map((c) => c.toLowerCase()))].join("/"),
        year: String(date.getUTCFullYear()),
        month: pad(date.getUTCMonth() + 1),
        i_month: String(date.getUTCMonth() + 1),
        day: pad(date.getUTCDate()),
        i_day: String(date.getUTCDate()),
        short_year: String(date.getUTCFullYear()).slice(2),
        title: slugify(slug, "pretty", true) || slug,
        slug: slugify(slug),
        name: slugify(match[2]!),
        output_ext: outputExt,
      });
      pages.push({ file: relative, type: "posts", data: { ...data, date, categories }, url, outputPath: outputPathOf(url, outputExt), date, slug, output: true });
    }
  };

  const readCollection = (folder: string, name: string, options: { output: boolean; permalink?: string | undefined }): void => {
    for (const relative of walkFiles(contentDir, folder)) {
      const full = path.join(contentDir, relative);
      const inside = relative.slice(folder.length + 1);
      if (!hasFrontMatter(full)) {
        if (options.output) addStatic(relative);
        else skipped.push(relative);
        continue;
      }
      const own = readFrontMatter(full, relative);
      const data = { ...frontMatterDefaults(config, relative, name), ...own };
      if (!isPublished(data)) {
        skipped.push(relative);
        continue;
      }
      const ext = path.posix.extname(inside);
      const outputExt = outputExtension(ext, markdown);
      const withoutExt = inside.slice(0, inside.length - ext.length);
      const template = typeof data["permalink"] === "string" && data["permalink"].trim() ? data["permalink"].trim() : (options.permalink ?? style.collection);
      const url = fillUrl(template, { collection: name, path: withoutExt, name: path.posix.basename(withoutExt), title: path.posix.basename(withoutExt), output_ext: outputExt });
      pages.push({ file: relative, type: name, data, url, outputPath: outputPathOf(url, outputExt), slug: path.posix.basename(withoutExt), output: options.output });
      if (!options.output) skipped.push(relative);
    }
  };

  // A link to a file in the tree would publish that file twice, under a name Jekyll --safe need not give it: named, not followed.
  // (A link leaving the tree, or to a folder, is named by treeLinks.)
  const linkedFile = (relative: string): void => {
    const full = path.join(contentDir, relative);
    if (!realInside(contentDir, full) || !statSync(full).isFile()) return;
    problems.push({
      severity: "warning",
      code: "symlink-file",
      file: relative,
      message: `${relative} is a symbolic link to ${relativePath(contentDir, realpathSync(full))}: links are never followed, so it is not published`,
      hint: "copy the file, or link to the page it names instead",
    });
  };

  const walk = (folder: string, categories: string[]): void => {
    const full = path.join(contentDir, folder);
    const entries = readdirSync(full, { withFileTypes: true }).sort((a, b) => compare(a.name, b.name));
    for (const entry of entries) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name;
      const isFolder = entry.isDirectory();
      if (isFolder && entry.name === "_posts") {
        readPosts(relative, categories);
        continue;
      }
      const collection = isFolder ? collectionFolders.get(relative) : undefined;
      if (collection) {
        readCollection(relative, collection.name, collection.options);
        continue;
      }
      if (!kept(relative, entry.name, isFolder) || entry.isSymbolicLink()) {
        if (entry.isSymbolicLink() && kept(relative, entry.name, false)) linkedFile(relative);
        (isFolder ? skippedFolders : skipped).push(relative);
        continue;
      }
      if (isFolder) walk(relative, [...categories, entry.name]);
      else if (entry.isFile()) {
        if (hasFrontMatter(path.join(contentDir, relative))) addPage(relative);
        else addStatic(relative);
      }
    }
  };
  walk("", []);

  const writable = writablePages(contentDir, pages, statics, skipped, problems);
  return resolveClashes(contentDir, writable.pages, writable.statics, skipped, skippedFolders, links, problems);
}

/**
 * Every symbolic link in the tree, found without following any (Node's recursive read does not enter linked
 * folders). As Jekyll --safe: a link leaving the tree (or leading nowhere) is never read, with a warning
 * naming it; a linked folder is never walked, wherever it leads.
 */
function treeLinks(contentDir: string, problems: Diagnostic[]): string[] {
  const links: string[] = [];
  for (const entry of readdirSync(contentDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isSymbolicLink()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const file = relativePath(contentDir, full);
    links.push(file);
    if (!realInside(contentDir, full)) {
      let target = "nothing";
      try {
        target = realpathSync(full);
      } catch {
        // A dangling link: it leads nowhere, and is skipped as one leaving the tree is.
      }
      problems.push({ severity: "warning", code: "symlink-outside-tree", file, message: `${file} is a symbolic link to ${target}, outside the tree: it is not read or published (as Jekyll --safe)`, hint: "copy the file into the tree, or remove the link" });
    } else if (statSync(full).isDirectory()) {
      problems.push({ severity: "warning", code: "symlink-folder", file, message: `${file} is a symbolic link to a folder: linked folders are never walked, so nothing in it is published`, hint: "move or copy the folder into the tree instead of linking it" });
    }
  }
  return links.sort();
}

/**
 * Pages and files the tree may write: an output path that leaves the output folder, or that is one of the
 * files the project writes into every site, is an error at the page's permalink and the page is left out.
 */
function writablePages(contentDir: string, pages: TreePage[], statics: TreeStatic[], skipped: string[], problems: Diagnostic[]): { pages: TreePage[]; statics: TreeStatic[] } {
  const refused = (item: TreePage | TreeStatic, url: string): boolean => {
    const escape = escapingSitePath(url) ?? escapingSitePath(item.outputPath);
    const owned = escape ? undefined : projectOutput(item.outputPath);
    if (!escape && !owned) return false;
    problems.push({
      severity: "error",
      code: "output-path",
      file: item.file,
      line: frontMatterLine(contentDir, item.file),
      message: escape
        ? `${item.file} would be written at ${url}, which has ${escape} and leaves the site's output folder: it is left out`
        : `${item.file} would be written at /${item.outputPath}, ${owned} that the build writes into every site: it is left out`,
      hint: escape ? "give the page a permalink inside the site, such as /folder/page.html" : "give the page another permalink, or rename the file",
    });
    skipped.push(item.file);
    return true;
  };
  return {
    pages: pages.filter((page) => !page.output || !refused(page, page.url)),
    statics: statics.filter((file) => !refused(file, `/${file.outputPath}`)),
  };
}

/** Every file under a folder (relative to the tree), sorted as Jekyll reads them. */
function walkFiles(contentDir: string, folder: string): string[] {
  return readdirSync(path.join(contentDir, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relativePath(contentDir, path.join(entry.parentPath, entry.name)))
    .sort();
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Two files writing one output file: Jekyll writes pages, then static files, then
 * documents (posts and collections), and the last one written is what readers get.
 * The others are left out, with a warning naming both.
 */
function resolveClashes(contentDir: string, pages: TreePage[], statics: TreeStatic[], skipped: string[], skippedFolders: string[], links: string[], problems: Diagnostic[]): JekyllTree {
  const published = pages.filter((p) => p.output);
  // Jekyll sorts pages by file name and static files by path (Reader#sort_files!) before writing them.
  const byName = (a: TreePage, b: TreePage): number => compare(path.posix.basename(a.file), path.posix.basename(b.file));
  const order = [...published.filter((p) => p.type === "pages").sort(byName), ...[...statics].sort((a, b) => compare(a.file, b.file)), ...published.filter((p) => p.type !== "pages")];
  const winner = new Map<string, TreePage | TreeStatic>();
  for (const item of order) {
    const key = item.outputPath;
    const previous = winner.get(key);
    if (previous) {
      problems.push({
        severity: "warning",
        code: "duplicate-url",
        file: previous.file,
        line: frontMatterLine(contentDir, previous.file),
        message: `${previous.file} and ${item.file} are both published at /${item.outputPath}; ${item.file} is the one published (Jekyll writes it last), ${previous.file} is left out`,
        hint: "give one of them its own permalink; an earlier edition of a page can say edition_of: <permalink>",
      });
      skipped.push(previous.file);
    }
    winner.set(key, item);
  }
  const kept = new Set<TreePage | TreeStatic>(winner.values());
  const keptPages = pages.filter((p) => !p.output || kept.has(p));
  const byFile = new Map(keptPages.map((p) => [p.file, p]));
  return {
    pages: keptPages,
    statics: statics.filter((s) => kept.has(s)),
    skipped,
    skippedFolders,
    links,
    problems,
    page: (file) => byFile.get(file),
  };
}
