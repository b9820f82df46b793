/**
 * The header search box. Without JavaScript it submits to the site index
 * page; here it searches as the reader types, loading Pagefind only when the
 * box is first used. On the site index page results fill the page itself.
 */
export function enhanceSearchBox(root: Document): void {
  const box = root.querySelector<HTMLElement>("[data-app-search]");
  const form = box?.querySelector("form");
  const input = box?.querySelector<HTMLInputElement>("input[type=search]");
  if (!box || !form || !input) return;

  // The site index page tells readers without JavaScript that full-text search needs it; here it runs.
  for (const notice of root.querySelectorAll<HTMLElement>("[data-app-search-no-script]")) notice.hidden = true;
  const pageArea = root.querySelector<HTMLElement>("[data-app-search-page]");
  let container = pageArea;
  if (!container) {
    container = root.createElement("div");
    container.id = "app-search-results";
    container.className = "app-search-panel";
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", "Search results");
    container.hidden = true;
    box.closest(".nhsuk-header__container")?.after(container);
    input.setAttribute("aria-controls", container.id);
  }
  const results = container;

  let search: Promise<(term: string) => void> | undefined;
  const load = (): Promise<(term: string) => void> => {
    search ??= import("./search.ts").then(({ createSearch }) =>
      createSearch(root, { base: box.dataset.pagefindBase ?? "/", capability: box.dataset.capability ?? "", container: results, input }),
    );
    return search;
  };

  input.addEventListener("focus", () => void load(), { once: true });
  input.addEventListener("input", () => void load().then((run) => run(input.value)));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void load().then((run) => run(input.value));
  });
  const close = (event: KeyboardEvent): void => {
    if (event.key !== "Escape" || pageArea || results.hidden) return;
    results.hidden = true;
    input.focus();
  };
  input.addEventListener("keydown", close);
  results.addEventListener("keydown", close);

  const query = new URLSearchParams(root.location.search).get("q");
  if (pageArea && query) {
    input.value = query;
    void load().then((run) => run(query));
  }
}
