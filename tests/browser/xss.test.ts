import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { build, FIXTURES, ROOT, temporaryFolder } from "../helpers/build.ts";
import { serveWithoutPolicy, type ServedSite } from "../helpers/browser.ts";

/** DOMPurify's own XSS vectors, pinned (tests/corpora/dompurify-vectors/SOURCE.md). */
const VECTORS = JSON.parse(readFileSync(path.join(ROOT, "tests/corpora/dompurify-vectors/vectors.json"), "utf8")) as { title: string; payload: string }[];

/** Each vector as a framed page and as a `layout: none` page: the two ways a tree's HTML reaches readers. */
const LAYOUTS = ["page", "none"] as const;
const BATCH = 60;
const CONTROL = "control.html";
const pageName = (index: number, layout: string): string => `${layout}-${String(index).padStart(3, "0")}.html`;

function vectorTree(): string {
  const tree = temporaryFolder("gpc-xss-");
  VECTORS.forEach(({ payload }, index) => {
    for (const layout of LAYOUTS) {
      const frontMatter = `---\ntitle: Vector ${index}\n${layout === "none" ? "layout: none\n" : ""}---\n`;
      writeFileSync(path.join(tree, pageName(index, layout)), `${frontMatter}{% raw %}${payload}{% endraw %}\n`);
    }
  });
  return tree;
}

/**
 * The vectors through the real build into Chromium, served with no
 * Content-Security-Policy (neither `_headers` nor the pages' meta tag), so
 * only the markup policy stands between them and the reader. Every script
 * sink a vector might reach is trapped before the page's own scripts run.
 */
