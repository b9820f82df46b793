import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "node-html-parser";
import { isExternalUrl } from "../html.ts";
import { lineOfText } from "../site/sourceFile.ts";
import { didYouMean, type Diagnostic } from "./diagnostics.ts";

export interface RenderedPage {
  /** Source file relative to the content folder. */
  readonly file: string;
  /** Absolute path of the source file, to find the line a link is written on. */
  readonly inputPath: string;
  /** Output path relative to the site root, e.g. `overview_engage.html`. */
  readonly outputPath: string;
  readonly html: string;
}

interface PageTargets {
  readonly ids: ReadonlySet<string>;
  readonly file: string;
}

interface Reference {
  readonly kind: "link" | "image";
  readonly value: string;
}

/**
 * What the checks need of one page, read in one parse so no page's tree
 * outlives it. Only the main region is parsed: links are checked there, and
 * content links point at ids there (the layout's own ids are never targets).
 */
function readPage(html: string): { ids: Set<string>; refs: Reference[] } {
  const start = html.indexOf("<main");
  const end = html.lastIndexOf("</main>");
  const region = start >= 0 && end > start ? html.slice(start, end + 7) : html;
  const root = parse(region, { blockTextElements: { script: true, style: true } });
  const ids = new Set(root.querySelectorAll("[id]").map((el) => el.getAttribute("id") ?? ""));
  for (const a of root.querySelectorAll("a[name]")) ids.add(a.getAttribute("name") ?? "");
  const main = root.querySelector("main .app-content") ?? root;
  const refs = [
    ...main.querySelectorAll("a[href]").map((el) => ({ kind: "link" as const, value: el.getAttribute("href") ?? "" })),
    ...main.querySelectorAll("img[src]").map((el) => ({ kind: "image" as const, value: el.getAttribute("src") ?? "" })),
  ];
  return { ids, refs };
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
 * Checks every link and image in each page's main content against the built
 * site: the file must exist, and a `#fragment` must be an id on its page.
 */
export function checkLinks(pages: readonly RenderedPage[], outputDir: string, pathPrefix: string): Omit<Diagnostic, "severity">[] {
  const targets = new Map<string, PageTargets>();
  const references = new Map<string, Reference[]>();
  for (const page of pages) {
    const { ids, refs } = readPage(page.html);
    targets.set(page.outputPath, { ids, file: page.file });
    references.set(page.outputPath, refs);
  }
  const pageNames = [...targets.keys()];
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
    for (const ref of references.get(page.outputPath) ?? []) {
      if (!ref.value || isExternalUrl(ref.value)) continue;
      const [rawPath = "", fragment] = ref.value.split("#");
      const base = path.posix.dirname(`/${page.outputPath}`);
      const absolute = rawPath === "" ? `/${page.outputPath}` : rawPath.startsWith("/") ? rawPath : path.posix.join(base, rawPath);
      let target = decoded(absolute.startsWith(pathPrefix) ? absolute.slice(pathPrefix.length) : absolute.replace(/^\//, "")).split("?")[0]!;
      if (target === "" || target.endsWith("/")) target += "index.html";
      const known = targets.get(target);
      if (!known && !existsSync(path.join(outputDir, target))) {
        const suggestion = didYouMean(target, pageNames);
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
