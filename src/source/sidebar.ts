import { z } from "zod";
import { sanitiseInline } from "../shared/sanitise.ts";
import eleventyNavigation, { type NavigationEntry, type NavigationItem } from "@11ty/eleventy-navigation";
import type { DiagnosticLog } from "../shared/diagnostics.ts";
import type { YamlFile } from "./yamlFile.ts";
import { safeUrl, urlScheme, withoutLeadingSlash } from "../shared/sitePaths.ts";

/** A node of a sidebar as readers see it. Titles may hold HTML (they do in the YAML). */
export type NavNode =
  | { readonly kind: "page"; readonly key: string; readonly title: string; readonly url: string; readonly children: readonly NavNode[] }
  | { readonly kind: "external"; readonly key: string; readonly title: string; readonly href: string; readonly children: readonly NavNode[] }
  | { readonly kind: "group"; readonly key: string; readonly title: string; readonly children: readonly NavNode[] };

export interface Sidebar {
  readonly name: string;
  /** Product title from the first entry (e.g. "GP Connect"). */
  readonly title: string;
  /** The theme's `product` and `version` on the first entry: what the sidebar documents, and which release. */
  readonly product?: string | undefined;
  readonly version?: string | undefined;
  readonly nodes: readonly NavNode[];
  /** The YAML file it came from, relative to the content folder. */
  readonly file: string;
  /** Line of each page item in the YAML, by url, for messages about missing pages. */
  readonly itemLines: ReadonlyMap<string, number | undefined>;
}

const outputSchema = z.string().optional();
/** Titles are markup (`<b class='resource'>Patient</b>`), placed as such in the sidebar: only inline formatting survives. */
const titleSchema = z.coerce.string().transform(sanitiseInline);
const itemSchema = z.object({
  title: titleSchema,
  url: z.string().optional(),
  external_url: z.string().optional(),
  output: outputSchema,
  subfolders: z.array(z.unknown()).nullish(),
});
const subfolderSchema = z.object({ title: titleSchema, output: outputSchema, subfolderitems: z.array(z.unknown()).nullish() });
const folderSchema = z.object({ title: titleSchema, output: outputSchema, folderitems: z.array(z.unknown()).nullish() });
const entrySchema = z.object({ title: titleSchema.optional(), product: z.coerce.string().optional(), version: z.coerce.string().optional(), folders: z.array(z.unknown()).nullish() });
const sidebarSchema = z.object({ entries: z.array(z.unknown()) });

