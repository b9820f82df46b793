import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

const PAGE = /\.(md|html)$/;

/** Every page file of a tree (not in `_` folders), relative to it. */
function pageFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith("_") || entry.name.startsWith(".")) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pageFiles(full, base);
    return PAGE.test(entry.name) && entry.name !== "README.md" ? [path.relative(base, full)] : [];
  });
}

/**
 * Copy `k` of a page: its permalink moves under `c<k>/`, so its relative
 * links reach the same copy's pages; its sidebar becomes the copy's own;
 * pictures stay shared at the site root.
 */
export function copyPage(source: string, copy: number): string {
  const folder = `c${copy}`;
  return source
    .replace(/^(permalink:\s*["']?)\/?/m, `$1${folder}/`)
    .replace(/^(sidebar:\s*["']?)(\w+)/m, `$1${folder}_$2`)
    // Each copy's tag pages list that copy's pages: a tag shared by every copy would make each of the
    // copies' tag pages list the whole corpus, which grows with the square of its size.
    .replace(/^(tags:\s*\[)([^\]\n]*)\]/m, (_whole, start: string, list: string) => `${start}${list.split(",").map((tag) => `${tag.trim()}_${folder}`).join(", ")}]`)
    .replace(/^(tagName:\s*["']?)([\w-]+)/m, `$1$2_${folder}`)
    .replace(/(\]\(|src=["'])(images\/)/g, "$1/$2");
}

/** Copy `k` of a sidebar: same groups, urls under `/c<k>/`. */
export function copySidebar(source: string, copy: number): string {
  return source.replace(/^(\s*(?:-\s*)?url:[ \t]*["']?)(.*)$/gm, (whole, key: string, value: string) => (/^[a-z][\w+.-]*:/i.test(value) ? whole : `${key}/c${copy}/${value.replace(/^\//, "")}`));
}

/**
 * A synthetic corpus of about `pages` pages made of copies of a real tree
 * (copy 0 is the tree itself), with permalinks, sidebars and links kept
 * consistent, so it builds like the real thing at a larger size.
 */
export function makeSyntheticCorpus(source: string, target: string, pages: number): number {
  rmSync(target, { recursive: true, force: true });
  cpSync(source, target, { recursive: true });
  // What the tree's `_config.yml` excludes is not published: its copies would be published (Jekyll fails on the
  // GitHub repositories page, which needs the network).
  const excluded = ((parse(readFileSync(path.join(source, "_config.yml"), "utf8")) as { exclude?: string[] } | null)?.exclude ?? []).map((entry) => entry.replace(/^\/|\/$/g, ""));
  const files = pageFiles(source).filter((file) => !excluded.some((entry) => file === entry || file.startsWith(`${entry}/`)));
  const sidebarsDir = path.join(source, "_data/sidebars");
  const sidebars = readdirSync(sidebarsDir).filter((name) => /\.ya?ml$/.test(name));
  const copies = Math.max(1, Math.round(pages / files.length));
  for (let copy = 1; copy < copies; copy++) {
    for (const file of files) {
      const destination = path.join(target, `c${copy}`, file);
      mkdirSync(path.dirname(destination), { recursive: true });
      writeFileSync(destination, copyPage(readFileSync(path.join(source, file), "utf8"), copy));
    }
    for (const name of sidebars) {
      writeFileSync(path.join(target, "_data/sidebars", `c${copy}_${name}`), copySidebar(readFileSync(path.join(sidebarsDir, name), "utf8"), copy));
    }
  }
  return copies * files.length;
}
