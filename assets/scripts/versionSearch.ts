/**
 * Search on a page of a site of several versions (a stitched page: its
 * search box carries `data-versions` and `data-version`). Each version has
 * its own Pagefind index: the reader's is searched first, labelled with its
 * version, and the others are merged in (Pagefind's `mergeIndex`) only when
 * the reader asks for all versions, each result then labelled with its own.
 * A chunk of its own (search.ts loads it only on such a page), so a
 * single-tree site's script carries none of it.
 */
import type { Pagefind } from "./search.ts";

interface Version {
  readonly id: string;
  readonly label: string;
  /** The version's root (with any path prefix): its index is at `<base>pagefind/`. */
  readonly base: string;
}

export interface VersionScope {
  /** The version filter while the search stays in the reader's version (none once it covers all). */
  filter(): Record<string, string>;
  /** Labels a result with its version when results come from every version. */
  label(root: Document, item: HTMLLIElement, url: string): void;
  /** Where the status line says the search looked: " in version 1.5.0", " in all versions". */
  readonly where: string;
  /** The "all versions" choice, placed above the results; `rerun` searches again once it changes. */
  control(root: Document, container: HTMLElement, rerun: () => void): HTMLElement;
}

/** The versions the search box lists, or undefined on a page of a single-tree site (or of a site of one version). */
export async function versionScope(pagefind: Pagefind, input: HTMLInputElement): Promise<VersionScope | undefined> {
  const box = input.closest<HTMLElement>("[data-app-search]");
  const { versions: listed, version: current } = box?.dataset ?? {};
  if (!listed || !current) return undefined;
  const versions = JSON.parse(listed) as Version[];
  const own = versions.find((v) => v.id === current)?.label;
  if (versions.length < 2 || own === undefined) return undefined;
  await pagefind.options({ mergeFilter: { version: own } });
  let all = false;
  let merged: Promise<void> | undefined;
  return {
    filter: (): Record<string, string> => (all ? {} : { version: own }),
    label: (root, item, url) => {
      if (!all) return;
      const version = versions.find((v) => url.startsWith(v.base))?.label;
      if (version === undefined) return;
      const tag = root.createElement("strong");
      tag.className = "nhsuk-tag nhsuk-tag--blue app-search-result__version";
      tag.textContent = `Version ${version}`;
      item.querySelector(".app-search-result__title")?.after(tag);
    },
    get where() {
      return all ? " in all versions" : ` in version ${own}`;
    },
    control: (root, container, rerun) => {
      const scope = root.createElement("p");
      scope.className = "app-search__versions";
      const choice = root.createElement("input");
      choice.className = "app-search__versions-input";
      choice.type = "checkbox";
      choice.id = `${container.id || "app-search"}-all-versions`;
      const label = root.createElement("label");
      label.className = "app-search__versions-label";
      label.textContent = `Search all versions, not only ${own}`;
      label.htmlFor = choice.id;
      scope.append(choice, label);
      choice.addEventListener("change", () => {
        all = choice.checked;
        merged ??= Promise.all(versions.filter((v) => v.label !== own).map((v) => pagefind.mergeIndex(`${v.base}pagefind/`, { mergeFilter: { version: v.label } }))).then(() => undefined);
        void merged.then(rerun);
      });
      return scope;
    },
  };
}
