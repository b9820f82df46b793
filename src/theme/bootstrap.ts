import { parseFragment } from "parse5";
import { escapeHtml, html, raw } from "../shared/html.ts";
import { appendChildren, attribute, createElement, descendants, innerMarkup, isElement, markupOf, remove, removeAttribute, replaceWith, setAttribute, textContent, type Element, type Parent } from "../shared/markupTree.ts";

/**
 * Authors of the Jekyll documentation theme wrote Bootstrap 3 markup into
 * their pages (`panel` cards in `row`/`col-md-4` grids, `btn` links,
 * `alert-*` boxes, `well`, `label-*`, `nav-tabs`). This site has no Bootstrap:
 * each family becomes the NHS.UK component that does the same job, keeping
 * every bit of the element's content. Classes with no mapping stay on the
 * element; no style of the site matches them, so they change nothing.
 */

/** Cheap test of the markup before walking its tree: does the page use any class this module maps? */
const BOOTSTRAP_HINT = /class\s*=\s*["'][^"']*\b(?:panel|row|col-|btn|alert|well|label|bs-callout|nav-tabs|sr-only)/;

const tokens = (element: Element): string[] => (attribute(element, "class") ?? "").split(/\s+/).filter(Boolean);
const setTokens = (element: Element, list: readonly string[]): void => {
  const unique = [...new Set(list)];
  if (unique.length > 0) setAttribute(element, "class", unique.join(" "));
  else removeAttribute(element, "class");
};
/** Replaces the classes `match` accepts by `added` (added first, in order). */
function swapClasses(element: Element, match: (token: string) => boolean, added: readonly string[]): void {
  setTokens(element, [...added, ...tokens(element).filter((t) => !match(t))]);
}
const withClass = (root: Parent, test: (token: string) => boolean): Element[] => descendants(root).filter((el) => tokens(el).some(test));
const named = (root: Parent, names: ReadonlySet<string>): Element | undefined => descendants(root).find((el) => names.has(el.tagName));

/** What a reader sees besides text: an element holding none of these and no text shows nothing. */
const VISIBLE = new Set(["img", "svg", "picture", "video", "iframe", "table", "input", "button", "a"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

/** True when an element holds nothing a reader sees (Font Awesome icons are empty `<i>`s). */
function isEmpty(element: Element): boolean {
  return textContent(element).trim() === "" && named(element, VISIBLE) === undefined;
}

/** Bootstrap's 12 columns → the nearest NHS.UK grid width. */
const GRID_WIDTHS: readonly (readonly [string, number])[] = [
  ["one-quarter", 3],
  ["one-third", 4],
  ["one-half", 6],
  ["two-thirds", 8],
  ["three-quarters", 9],
  ["full", 12],
];
const COLUMN = /^col-(?:(xs|sm|md|lg|xl)-)?(\d{1,2})$/;
/** `md` is the breakpoint the theme's layouts use and the nearest to NHS.UK's desktop one; the others stand in for it in that order. */
const BREAKPOINT_PREFERENCE = ["md", "lg", "sm", "xl", "xs", undefined];

export function gridWidth(classes: readonly string[]): string | undefined {
  const spans = new Map<string | undefined, number>();
  for (const token of classes) {
    const m = COLUMN.exec(token);
    if (m) spans.set(m[1], Number(m[2]));
  }
  const span = BREAKPOINT_PREFERENCE.map((bp) => spans.get(bp)).find((n) => n !== undefined);
  if (span === undefined) return undefined;
  let best = GRID_WIDTHS[GRID_WIDTHS.length - 1]!;
  for (const width of GRID_WIDTHS) if (Math.abs(width[1] - span) < Math.abs(best[1] - span)) best = width;
  return best[0];
}

/** `row` and `col-*` → `nhsuk-grid-row` and `nhsuk-grid-column-*`; a row of cards becomes a card group (cards of one height). */
function mapGrid(root: Parent): void {
  for (const column of withClass(root, (t) => COLUMN.test(t))) {
    // An empty column only made space in Bootstrap's layout.
    if (isEmpty(column)) {
      remove(column);
      continue;
    }
    const width = gridWidth(tokens(column));
    swapClasses(column, (t) => COLUMN.test(t), [`nhsuk-grid-column-${width}`]);
  }
  for (const row of withClass(root, (t) => t === "row")) {
    swapClasses(row, (t) => t === "row", ["nhsuk-grid-row"]);
    const columns = row.childNodes.filter((n): n is Element => isElement(n) && tokens(n).some((t) => t.startsWith("nhsuk-grid-column-")));
    if (columns.length > 0 && columns.every((c) => withClass(c, (t) => t === "panel" || t === "nhsuk-card").length > 0)) {
      swapClasses(row, () => false, ["nhsuk-grid-row", "nhsuk-card-group"]);
      for (const column of columns) swapClasses(column, () => false, [...tokens(column).filter((t) => t.startsWith("nhsuk-grid-column-")), "nhsuk-card-group__item"]);
    }
  }
}

const PANEL_VARIANT = /^panel(?:-(?:default|primary|success|info|warning|danger))?$/;

/** `panel` → NHS.UK card: `panel-heading` and `panel-body` become its content, the first heading its card heading. */
function mapPanels(root: Parent): void {
  for (const panel of withClass(root, (t) => t === "panel")) swapClasses(panel, (t) => PANEL_VARIANT.test(t), ["nhsuk-card"]);
  for (const heading of withClass(root, (t) => t === "panel-heading")) {
    // A heading of icons only (the home page's Font Awesome circles) shows nothing without the icon font.
    if (isEmpty(heading)) remove(heading);
    else swapClasses(heading, (t) => t === "panel-heading", ["nhsuk-card__content", "app-card__header"]);
  }
  for (const title of withClass(root, (t) => t === "panel-title")) swapClasses(title, (t) => t === "panel-title", ["nhsuk-card__heading"]);
  for (const body of withClass(root, (t) => t === "panel-body" || t === "panel-footer")) {
    swapClasses(body, (t) => t === "panel-body" || t === "panel-footer", ["nhsuk-card__content"]);
    const heading = named(body, HEADINGS);
    if (heading && withClass(body, (t) => t === "nhsuk-card__heading").length === 0) swapClasses(heading, () => false, ["nhsuk-card__heading"]);
  }
}

const BUTTON_CLASS = /^btn(?:-(?:default|primary|secondary|success|info|warning|danger|link|lg|sm|xs|block))?$/;

/** `btn` links and buttons → NHS.UK buttons; `btn-default` is the secondary button, `btn-danger` the warning one, `btn-link` a plain link. */
function mapButtons(root: Parent): void {
  for (const button of withClass(root, (t) => t === "btn")) {
    const classes = tokens(button);
    if (classes.includes("btn-link")) {
      swapClasses(button, (t) => BUTTON_CLASS.test(t), []);
      continue;
    }
    const variant = classes.includes("btn-danger") ? "nhsuk-button--warning" : classes.some((t) => ["btn-default", "btn-secondary", "btn-info"].includes(t)) ? "nhsuk-button--secondary" : undefined;
    const small = classes.some((t) => t === "btn-sm" || t === "btn-xs") ? "nhsuk-button--small" : undefined;
    swapClasses(button, (t) => BUTTON_CLASS.test(t), ["nhsuk-button", ...(variant ? [variant] : []), ...(small ? [small] : [])]);
    if (button.tagName === "a") setAttribute(button, "draggable", "false");
  }
}

/** Bootstrap's contextual colours → the site's callout tones (the same ones the callout includes use). */
const TONES: Record<string, string> = { info: "info", warning: "warning", danger: "danger", success: "success", primary: "info", default: "default" };

/**
 * `alert alert-*` and `bs-callout bs-callout-*` → the site's callouts. Their
 * `role="alert"` goes: static text is not a live announcement (and the
 * corpus's `role="information"` is no ARIA role at all).
 */
function mapAlerts(root: Parent): void {
  for (const [family, kind] of [
    ["alert", "alert"],
    ["bs-callout", "callout"],
  ] as const) {
    const variant = new RegExp(`^${family}-(\\w+)$`);
    for (const box of withClass(root, (t) => t === family)) {
      const toneClass = tokens(box).map((t) => variant.exec(t)?.[1]).find((t) => t !== undefined && t in TONES);
      const tone = TONES[toneClass ?? "info"]!;
      swapClasses(box, (t) => t === family || variant.test(t) || t === "alert-dismissible", ["app-callout", `app-callout--${kind}`, `app-callout--${tone}`]);
      removeAttribute(box, "role");
      const body = createElement("div", { class: "app-callout__body" });
      appendChildren(body, box.childNodes.splice(0));
      appendChildren(box, [body]);
    }
  }
}

/** `well` → NHS.UK inset text. */
function mapWells(root: Parent): void {
  for (const well of withClass(root, (t) => t === "well")) swapClasses(well, (t) => /^well(?:-sm|-lg)?$/.test(t), ["nhsuk-inset-text"]);
}

const LABEL_COLOURS: Record<string, string> = { success: "green", info: "blue", warning: "orange", danger: "red", primary: "blue", default: "grey" };

/** `label label-*` (the design pages' SELECTED, DECISION, ASSUMPTION) → NHS.UK tags. */
function mapLabels(root: Parent): void {
  for (const label of withClass(root, (t) => t === "label")) {
    const colour = tokens(label).map((t) => LABEL_COLOURS[/^label-(\w+)$/.exec(t)?.[1] ?? ""]).find(Boolean);
    if (!colour) continue;
    swapClasses(label, (t) => t === "label" || /^label-\w+$/.test(t), ["nhsuk-tag", `nhsuk-tag--${colour}`]);
    if (label.tagName === "span") label.tagName = label.nodeName = "strong";
  }
}

/** Bootstrap's screen-reader-only text stays for screen readers only. */
function mapScreenReaderText(root: Parent): void {
  for (const element of withClass(root, (t) => t === "sr-only")) swapClasses(element, (t) => t === "sr-only", ["nhsuk-u-visually-hidden"]);
}

function nextElement(node: Element): Element | undefined {
  const siblings = node.parentNode?.childNodes ?? [];
  return siblings.slice(siblings.indexOf(node) + 1).find(isElement);
}

/**
 * The FHIR example pages' Bootstrap tabs (`nav-tabs`, `data-toggle="tab"`,
 * `tab-pane`) as NHS.UK tabs: without JavaScript every panel shows under its
 * own title; with it, nhsuk-frontend makes them tabs with roles and arrow keys.
 */
function mapTabs(root: Parent): void {
  for (const list of descendants(root).filter((el) => el.tagName === "ul" && tokens(el).includes("nav-tabs"))) {
    const content = nextElement(list);
    if (!content || !tokens(content).includes("tab-content")) continue;
    const tabs = descendants(list)
      .filter((a) => a.tagName === "a" && attribute(a, "data-toggle") === "tab")
      .map((a) => ({ id: (attribute(a, "href") ?? "").replace(/^#/, ""), title: innerMarkup(a).trim() }));
    const panes = new Map(withClass(content, (t) => t === "tab-pane").map((pane) => [attribute(pane, "id") ?? "", pane]));
    if (tabs.length === 0 || tabs.some((tab) => !panes.has(tab.id))) continue;
    // Panes no tab names (their tab commented out) stay on the page, as Jekyll published them; so do the list's and panels' ids.
    const untabbed = [...panes].filter(([id]) => !tabs.some((tab) => tab.id === id));
    const listId = attribute(list, "id");
    const contentId = attribute(content, "id");
    const markup = html`<div class="nhsuk-tabs app-tabs"${listId ? raw(` id="${escapeHtml(listId)}"`) : ""} data-module="nhsuk-tabs"><h2 class="nhsuk-tabs__title">Contents</h2><ul class="nhsuk-tabs__list">${tabs.map(
      (tab, i) => html`<li class="nhsuk-tabs__list-item${i === 0 ? " nhsuk-tabs__list-item--selected" : ""}"><a class="nhsuk-tabs__tab" href="#${tab.id}">${raw(tab.title)}</a></li>`,
    )}</ul>${tabs.map(
      (tab, i) => html`<div class="nhsuk-tabs__panel${i === 0 ? "" : " nhsuk-tabs__panel--hidden"}" id="${tab.id}"><h3 class="app-tabs__panel-title">${raw(tab.title)}</h3>${raw(innerMarkup(panes.get(tab.id)!))}</div>`,
    )}</div>${untabbed.length > 0 || contentId ? html`<div${contentId ? raw(` id="${escapeHtml(contentId)}"`) : ""}>${untabbed.map(([id, pane]) => html`<div id="${id}">${raw(innerMarkup(pane))}</div>`)}</div>` : ""}`;
    replaceWith(list, parseFragment(markup.value).childNodes);
    remove(content);
  }
}

/**
 * Every Bootstrap family of the theme under `root` as its NHS.UK component, in place;
 * `markup` is what the tree was read from, to skip a page that has none.
 */
export function mapBootstrapTree(root: Parent, markup: string): void {
  if (!BOOTSTRAP_HINT.test(markup)) return;
  mapTabs(root);
  mapPanels(root);
  mapGrid(root);
  mapButtons(root);
  mapAlerts(root);
  mapWells(root);
  mapLabels(root);
  mapScreenReaderText(root);
}

/** Every Bootstrap family of the theme in `body` as its NHS.UK component; markup without any is returned as it was. */
export function mapBootstrap(body: string): string {
  if (!BOOTSTRAP_HINT.test(body)) return body;
  const root = parseFragment(body);
  mapBootstrapTree(root, body);
  return markupOf(root.childNodes);
}
