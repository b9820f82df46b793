/**
 * Under the dev server only. While the last save leaves the site broken, the
 * reason (file, line and what to do, as the terminal prints it) is shown on
 * every page as it loads, this page's own faults first, and goes away once a
 * rebuild succeeds. A page whose file a rebuild rewrote after it was fetched
 * (the server's reload message went out before it connected) reloads itself.
 */
const PANEL_ID = "app-build-error";
/** src/theme/frame.ts DEV_REVISION_META. */
const REVISION_META = "gpc-revision";
/** How long Eleventy's own reload client may take to act on a reload message before this page reloads itself. */
const RELOAD_GRACE_MS = 1000;

interface BrokenSave {
  message: string;
  pages: Record<string, string>;
}

/** src/eleventy/devServerPlugin.ts DevState. */
interface DevState {
  broken: BrokenSave | null;
  revision: number | null;
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

export function followDevServer(root: Document): void {
  // The dev server answers under the site's path prefix: this chunk is served from {prefix}assets/chunks/.
  const siteRoot = new URL("../../", import.meta.url);
  const stateUrl = new URL(".gpc/dev-state.json", siteRoot);
  stateUrl.searchParams.set("page", `/${root.location.pathname.slice(siteRoot.pathname.length)}`);
  // Read each time: Eleventy's reload client may have morphed the page into a newer build's since it loaded.
  const ownRevision = (): number => Number(root.querySelector(`meta[name="${REVISION_META}"]`)?.getAttribute("content") ?? "0");
  const check = async (fallback?: string): Promise<void> => {
    try {
      const state = (await (await fetch(stateUrl, { cache: "no-store" })).json()) as DevState;
      if (state.revision !== null && state.revision > ownRevision()) {
        root.location.reload();
        return;
      }
      if (state.broken) showFailure(root, state.broken);
      else root.getElementById(PANEL_ID)?.remove();
    } catch {
      if (fallback) showFailure(root, { message: fallback, pages: {} });
    }
  };
  const socket = new WebSocket(`${root.location.protocol.replace("http", "ws")}//${root.location.host}`);
  // Asked once the socket is open, so that no rebuild can end between the answer and the next message.
  socket.addEventListener("open", () => void check());
  socket.addEventListener("message", (event: MessageEvent<string>) => {
    const data = JSON.parse(event.data) as { type?: string; error?: string };
    if (data.type === "eleventy.error" && data.error) {
      const error = JSON.parse(data.error) as { message?: string };
      void check(error.message ?? "Unknown error: see the terminal.");
    } else if (data.type === "eleventy.reload") {
      root.getElementById(PANEL_ID)?.remove();
      window.setTimeout(() => void check(), RELOAD_GRACE_MS);
    }
  });
}
