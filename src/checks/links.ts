import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseFragment } from "parse5";
import { bodyStart } from "../source/sourceFile.ts";
import { closestCandidates, isCertainMatch, type Diagnostic } from "../shared/diagnostics.ts";
import { isExternalUrl, servedFile } from "../shared/sitePaths.ts";
import { attribute, descendants, linksIn, type Element, type FoundLinks, type Reference } from "../shared/markupTree.ts";

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

const hasClass = (element: Element, name: string): boolean => (attribute(element, "class") ?? "").split(/\s+/).includes(name);

/**
 * Ids and references of a page the build did not frame (the site's own pages, a `layout: none` page),
 * from its main region: content links point at ids there, and only links in the page's own content
 * (`.app-content`) are the author's to check. A framed page's come with its content (`enhanceContent`).
 */
export function readLinks(html: string): FoundLinks {
  const start = html.indexOf("<main");
  const end = html.lastIndexOf("</main>");
  const region = parseFragment(start >= 0 && end > start ? html.slice(start, end + 7) : html);
  const content = descendants(region, () => true).find((element) => element.tagName === "div" && hasClass(element, "app-content"));
  const found = linksIn(region);
  // A page without the layout's content box (a bare template) has all its links checked.
  return content ? { ids: found.ids, refs: linksIn(content).refs } : found;
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
 * "Did you mean" for a missing page: the same name with `.html` (a `.htm` link, a link without its
 * extension), else the closest names in the same folder, else pages of the same name in other folders.
 * Comparing with every page of the site would cost pages × faults, and a tree's faults grow with its pages.
 * `certain` when the one candidate is surely what was meant.
 */
function pageSuggester(pageNames: Iterable<string>): (target: string) => { names: string[]; certain: boolean } {
  const byFolder = new Map<string, string[]>();
  const byName = new Map<string, string[]>();
  const all = new Set<string>();
  for (const name of pageNames) {
    all.add(name);
    const folder = path.posix.dirname(name);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), name]);
    byName.set(path.posix.basename(name), [...(byName.get(path.posix.basename(name)) ?? []), name]);
  }
  const suggested = new Map<string, { names: string[]; certain: boolean }>();
  const suggest = (target: string): { names: string[]; certain: boolean } => {
    const withExtension = [/\.htm$/i.test(target) ? `${target}l` : "", path.posix.extname(target) === "" ? `${target}.html` : ""].filter((name) => all.has(name));
    if (withExtension.length > 0) return { names: withExtension, certain: withExtension.length === 1 };
    const closest = closestCandidates(target, byFolder.get(path.posix.dirname(target)) ?? []);
    if (closest.names.length > 0) return { names: closest.names, certain: isCertainMatch(target, closest) };
    const sameName = byName.get(path.posix.basename(target)) ?? [];
    return { names: sameName, certain: sameName.length === 1 };
  };
  return (target) => {
    if (!suggested.has(target)) suggested.set(target, suggest(target));
    return suggested.get(target)!;
  };
}

/** Characters that continue a URL: a link found in the text must not be the start of a longer one (`a.htm` in `a.html`). */
const URL_CHARACTER = /[\w.~%/-]/;

/** Line and column of the first occurrence of a link in a page's text after its front matter, as a whole URL. */
function linkAt(source: string, needle: string): { line: number; column: number } | undefined {
  for (let index = source.indexOf(needle, bodyStart(source)); index >= 0; index = source.indexOf(needle, index + 1)) {
    if (!needle.endsWith('"') && URL_CHARACTER.test(source[index + needle.length] ?? "")) continue;
    return { line: source.slice(0, index).split("\n").length, column: index - source.lastIndexOf("\n", index - 1) };
  }
  return undefined;
}

/** The site path `target` written as a link from `base` the way `written` was (relative, or from the root). */
function writtenLike(written: string, base: string, target: string, pathPrefix: string): string {
  if (written.startsWith("/")) return `${written.startsWith(pathPrefix) ? pathPrefix : "/"}${target}`;
  return path.posix.relative(base, `/${target}`) || path.posix.basename(target);
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
    const locate = (ref: Reference, rawPath: string, fragment: string | undefined): { line?: number; column?: number } => {
      source ??= readFileSync(page.inputPath, "utf8");
      for (const needle of [`(${ref.value}`, `"${ref.value}"`, ref.value, rawPath || `#${fragment}`]) {
        const found = linkAt(source, needle);
        if (found) return { line: found.line, column: found.column + (/^[("]/.test(needle) ? 1 : 0) };
      }
      return {};
    };
    for (const ref of page.refs) {
      if (!ref.value || isExternalUrl(ref.value)) continue;
      const [rawPath = "", fragment] = ref.value.split("#");
      const base = path.posix.dirname(`/${page.outputPath}`);
      const absolute = rawPath === "" ? `/${page.outputPath}` : rawPath.startsWith("/") ? rawPath : path.posix.join(base, rawPath);
      const target = servedFile(decoded(absolute.startsWith(pathPrefix) ? absolute.slice(pathPrefix.length) : absolute).split("?")[0]!);
      const known = targets.get(target);
      if (!known && !existsSync(path.join(outputDir, target))) {
        const { names: candidates, certain } = suggestPage(target);
        const suggestion = candidates.length > 0 ? writtenLike(rawPath, base, candidates[0]!, pathPrefix) : undefined;
        problems.push({
          code: ref.kind === "image" ? "missing-image" : "broken-link",
          file: page.file,
          ...locate(ref, rawPath, fragment),
          message: `${ref.kind} to ${rawPath} points at nothing in the site`,
          hint: suggestion ? `did you mean ${candidates.length > 1 ? candidates.join(" or ") : suggestion}?` : ref.kind === "image" ? "add the image under images/ or correct the path" : "correct the link or add the page",
          repair: certain && suggestion ? { find: rawPath, replace: suggestion } : undefined,
        });
        continue;
      }
      const anchor = fragment ? decoded(fragment) : undefined;
      if (anchor && known && !known.ids.has(anchor)) {
        const closest = closestCandidates(anchor, known.ids);
        const candidates = closest.names;
        problems.push({
          code: "broken-anchor",
          file: page.file,
          ...locate(ref, rawPath, fragment),
          message: `link to ${ref.value} names an anchor that ${target} does not have`,
          hint: candidates.length > 0 ? `did you mean ${candidates.map((id) => `#${id}`).join(" or ")}?` : `link to a heading id of ${target}`,
          repair: isCertainMatch(anchor, closest) ? { find: ref.value, replace: `${rawPath}#${candidates[0]}` } : undefined,
        });
      }
    }
  }
  return problems;
}
