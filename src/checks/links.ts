import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Parser } from "htmlparser2";
import { lineOfText } from "../source/sourceFile.ts";
import { didYouMean, type Diagnostic } from "../shared/diagnostics.ts";
import { isExternalUrl, servedFile } from "../shared/sitePaths.ts";

/** What the link checks keep of one rendered page. */
export interface PageLinks {
  /** Source file relative to the content folder. */
  readonly file: string;
  /** Absolute path of the source file, to find the line a link is written on. */
  readonly inputPath: string;
  /** Output path relative to the site root, e.g. `overview_engage.html`. */
  readonly outputPath: string;
  /** Ids (and `<a name>`s) in the main region: what `#fragment`s can point at. */
  readonly ids: ReadonlySet<string>;
  /** Links and images in the page's own content. */
  readonly refs: readonly Reference[];
}

export interface Reference {
  readonly kind: "link" | "image";
  readonly value: string;
}

/** A copy of a substring that does not keep the whole page alive (V8 keeps substrings as slices of their parent). */
const detached = (value: string): string => Buffer.from(value, "utf8").toString("utf8");

/**
 * Reads ids and references from a page's main region in one streaming pass
 * (no tree is built): content links point at ids there, and only links in the
 * page's own content (`.app-content`) are the author's to check.
 */
export function readLinks(html: string): { ids: Set<string>; refs: Reference[] } {
  const start = html.indexOf("<main");
  const end = html.lastIndexOf("</main>");
  const region = start >= 0 && end > start ? html.slice(start, end + 7) : html;
  const ids = new Set<string>();
  const all: Reference[] = [];
  const content: Reference[] = [];
  let depth = 0;
  let contentDepth = -1;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        depth++;
        if (attributes["id"] !== undefined) ids.add(detached(attributes["id"]));
        if (name === "a" && attributes["name"] !== undefined) ids.add(detached(attributes["name"]));
        if (contentDepth < 0 && name === "div" && (attributes["class"] ?? "").split(/\s+/).includes("app-content")) contentDepth = depth;
        const ref = name === "a" && attributes["href"] !== undefined ? { kind: "link" as const, value: detached(attributes["href"]) } : name === "img" && attributes["src"] !== undefined ? { kind: "image" as const, value: detached(attributes["src"]) } : undefined;
        if (ref) (contentDepth > 0 ? content : all).push(ref);
      },
      onclosetag() {
        if (depth === contentDepth) contentDepth = 0;
        depth--;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(region);
  // A page without the layout's content box (a bare template) has all its links checked.
  return { ids, refs: contentDepth < 0 ? all : content };
}

/** A URL part as its file or id is named; written as is when it is not valid percent-encoding (`100%`). */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * "Did you mean" for a missing page: the closest name in the same folder, else a page of the same
 * name in another folder. Comparing with every page of the site would cost pages × faults, and a
 * tree's faults grow with its pages.
 */
function pageSuggester(pageNames: Iterable<string>): (target: string) => string | undefined {
  const byFolder = new Map<string, string[]>();
  const byName = new Map<string, string>();
  for (const name of pageNames) {
    const folder = path.posix.dirname(name);
    const names = byFolder.get(folder) ?? [];
    names.push(name);
    byFolder.set(folder, names);
    if (!byName.has(path.posix.basename(name))) byName.set(path.posix.basename(name), name);
  }
  const suggested = new Map<string, string | undefined>();
  return (target) => {
    if (!suggested.has(target)) suggested.set(target, didYouMean(target, byFolder.get(path.posix.dirname(target)) ?? []) ?? byName.get(path.posix.basename(target)));
    return suggested.get(target);
  };
}

/**
 * Checks every link and image in each page's main content against the built
 * site: the file must exist, and a `#fragment` must be an id on its page.
 */
export function checkLinks(pages: readonly PageLinks[], outputDir: string, pathPrefix: string): Omit<Diagnostic, "severity">[] {
  const targets = new Map(pages.map((page) => [page.outputPath, page]));
  const suggestPage = pageSuggester(targets.keys());
  const problems: Omit<Diagnostic, "severity">[] = [];
  for (const page of pages) {
    // The site's own generated pages (site index, 404) have no source file for an author to fix.
    if (!existsSync(page.inputPath)) continue;
    // Where a faulty link is written: read and searched only for the few links that are faulty.
    let source: string | undefined;
    const lineOf = (ref: Reference, rawPath: string, fragment: string | undefined): number | undefined => {
      source ??= readFileSync(page.inputPath, "utf8");
      const text = source;
      return [`(${ref.value}`, `"${ref.value}"`, ref.value, rawPath || `#${fragment}`].reduce<number | undefined>((found, needle) => found ?? lineOfText(text, needle), undefined);
    };
    for (const ref of page.refs) {
      if (!ref.value || isExternalUrl(ref.value)) continue;
      const [rawPath = "", fragment] = ref.value.split("#");
      const base = path.posix.dirname(`/${page.outputPath}`);
      const absolute = rawPath === "" ? `/${page.outputPath}` : rawPath.startsWith("/") ? rawPath : path.posix.join(base, rawPath);
      const target = servedFile(decoded(absolute.startsWith(pathPrefix) ? absolute.slice(pathPrefix.length) : absolute).split("?")[0]!);
      const known = targets.get(target);
      if (!known && !existsSync(path.join(outputDir, target))) {
        const suggestion = suggestPage(target);
        problems.push({
          code: ref.kind === "image" ? "missing-image" : "broken-link",
          file: page.file,
          line: lineOf(ref, rawPath, fragment),
          message: `${ref.kind} to ${rawPath} points at nothing in the site`,
          hint: suggestion ? `did you mean ${suggestion}?` : ref.kind === "image" ? "add the image under images/ or correct the path" : "correct the link or add the page",
        });
        continue;
      }
      const anchor = fragment ? decoded(fragment) : undefined;
      if (anchor && known && !known.ids.has(anchor)) {
        const suggestion = didYouMean(anchor, known.ids);
        problems.push({
          code: "broken-anchor",
          file: page.file,
          line: lineOf(ref, rawPath, fragment),
          message: `link to ${ref.value} names an anchor that ${target} does not have`,
          hint: suggestion ? `did you mean #${suggestion}?` : `link to a heading id of ${target}`,
        });
      }
    }
  }
  return problems;
}
