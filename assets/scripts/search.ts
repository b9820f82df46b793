/**
 * Full-text search over Pagefind's JavaScript API. Pagefind's own UI
 * bundles would not meet the site's needs (NHS.UK styling, a strict
 * Content-Security-Policy, capability filters ordered by the reader's
 * current capability, a 100 KB first-search budget), so this thin layer
 * renders Pagefind's results itself. What ranks how is in src/search/ranking.ts.
 */
import { META_WEIGHTS, searchTerms, worthPreloading } from "../../src/search/ranking.ts";

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  filters: { capability?: string[] };
  sub_results: PagefindSubResult[];
}

interface PagefindResponse {
  results: { id: string; data(): Promise<PagefindResultData> }[];
  filters: Record<string, Record<string, number>>;
}

export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(url: string, options?: Record<string, unknown>): Promise<void>;
  preload(term: string, options?: { filters?: Record<string, string> }): Promise<void>;
  search(term: string, options?: { filters?: Record<string, string> }): Promise<PagefindResponse | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

/** Results listed at once (Pagefind's own UI lists 5 too). */
const PAGE_SIZE = 5;
/** A query is searched when typing pauses this long. */
const TYPING_PAUSE_MS = 250;
/**
 * Results whose page details (title, excerpt: Pagefind's fragment, ~1.5 KB
 * each) are fetched at once; the rest as they scroll into view, as Pagefind's
 * own UI does, so a first search fetches only what the reader sees.
 */
const EAGER = 3;
const ALL = "";

/** Pagefind's excerpts mark matches with `<mark>`; keep those and nothing else as markup. */
function appendExcerpt(root: Document, target: HTMLElement, excerpt: string): void {
  const template = root.createElement("template");
  template.innerHTML = excerpt;
  for (const node of [...template.content.childNodes]) {
    if (node.nodeName === "MARK") {
      const mark = root.createElement("mark");
      mark.textContent = node.textContent;
      target.append(mark);
    } else {
      target.append(node.textContent ?? "");
    }
  }
}