/** A site-relative page url such as `/overview_engage.html` or `/pages/a b.xlsx`. */
const PAGE_URL = /^\/?[^\s"'<>&]+$/;

const isWeb = (output: string | undefined): boolean => output === undefined || output.split(",").some((o) => o.trim() === "web");

/** Turns a sidebar item's `url` into a site-relative path (no leading slash), or undefined when malformed. */
export function normaliseSidebarUrl(url: string): string | undefined {
  if (!PAGE_URL.test(url)) return undefined;
  return withoutLeadingSlash(url);
}

type Path = (string | number)[];

/** A YAML scalar as Liquid printed it: a float keeps its decimal point (`version: 6.0` is "6.0", as Ruby writes 6.0). */
function rubyScalar(value: string | undefined, source: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  return /^\d+$/.test(text) && source !== undefined && /^[+-]?\d+\.\d*(?:[eE][+-]?\d+)?$/.test(source.trim()) ? `${text}.0` : text;
}

/**
 * Reads one `_data/sidebars/*.yml` file into eleventy-navigation entries (key,
 * parent, order), reporting each malformed entry with its file and line and
 * leaving it out.
 */
interface SidebarItems {
  items: NavigationItem[];
  title: string;
  product?: string | undefined;
  version?: string | undefined;
  itemLines: Map<string, number | undefined>;
}

function toNavigationItems(name: string, yaml: YamlFile, log: DiagnosticLog): SidebarItems {
  const items: NavigationItem[] = [];
  const itemLines = new Map<string, number | undefined>();
  const report = (path: Path, message: string, hint: string): void => {
    log.warn({ code: "sidebar-entry", file: yaml.file, line: yaml.lineOf(path), message, hint });
  };
  const push = (path: Path, parent: string | undefined, fields: Record<string, unknown>): string => {
    const key = `${name}:${path.join(".")}`;
    items.push({ data: { eleventyNavigation: { key, ...(parent ? { parent } : {}), order: items.length, ...fields } } });
    return key;
  };
  const addItem = (raw: unknown, path: Path, parent: string | undefined): void => {
    const parsed = itemSchema.safeParse(raw);
    if (!parsed.success) return report(path, `sidebar item is not { title, url | external_url, output }: ${parsed.error.issues[0]?.message}`, "give the item a title and a url");
    const item = parsed.data;
    if (!isWeb(item.output)) return;
    if (item.external_url !== undefined && safeUrl(item.external_url) !== item.external_url) {
      // A script URL would run when the link is followed: the item is left out, where the author wrote it.
      return report([...path, "external_url"], `sidebar item "${item.title}" has a script URL (${urlScheme(item.external_url)}:), which would run when followed: it is left out`, "give external_url a https:// address");
    }
    if (item.external_url !== undefined) {
      push(path, parent, { title: item.title, kind: "external", href: item.external_url });
    } else if (item.url !== undefined) {
      const url = normaliseSidebarUrl(item.url);
      if (url === undefined) {
        return report([...path, "url"], `sidebar item "${item.title}" has a malformed url ${JSON.stringify(item.url.slice(0, 80))}`, "a url is one site path such as /page.html, with no quotes, spaces or attributes after it");
      }
      itemLines.set(url, yaml.lineOf([...path, "url"]));
      push(path, parent, { title: item.title, kind: "page", url });
    } else {
      return report(path, `sidebar item "${item.title}" has neither url nor external_url`, "add url: /page.html or external_url: https://…");
    }
    // The theme lists an item's subfolders after it, as groups beside it in its folder, not inside it.
    (item.subfolders ?? []).forEach((sub, i) => addGroup(sub, [...path, "subfolders", i], parent, subfolderSchema, "subfolderitems"));
  };
  const addGroup = (raw: unknown, path: Path, parent: string | undefined, schema: typeof folderSchema | typeof subfolderSchema, itemsKey: "folderitems" | "subfolderitems"): void => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return report(path, `sidebar folder is not { title, output, ${itemsKey} }: ${parsed.error.issues[0]?.message}`, "give the folder a title and a list of items");
    const group = parsed.data as { title: string; output?: string } & Partial<Record<typeof itemsKey, unknown[] | null>>;
    if (!isWeb(group.output)) return;
    const key = push(path, parent, { title: group.title, kind: "group" });
    (group[itemsKey] ?? []).forEach((item, i) => addItem(item, [...path, itemsKey, i], key));
  };
  const root = sidebarSchema.safeParse(yaml.data);
  if (!root.success) {
    report([], "a sidebar file needs an entries: list", "start the file with 'entries:'");
    return { items, title: name, itemLines };
  }
  const first: Omit<SidebarItems, "items" | "itemLines"> = { title: name };
  root.data.entries.forEach((rawEntry, e) => {
    const entry = entrySchema.safeParse(rawEntry);
    if (!entry.success) return report(["entries", e], "sidebar entry is not { title, folders }", "give the entry a folders: list");
    if (e === 0) Object.assign(first, { title: entry.data.title || name, product: entry.data.product?.trim() || undefined, version: rubyScalar(entry.data.version, yaml.sourceOf(["entries", 0, "version"])) });
    (entry.data.folders ?? []).forEach((folder, f) => addGroup(folder, ["entries", e, "folders", f], undefined, folderSchema, "folderitems"));
  });
  return { items, ...first, itemLines };
}

function toNavNode(entry: NavigationEntry): NavNode {
  const data = (entry.data as { eleventyNavigation: Record<string, unknown> }).eleventyNavigation;
  const children = entry.children.map(toNavNode);
  const base = { key: entry.key, title: entry.title, children };
  if (data["kind"] === "page") return { ...base, kind: "page", url: String(data["url"]) };
  if (data["kind"] === "external") return { ...base, kind: "external", href: String(data["href"]) };
  return { ...base, kind: "group" };
}

export function buildSidebar(name: string, yaml: YamlFile, log: DiagnosticLog): Sidebar {
  const { items, title, product, version, itemLines } = toNavigationItems(name, yaml, log);
  const nodes = eleventyNavigation.navigation.find(items).map(toNavNode);
  return { name, title, product, version, nodes, file: yaml.file, itemLines };
}

/** Every page node in reading order (for previous/next links). */
export function flattenPages(nodes: readonly NavNode[]): Extract<NavNode, { kind: "page" }>[] {
  return nodes.flatMap((node) => [...(node.kind === "page" ? [node] : []), ...flattenPages(node.children)]);
}

/** The chain of nodes from the top of the sidebar down to the first node for `url`. */
export function pathTo(nodes: readonly NavNode[], url: string): NavNode[] | undefined {
  for (const node of nodes) {
    if (node.kind === "page" && node.url === url) return [node];
    const below = pathTo(node.children, url);
    if (below) return [node, ...below];
  }
  return undefined;
}
