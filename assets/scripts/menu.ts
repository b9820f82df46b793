/**
 * On narrow screens the sidebar folds behind "Menu". Without JavaScript that
 * is a link to the panel (CSS `:target` shows it); here it becomes a button
 * that says whether the panel is open.
 */
export function enhanceMenu(root: Document): void {
  const link = root.querySelector<HTMLAnchorElement>(".app-menu-toggle a");
  const panel = root.getElementById("app-sidebar");
  if (!link || !panel) return;
  const button = root.createElement("button");
  button.type = "button";
  button.className = "app-menu-toggle__button";
  button.textContent = link.textContent;
  button.setAttribute("aria-controls", panel.id);
  button.setAttribute("aria-expanded", "false");
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    panel.classList.toggle("app-sidebar-panel--open", open);
  });
  link.replaceWith(button);
  panel.querySelector(".app-sidebar-panel__close")?.remove();
}

/** On a narrow screen the capability bar scrolls sideways: the reader's own capability starts in view. */
export function showCurrentCapability(root: Document): void {
  const list = root.querySelector<HTMLElement>(".app-topnav .nhsuk-header__navigation-list");
  const current = list?.querySelector<HTMLElement>(".nhsuk-header__navigation-item--current");
  if (!list || !current || list.scrollWidth <= list.clientWidth) return;
  list.scrollLeft = current.offsetLeft - list.offsetLeft - (list.clientWidth - current.offsetWidth) / 2;
}