function element<K extends keyof HTMLElementTagNameMap>(root: Document, tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = root.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderResult(root: Document, item: HTMLLIElement, data: PagefindResultData): void {
  item.className = "app-search-result";
  item.removeAttribute("aria-busy");
  item.replaceChildren();
  const heading = element(root, "h3", "app-search-result__title nhsuk-heading-xs");
  const link = element(root, "a", "app-search-result__link", data.meta.title ?? data.url);
  link.href = data.url;
  heading.append(link);
  item.append(heading);
  const capability = data.filters.capability?.[0];
  if (capability) item.append(element(root, "strong", "nhsuk-tag nhsuk-tag--grey app-search-result__capability", capability));
  const excerpt = element(root, "p", "app-search-result__excerpt");
  appendExcerpt(root, excerpt, data.excerpt);
  item.append(excerpt);
  const sections = data.sub_results.filter((sub) => sub.url !== data.url).slice(0, 3);
  if (sections.length > 0) {
    const list = element(root, "ul", "app-search-result__sections");
    for (const sub of sections) {
      const entry = element(root, "li", "app-search-result__section");
      const subLink = element(root, "a", "app-search-result__section-link", sub.title);
      subLink.href = sub.url;
      const subExcerpt = element(root, "p", "app-search-result__section-excerpt");
      appendExcerpt(root, subExcerpt, sub.excerpt);
      entry.append(subLink, subExcerpt);
      list.append(entry);
    }
    item.append(list);
  }
}

export interface SearchOptions {
  /** The site's root URL (with any path prefix); Pagefind's bundle is at `<base>pagefind/`. */
  readonly base: string;
  /** The capability of the page the reader is on, offered first among the filters. */
  readonly capability: string;
  /** Where results go: under the header, or the site index page's own area. */
  readonly container: HTMLElement;
  readonly input: HTMLInputElement;
}

/** Wires one search box to Pagefind; returns a function that runs a query. */
export async function createSearch(root: Document, options: SearchOptions): Promise<(term: string) => void> {
  const pagefind = (await import(/* @vite-ignore */ `${options.base}pagefind/pagefind.js`)) as Pagefind;
  // Without a worker the library is fetched once, not twice (page and worker), for a lighter first search.
  await pagefind.options({ ranking: { metaWeights: META_WEIGHTS }, noWorker: true });
  // A page of a site of several versions (stitched: its search box lists them): search starts in the reader's version.
  // That code is a chunk of its own, fetched only there.
  const versions = options.input.closest("[data-versions]") ? await (await import("./versionSearch.ts")).versionScope(pagefind, options.input) : undefined;

  const { container } = options;
  container.replaceChildren();
  const status = element(root, "p", "app-search__status");
  status.setAttribute("role", "status");
  const filterGroup = element(root, "div", "app-search__filters");
  filterGroup.setAttribute("role", "group");
  filterGroup.setAttribute("aria-label", "Filter results by capability");
  const list = element(root, "ol", "app-search__results");
  const more = element(root, "button", "nhsuk-button nhsuk-button--secondary nhsuk-button--small app-search__more", "Show more results");
  more.type = "button";
  more.hidden = true;
  container.append(filterGroup, status, list, more);
  if (versions) container.prepend(versions.control(root, container, () => run(term, false)));

  const capabilities = Object.keys((await pagefind.filters()).capability ?? {}).sort((a, b) => (a === options.capability ? -1 : b === options.capability ? 1 : a.localeCompare(b)));
  let selected = ALL;
  let term = "";
  let shown = 0;
  let results: PagefindResponse["results"] = [];

  const renderFilters = (counts: Record<string, number>): void => {
    filterGroup.replaceChildren();
    for (const value of [ALL, ...capabilities]) {
      const button = element(root, "button", "app-search__filter", value === ALL ? "All capabilities" : `${value} (${counts[value] ?? 0})`);
      button.type = "button";
      button.setAttribute("aria-pressed", String(value === selected));
      button.addEventListener("click", () => {
        selected = value;
        run(term, false);
      });
      filterGroup.append(button);
    }
  };

  // Pending results fetch their details when they come into view (or when the list is replaced, never).
  const pending = new Map<Element, () => void>();
  const inView = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      inView.unobserve(entry.target);
      pending.get(entry.target)?.();
      pending.delete(entry.target);
    }
  });
  /** The next results as list items, the first EAGER with their details (the rest fetch theirs once watched). */
  const nextBatch = async (): Promise<HTMLLIElement[]> => {
    const batch = results.slice(shown, shown + PAGE_SIZE);
    shown += batch.length;
    more.hidden = shown >= results.length;
    const eager: Promise<void>[] = [];
    const items = batch.map((result, i) => {
      const item = element(root, "li", "app-search-result app-search-result--pending", "Loading result…");
      item.setAttribute("aria-busy", "true");
      const fill = (): Promise<void> =>
        result.data().then((data) => {
          renderResult(root, item, data);
          versions?.label(root, item, data.url);
        });
      if (i < EAGER) eager.push(fill());
      else pending.set(item, () => void fill());
      return item;
    });
    await Promise.all(eager);
    return items;
  };
  // Watched once the first results are in place with their height, so only those then in view load.
  const watchPending = (): void => {
    for (const item of pending.keys()) inView.observe(item);
  };
  const showMore = async (): Promise<void> => {
    list.append(...(await nextBatch()));
    watchPending();
  };
  more.addEventListener("click", () => void showMore());

  let latest = 0;
  let typing: ReturnType<typeof setTimeout> | undefined;
  const search = async (ticket: number, shownTerm: string, terms: string, searchOptions: { filters?: Record<string, string> }): Promise<void> => {
    const response = await pagefind.search(terms, searchOptions);
    // A newer query superseded this one.
    if (ticket !== latest) return;
    results = response?.results ?? [];
    shown = 0;
    inView.disconnect();
    pending.clear();
    // The last results stay until the new ones have their details: no empty list in between.
    const items = await nextBatch();
    if (ticket !== latest) return;
    list.replaceChildren(...items);
    watchPending();
    renderFilters(response?.filters.capability ?? {});
    const scope = `${selected === ALL ? "" : ` in ${selected}`}${versions?.where ?? ""}`;
    status.textContent = results.length === 0 ? `No results for “${shownTerm}”${scope}` : `${results.length} result${results.length === 1 ? "" : "s"} for “${shownTerm}”${scope}`;
  };
  const run = (query: string, debounce = true): void => {
    term = query.trim();
    const ticket = ++latest;
    clearTimeout(typing);
    if (container.hidden) {
      // Reopened (after Escape or an empty box): the last results are not this query's.
      status.textContent = "";
      list.replaceChildren();
      more.hidden = true;
    }
    container.hidden = term === "";
    if (term === "") return;
    const filters: Record<string, string> = { ...(selected === ALL ? {} : { capability: selected }), ...versions?.filter() };
    const searchOptions = Object.keys(filters).length === 0 ? {} : { filters };
    const terms = searchTerms(term);
    if (!debounce) {
      void search(ticket, term, terms, searchOptions);
      return;
    }
    // While the reader types, fetch the index chunks the query needs once its last word narrows them down
    // (Pagefind's debouncedSearch would fetch them for every one- and two-letter prefix too), and search when typing pauses.
    if (worthPreloading(terms)) void pagefind.preload(terms, searchOptions);
    typing = setTimeout(() => void search(ticket, term, terms, searchOptions), TYPING_PAUSE_MS);
  };
  return run;
}