describe("DOMPurify's XSS vectors, built and loaded in Chromium without the policy", () => {
  let served: ServedSite;
  before(async () => {
    const site = build(vectorTree());
    assert.equal(site.status, 0, site.stderr);
    assert.match(site.stdout, /\[unsafe-markup\]/);
    served = await serveWithoutPolicy(site);
  });
  after(() => served?.close());

  it("runs none of them, framed or unframed, with every element focused and hovered", async () => {
    const context = await served.browser.newContext();
    // In every frame, before any of its scripts: the sinks vectors call are traps that count.
    await context.addInitScript(() => {
      const ran = (): void => {
        (window as unknown as { ran?: number }).ran = ((window as unknown as { ran?: number }).ran ?? 0) + 1;
      };
      Object.assign(window, { alert: ran, confirm: ran, prompt: ran, print: ran });
    });
    // A control page, written past the build, shows that a vector that runs is caught.
    writeFileSync(path.join(served.site.output, CONTROL), `<p>control</p><img src="x" onerror="alert(1)">`);
    const files = VECTORS.flatMap((_vector, index) => LAYOUTS.map((layout) => pageName(index, layout)));
    // One page of frames per batch (a page per vector would take minutes on a loaded machine); the control alone first.
    const batches = [[CONTROL]];
    for (let first = 0; first < files.length; first += BATCH) batches.push(files.slice(first, first + BATCH));
    const ran: string[] = [];
    for (const [number, batch] of batches.entries()) {
      const page = await context.newPage();
      page.on("dialog", (dialog) => {
        ran.push(`${batch.length === 1 ? batch[0] : "a page of this batch"}: a dialog opened`);
        void dialog.dismiss();
      });
      const harness = `harness-${number}.html`;
      writeFileSync(path.join(served.site.output, harness), batch.map((file) => `<iframe src="${file}" width="800" height="600"></iframe>`).join("\n"));
      const response = await page.goto(served.server.url + harness, { waitUntil: "load" });
      assert.equal(response?.headers()["content-security-policy"], undefined);
      for (const frame of page.frames().filter((frame) => frame !== page.mainFrame())) {
        // Real focus and synthetic pointer events on every element, and every URL a click would follow.
        const clickable = await frame
          .evaluate(() => {
            const found: string[] = [];
            // The page's own content: a framed page's main, an unframed page's body (the frame is the site's, tested elsewhere).
            for (const element of document.querySelectorAll(document.querySelector("main") ? "main *" : "body *")) {
              if (element instanceof HTMLElement || element instanceof SVGElement) element.focus();
              for (const type of ["pointerover", "mouseover", "mouseenter", "focusin", "animationstart"]) element.dispatchEvent(new Event(type, { bubbles: true }));
              for (const name of ["href", "xlink:href", "action", "formaction", "src"]) {
                const value = (element.getAttribute(name) ?? "").replace(/[\u0000-\u0020]/g, "").toLowerCase();
                // An image's own data: source is drawn as an image (an SVG one without script), in HTML's img and SVG's image alike.
                const image = element.localName === "img" || element.localName === "image";
                if (/^(?:javascript|vbscript):/.test(value) || (/^data:/.test(value) && !(image && /^data:image\//.test(value)))) found.push(`${name}=${value}`);
              }
            }
            return found;
          })
          .catch((error: Error) => [`frame could not be read: ${error.message}`]);
        if (clickable.length > 0) ran.push(`${frame.url().slice(served.server.url.length)}: ${clickable.join(", ")}`);
      }
      await page.waitForTimeout(300);
      for (const frame of page.frames().filter((frame) => frame !== page.mainFrame())) {
        const marker = await frame.evaluate(() => (window as unknown as { ran?: number }).ran ?? 0).catch(() => 1);
        if (marker > 0) ran.push(`${frame.url().slice(served.server.url.length)}: ran`);
      }
      const shown = page.mainFrame().childFrames().map((frame) => frame.url().slice(served.server.url.length));
      if (shown.join() !== batch.join()) ran.push(`a frame navigated: ${shown.filter((url, index) => url !== batch[index]).join(", ")}`);
      await page.close();
    }
    await context.close();
    const vectorsRan = ran.filter((entry) => !entry.startsWith(CONTROL));
    console.log(`XSS vectors: ${VECTORS.length} vectors on ${files.length} pages tried, ${vectorsRan.length} ran`);
    assert.notEqual(ran.length, vectorsRan.length, "the control page's script is caught");
    assert.deepEqual(vectorsRan, []);
  });
});

/**
 * The hostile-markup fixture's pages and files as a reader opens them, each on its own (a static
 * `.html` or `.svg` file is a document of its own, not a frame of a page), with no policy at all.
 */
describe("a tree's unframed pages and static .html/.svg files, opened in Chromium without the policy", () => {
  let served: ServedSite;
  before(async () => {
    const site = build(path.join(FIXTURES, "hostile-markup"));
    assert.equal(site.status, 0, site.stderr);
    served = await serveWithoutPolicy(site);
  });
  after(() => served?.close());

  it("runs no script in any of them, with every element focused, hovered and clicked", async () => {
    // A control file written past the build shows that script in an SVG document opened this way is caught.
    writeFileSync(path.join(served.site.output, "control.svg"), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const context = await served.browser.newContext();
    await context.addInitScript(() => {
      const ran = (): void => {
        (window as unknown as { ran?: number }).ran = ((window as unknown as { ran?: number }).ran ?? 0) + 1;
      };
      Object.assign(window, { alert: ran, confirm: ran, prompt: ran });
    });
    const ran: string[] = [];
    for (const file of ["control.svg", "static-page.html", "drawing.svg", "picture.svg", "bare.html", "raw.html", "index.html"]) {
      const page = await context.newPage();
      page.on("dialog", (dialog) => {
        ran.push(`${file}: a dialog opened`);
        void dialog.dismiss();
      });
      const response = await page.goto(served.server.url + file, { waitUntil: "load" });
      assert.equal(response?.headers()["content-security-policy"], undefined);
      await page.evaluate(() => {
        for (const element of document.querySelectorAll("*")) {
          if (element instanceof HTMLElement || element instanceof SVGElement) element.focus();
          for (const type of ["pointerover", "mouseover", "mouseenter", "focusin", "click"]) element.dispatchEvent(new Event(type, { bubbles: true }));
        }
      });
      await page.waitForTimeout(200);
      if ((await page.evaluate(() => (window as unknown as { ran?: number }).ran ?? 0)) > 0) ran.push(`${file}: ran`);
      await page.close();
    }
    await context.close();
    assert.ok(ran.some((entry) => entry.startsWith("control.svg")), "the control file's script is caught");
    assert.deepEqual(ran.filter((entry) => !entry.startsWith("control.svg")), []);
  });
});
