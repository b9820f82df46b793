/**
 * Under the dev server only: while the last save leaves the site broken, the
 * reason (file, line and what to do, as the terminal prints it) is shown on
 * every page as it loads, this page's own faults first, and goes away once a
 * rebuild succeeds.
 */
const PANEL_ID = "app-build-error";

interface BrokenSave {
  message: string;
  pages: Record<string, string>;
}

function showFailure(root: Document, save: BrokenSave): void {
  root.getElementById(PANEL_ID)?.remove();
  const panel = root.createElement("div");
  panel.id = PANEL_ID;
  panel.className = "app-build-error";
  panel.setAttribute("role", "alert");
  const heading = root.createElement("h2");
  heading.className = "app-build-error__title";
  heading.textContent = "The site did not rebuild";
  panel.append(heading);
  const own = save.pages[root.location.pathname];
  const block = (title: string, text: string): void => {
    const label = root.createElement("p");
    label.textContent = title;
    const detail = root.createElement("pre");
    detail.className = "app-build-error__detail";
    detail.textContent = text;
    panel.append(label, detail);
  };
  if (own) block("This page:", own);
  block(own ? "The whole site:" : "Faults:", save.message);
  const advice = root.createElement("p");
  advice.textContent = own
    ? "This page is the last good build. Fix the file named above and save: the page updates by itself."
    : "Fix the files named above and save: the page updates by itself.";
  panel.append(advice);
  root.body.prepend(panel);
}

export function watchBuildErrors(root: Document): void {
  // The dev server answers under the site's path prefix: this chunk is served from {prefix}assets/chunks/.
  const stateUrl = new URL("../../.gpc/broken-save.json", import.meta.url);
  const check = async (fallback?: string): Promise<void> => {
    try {
      const save = (await (await fetch(stateUrl, { cache: "no-store" })).json()) as BrokenSave | null;
      if (save) showFailure(root, save);
      else root.getElementById(PANEL_ID)?.remove();
    } catch {
      if (fallback) showFailure(root, { message: fallback, pages: {} });
    }
  };
  void check();
  const socket = new WebSocket(`${root.location.protocol.replace("http", "ws")}//${root.location.host}`);
  socket.addEventListener("message", (event: MessageEvent<string>) => {
    const data = JSON.parse(event.data) as { type?: string; error?: string };
    if (data.type === "eleventy.error" && data.error) {
      const error = JSON.parse(data.error) as { message?: string };
      void check(error.message ?? "Unknown error: see the terminal.");
    } else if (data.type === "eleventy.reload") {
      root.getElementById(PANEL_ID)?.remove();
    }
  });
}
