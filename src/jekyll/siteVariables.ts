import { readFileSync } from "node:fs";
import path from "node:path";
import { markdownExtensions } from "../source/jekyllConfig.ts";
import type { JekyllConfig } from "../source/jekyllConfig.ts";
import type { JekyllTree, TreePage } from "../source/jekyllTree.ts";

/** The Jekyll version whose output this generator reproduces (`jekyll.version`). */
export const JEKYLL_VERSION = "4.3.1";

/** A page's front matter block, to take its body. */
export const FRONT_MATTER_BLOCK = /^(?:\uFEFF)?---[^\S\n]*\r?\n(?:[\s\S]*?\r?\n)?---[^\S\n]*(?:\r?\n|$)/;

export interface SiteVariableSources {
  readonly contentDir: string;
  readonly config: JekyllConfig;
  readonly tree: JekyllTree;
  /** `site.data` as the build reads it. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Markdown to HTML, for the `content` of posts and documents (feeds print it). */
  readonly markdown: (text: string) => string;
  /** The build's start (`site.time`). */
  readonly time: Date;
  /** Posts' and documents' HTML once rendered, by file (until then, their Markdown converted without Liquid). */
  readonly rendered?: ReadonlyMap<string, string>;
}

/** A page, post or document as Liquid sees it in `site.pages`, `site.posts`, `site.COLLECTION` (Jekyll's to_liquid). */
export type LiquidDocument = Record<string, unknown> & { readonly url: string; readonly path: string };

function documentOf(page: TreePage, sources: SiteVariableSources, markdown: ReadonlySet<string>): LiquidDocument {
  const readBody = (): string => readFileSync(path.join(sources.contentDir, page.file), "utf8").replace(FRONT_MATTER_BLOCK, "");
  const ext = path.posix.extname(page.file);
  const isMarkdown = markdown.has(ext.slice(1).toLowerCase());
  const common = { ...page.data, url: page.url, path: page.file };
  // A page's `name` and `dir` are Jekyll's; a document's come from its front matter, if any.
  if (page.type === "pages") {
    const doc = { ...common, name: path.posix.basename(page.file), dir: `${path.posix.dirname(page.url.endsWith("/") ? `${page.url}x` : page.url)}/`.replace(/\/{2,}/g, "/") };
    // Read when a template asks for it: few do, and keeping every page's source would grow the build's memory with the site.
    return Object.defineProperty(doc, "content", { get: readBody, enumerable: true });
  }
  const body = readBody();
  const tags = Array.isArray(page.data["tags"]) ? page.data["tags"].map(String) : typeof page.data["tags"] === "string" ? page.data["tags"].split(/\s+/).filter(Boolean) : [];
  // Posts and documents are converted before anything reads them in Jekyll: feeds print their HTML.
  const content = sources.rendered?.get(page.file) ?? (isMarkdown ? sources.markdown(body) : body);
  const excerptSource = sources.config.excerpt_separator ? body.split(sources.config.excerpt_separator)[0] ?? body : body;
  return {
    ...common,
    id: page.url.replace(/\.html$|\/$/, ""),
    collection: page.type,
    slug: page.slug,
    tags,
    categories: Array.isArray(page.data["categories"]) ? page.data["categories"] : [],
    content,
    excerpt: isMarkdown ? sources.markdown(excerptSource) : excerptSource,
    output: content,
  };
}

/**
 * Jekyll's `site` in Liquid: every key of `_config.yml`, and what Jekyll adds —
 * `pages`, `html_pages`, `posts` (newest first), `tags`, `categories`,
 * `collections`, each collection by name, `static_files`, `data`, `time`.
 */
export function siteVariables(sources: SiteVariableSources): Record<string, unknown> {
  const markdown = new Set(markdownExtensions(sources.config));
  const { file: _file, lineOf: _lineOf, ...config } = sources.config;
  const pages: LiquidDocument[] = [];
  const byCollection = new Map<string, LiquidDocument[]>();
  for (const page of sources.tree.pages) {
    const doc = documentOf(page, sources, markdown);
    if (page.type === "pages") pages.push(doc);
    else byCollection.set(page.type, [...(byCollection.get(page.type) ?? []), doc]);
  }
  // Jekyll sorts pages by file name once it has read them (Reader#sort_files!).
  pages.sort((a, b) => (String(a["name"]) < String(b["name"]) ? -1 : String(a["name"]) > String(b["name"]) ? 1 : 0));
  const posts = (byCollection.get("posts") ?? []).sort((a, b) => (b["date"] as Date).getTime() - (a["date"] as Date).getTime());
  const group = (key: "tags" | "categories"): Record<string, LiquidDocument[]> => {
    const groups: Record<string, LiquidDocument[]> = {};
    for (const post of posts) for (const name of post[key] as string[]) (groups[name] ??= []).push(post);
    return groups;
  };
  const collectionNames = ["posts", ...Object.keys(sources.config.collections).filter((name) => name !== "posts")];
  const collections = collectionNames.map((label) => ({
    label,
    docs: label === "posts" ? posts : (byCollection.get(label) ?? []),
    files: [],
    directory: path.join(sources.contentDir, sources.config.collections_dir, `_${label}`),
    relative_directory: `_${label}`,
    output: label === "posts" ? true : (sources.config.collections[label]?.output ?? false),
    permalink: sources.config.collections[label]?.permalink,
  }));
  const staticFiles = sources.tree.statics.map((file) => ({
    path: `/${file.file}`,
    name: path.posix.basename(file.file),
    basename: path.posix.basename(file.file, path.posix.extname(file.file)),
    extname: path.posix.extname(file.file),
    modified_time: sources.time,
  }));
  const site: Record<string, unknown> = {
    ...config,
    ...Object.fromEntries(collections.map((c) => [c.label, c.docs])),
    pages,
    html_pages: pages.filter((p) => p.url.endsWith(".html") || p.url.endsWith("/")),
    posts,
    related_posts: posts.slice(0, 10),
    tags: group("tags"),
    categories: group("categories"),
    collections,
    documents: collections.flatMap((c) => c.docs),
    static_files: staticFiles,
    html_files: staticFiles.filter((f) => f.extname === ".html"),
    data: sources.data,
    time: sources.time,
  };
  return site;
}
