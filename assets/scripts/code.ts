/** A "Copy" button on every code block, announcing the result to screen readers. */
export function enhanceCodeBlocks(root: Document): void {
  if (!navigator.clipboard) return;
  const status = root.createElement("div");
  status.className = "nhsuk-u-visually-hidden";
  status.setAttribute("role", "status");
  root.body.append(status);

  root.querySelectorAll<HTMLPreElement>(".app-content pre").forEach((pre) => {
    const wrapper = root.createElement("div");
    wrapper.className = "app-code";
    const button = root.createElement("button");
    button.type = "button";
    button.className = "app-copy-button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy code");
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(pre.innerText).then(
        () => {
          button.textContent = "Copied";
          status.textContent = "Code copied to the clipboard";
        },
        () => {
          status.textContent = "Could not copy: select the code and copy it by hand";
        },
      );
      window.setTimeout(() => {
        button.textContent = "Copy";
        status.textContent = "";
      }, 2000);
    });
    pre.replaceWith(wrapper);
    wrapper.append(button, pre);
  });
}
