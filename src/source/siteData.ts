import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { BuildError } from "../shared/diagnostics.ts";
import { displayPath } from "./sourceFile.ts";
import { parseYaml, type YamlFile } from "./yamlFile.ts";
import { realInside, relativePath } from "../shared/sitePaths.ts";

/** Jekyll's `site.data`: every data file under `_data/`, keyed by folder and file name. */
export interface SiteDataTree {
  [key: string]: unknown;
}

export interface LoadedSiteData {
  readonly data: SiteDataTree;
  /** Parsed YAML files by path relative to `_data` (e.g. `sidebars/overview_sidebar.yml`), for line look-ups. */
  readonly yamlFiles: ReadonlyMap<string, YamlFile>;
}

function readDataFile(file: string, shown: string): { value: unknown; yaml?: YamlFile } {
  const text = readFileSync(file, "utf8");
  const ext = path.extname(file).toLowerCase();
  if (ext === ".yml" || ext === ".yaml") {
    const yaml = parseYaml(text, shown);
    return { value: yaml.data, yaml };
  }
  if (ext === ".json") {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch (error) {
      throw new BuildError({ code: "json-syntax", file: shown, message: `malformed JSON: ${(error as Error).message}`, hint: "check for a trailing comma or a missing quote" });
    }
  }
  // Jekyll reads CSV with headers: an array of row objects.
  return { value: parseCsv(text, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: true }) as unknown };
}

export function loadSiteData(contentDir: string): LoadedSiteData {
  const root = path.join(contentDir, "_data");
  const yamlFiles = new Map<string, YamlFile>();
  const walk = (dir: string): SiteDataTree => {
    const tree: SiteDataTree = {};
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return tree;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      // A link is read only when it leads to a file inside the tree; linked folders are never walked.
      if (entry.isSymbolicLink() && (!realInside(contentDir, full) || statSync(full).isDirectory())) continue;
      if (entry.isDirectory()) {
        tree[entry.name] = walk(full);
        continue;
      }
      const ext = path.extname(entry.name).toLowerCase();
      if (![".yml", ".yaml", ".json", ".csv"].includes(ext)) continue;
      const { value, yaml } = readDataFile(full, displayPath(contentDir, full));
      if (yaml) yamlFiles.set(relativePath(root, full), yaml);
      tree[path.basename(entry.name, path.extname(entry.name))] = value;
    }
    return tree;
  };
  return { data: walk(root), yamlFiles };
}
