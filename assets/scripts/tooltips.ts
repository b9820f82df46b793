/**
 * Glossary terms are links to their glossary entry. Here each also shows its
 * definition on hover and on keyboard focus (WCAG 1.4.13: dismissable with
 * Escape, hoverable, persistent until the pointer or focus leaves), and the
 * definition becomes the link's accessible description.
 */
const HIDE_DELAY_MS = 200;

/** What a definition may show (src/shared/sanitise.ts's `sanitiseBlock` list); anything else becomes its text. */
const DEFINITION_TAGS = new Set(["B", "I", "EM", "STRONG", "CODE", "SUP", "SUB", "SPAN", "ABBR", "BR", "A", "UL", "OL", "LI", "P"]);

/**
 * The definition rebuilt from the elements above, with only a title and a
 * web address kept. The build sanitised it already, but an author can write
 * the attribute on a link of their own; nothing of the page's markup is inserted as it is.
 */
function definitionContent(root: Document, definition: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(definition, "text/html").body;
  const copy = (from: Node, to: Node): void => {
    for (const node of from.childNodes) {
      if (!(node instanceof Element)) {
        if (node.nodeType === Node.TEXT_NODE) to.appendChild(root.createTextNode(node.textContent ?? ""));
        continue;
      }
      if (!DEFINITION_TAGS.has(node.tagName)) {
        copy(node, to);
        continue;
      }
      const element = root.createElement(node.tagName.toLowerCase());
      const title = node.getAttribute("title");
      if (title !== null) element.setAttribute("title", title);
      const href = node.tagName === "A" ? node.getAttribute("href") : null;
      if (href !== null && /^(?:https?:|mailto:)/i.test(href.trim())) element.setAttribute("href", href);
      copy(node, element);
      to.appendChild(element);
    }
  };
  const fragment = root.createDocumentFragment();
  copy(parsed, fragment);
  return fragment;
}

const GAP = 6;
const MARGIN = 8;

/**
 * Puts the tooltip beside its term, inside the viewport: below the term's
 * first line when it fits there, above when it fits there instead, else on
 * the roomier side, shortened to the room and scrolling inside itself.
 */
function place(tooltip: HTMLElement, term: HTMLElement): void {
  // A term broken across two lines: its first line, not the box around both.
  const box = term.getClientRects()[0] ?? term.getBoundingClientRect();
  const view = term.ownerDocument.documentElement;
  const width = view.clientWidth;
  const height = window.innerHeight;
  tooltip.style.maxHeight = "";
  tooltip.style.left = `${MARGIN + window.scrollX}px`;
  const left = Math.max(MARGIN, Math.min(box.left, width - tooltip.offsetWidth - MARGIN));
  const roomBelow = height - box.bottom - GAP - MARGIN;
  const roomAbove = box.top - GAP - MARGIN;
  const tall = tooltip.offsetHeight;
  const below = tall <= roomBelow || (tall > roomAbove && roomBelow >= roomAbove);
  if (tall > (below ? roomBelow : roomAbove)) tooltip.style.maxHeight = `${Math.max(below ? roomBelow : roomAbove, 48)}px`;
  const top = below ? box.bottom + GAP : box.top - GAP - tooltip.offsetHeight;
  tooltip.style.left = `${left + window.scrollX}px`;
  tooltip.style.top = `${top + window.scrollY}px`;
  tooltip.dataset.side = below ? "below" : "above";
}

export function enhanceGlossaryTerms(root: Document): void {
  const terms = root.querySelectorAll<HTMLAnchorElement>("a.app-glossary-term[data-definition]");
  let open: { term: HTMLAnchorElement; tooltip: HTMLElement } | undefined;
  let hideTimer: number | undefined;

  const hide = (): void => {
    window.clearTimeout(hideTimer);
    if (open) open.tooltip.hidden = true;
    open = undefined;
  };
  const show = (term: HTMLAnchorElement, tooltip: HTMLElement): void => {
    window.clearTimeout(hideTimer);
    if (open && open.tooltip !== tooltip) open.tooltip.hidden = true;
    tooltip.hidden = false;
    place(tooltip, term);
    open = { term, tooltip };
  };
  const hideSoon = (): void => {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, HIDE_DELAY_MS);
  };

  terms.forEach((term, index) => {
    const tooltip = root.createElement("div");
    tooltip.id = `app-tooltip-${index}`;
    tooltip.className = "app-tooltip";
    tooltip.setAttribute("role", "tooltip");
    tooltip.hidden = true;
    const title = root.createElement("span");
    title.className = "app-tooltip__term";
    title.textContent = term.textContent;
    tooltip.append(title, definitionContent(root, term.dataset.definition ?? ""));
    root.body.append(tooltip);
    term.setAttribute("aria-describedby", tooltip.id);

    term.addEventListener("mouseenter", () => show(term, tooltip));
    term.addEventListener("focus", () => show(term, tooltip));
    term.addEventListener("mouseleave", hideSoon);
    term.addEventListener("blur", hideSoon);
    // The pointer may move onto the tooltip to read or follow its links.
    tooltip.addEventListener("mouseenter", () => window.clearTimeout(hideTimer));
    tooltip.addEventListener("mouseleave", hideSoon);
  });

  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && open) hide();
  });
  // Focusing a term may scroll it into view, and readers scroll or resize with a tooltip open: it follows its term.
  const follow = (): void => {
    if (open) place(open.tooltip, open.term);
  };
  window.addEventListener("scroll", follow, { passive: true });
  window.addEventListener("resize", follow);
}
