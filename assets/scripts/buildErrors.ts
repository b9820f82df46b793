/**
 * Under the dev server only: when a rebuild fails, the reason (file, line and
 * what to do, as the terminal prints it) is shown on the page the author is
 * looking at, and goes away once a rebuild succeeds.
 */
const PANEL_ID = "app-build-error";

function showFailure(root: Document, message: string): void {
  root.getElementById(PANEL_ID)?.remove();
  const panel = root.createElement("div");
  panel.id = PANEL_ID;
  panel.className = "app-build-error";
  panel.setAttribute("role", "alert");
  const heading = root.createElement("h2");
  heading.className = "app-build-error__title";
  heading.textContent = "The site did not rebuild";
  const detail = root.createElement("pre");
  detail.className = "app-build-error__detail";
  detail.textContent = message;
  const advice = root.createElement("p");
  advice.textContent = "This page is the last good build. Fix the file named above and save: the page updates by itself.";
  panel.append(heading, detail, advice);
  root.body.prepend(panel);
}

export function watchBuildErrors(root: Document): void {
  const socket = new WebSocket(`${root.location.protocol.replace("http", "ws")}//${root.location.host}`);
  socket.addEventListener("message", (event: MessageEvent<string>) => {
    const data = JSON.parse(event.data) as { type?: string; error?: string };
    if (data.type === "eleventy.error" && data.error) {
      const error = JSON.parse(data.error) as { message?: string };
      showFailure(root, error.message ?? "Unknown error: see the terminal.");
    } else if (data.type === "eleventy.reload") {
      root.getElementById(PANEL_ID)?.remove();
    }
  });
}
