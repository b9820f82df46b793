/**
 * Tables and code wider than the column scroll inside their box. Keyboard
 * users need to reach such a box to scroll it (WCAG 2.1.1), so a box that
 * overflows becomes focusable, and a table's box a named region.
 */
function update(root: Document): void {
  root.querySelectorAll<HTMLElement>(".app-table-scroll, .app-content pre").forEach((box) => {
    const overflows = box.scrollWidth > box.clientWidth + 1;
    if (overflows) {
      box.tabIndex = 0;
      if (box.classList.contains("app-table-scroll")) {
        box.setAttribute("role", "region");
        const caption = box.querySelector("caption")?.textContent?.trim();
        box.setAttribute("aria-label", caption ? `Table: ${caption}` : "Table");
      }
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  });
}

export function enhanceScrollRegions(root: Document): void {
  update(root);
  let frame = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => update(root));
  });
}
