import assert from "node:assert/strict";
import { appendFileSync, cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { FIXTURES, temporaryFolder } from "../helpers/build.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { startDevServer, type DevServer } from "../../src/bench/devServer.ts";

/** The status the server answers a raw path with (fetch would resolve its `..` first); -1 when it does not answer within 5 s. */
function rawStatus(base: string, rawPath: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const sent = request({ host: hostname, port, path: rawPath, timeout: 5000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? -1);
    });
    sent.on("timeout", () => {
      sent.destroy();
      resolve(-1);
    });
    sent.on("error", reject);
    sent.end();
  });
}

describe("the dev server (npm start)", () => {
  // Outside the working folder (the README's `--input ../…` form): every edit must still be seen.
  const input = temporaryFolder("gpc-dev-tree-");
  const output = temporaryFolder("gpc-dev-out-");
  let server: DevServer;
  let browser: Browser;

  /** Waits until `check` holds, failing with the server's last output after 30 s. */
  const until = async (check: () => boolean, what: string): Promise<void> => {
    for (let waited = 0; !check(); waited += 100) {
      if (waited > 30_000) assert.fail(`${what}:\n${server.output().slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  before(async () => {
    cpSync(path.join(FIXTURES, "mini-site"), input, { recursive: true });
    server = await startDevServer(input, output);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("listens on this machine only", async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === "IPv4" && !address.internal);
    if (!external) return;
    const port = new URL(server.url).port;
    await assert.rejects(fetch(`http://${external.address}:${port}/index.html`), "the server must not answer on a network address");
  });

  it("answers a path leading out of the site at once with 400", async () => {
    for (const traversal of ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2f..%2fetc%2fpasswd", "/..%5c..%5cetc/passwd"]) {
      assert.equal(await rawStatus(server.url, traversal), 400, traversal);
    }
    assert.equal(await rawStatus(server.url, "/guide.html"), 200);
  });

  it("keeps search up to date after an edit", async () => {
    const page = await browser.newPage();
    const search = async (word: string): Promise<string> => {
      // The dev server reloads the page when its rebuild ends, which can cut short a navigation under way: go again.
      await page.goto(server.url + "index.html").catch(() => page.goto(server.url + "index.html"));
      await page.fill("#search-field", word);
      const status = page.locator(".app-search__status", { hasText: `“${word}”` });
      await status.waitFor();
      return (await status.textContent()) ?? "";
    };
    assert.match(await search("zebracorn"), /^No results/);
    appendFileSync(path.join(input, "pages/guide.md"), "\n\nThe zebracorn grazes in this guide.\n");
    let found = "";
    for (let attempt = 0; attempt < 60 && !found.startsWith("1 result"); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      found = await search("zebracorn");
    }
    assert.match(found, /^1 result for/, `after the edit:\n${server.output().slice(-2000)}`);
    assert.equal(await page.locator(".app-search-result__link").first().getAttribute("href"), "/guide.html");
    await page.close();
  });

  it("re-renders only a saved page, still checks its links against the whole site, and rebuilds everything when the tree's data changes", async () => {
    const guide = path.join(input, "pages/guide.md");
    const before = server.output().length;
    appendFileSync(guide, "\n\nSee [the deep page](deep.html#no-such-part) and [a lost page](lost.html).\n");
    await until(() => /Rebuilt 1 changed page\(s\)/.test(server.output().slice(before)), "a saved page is rebuilt alone");
    const rebuilt = server.output().slice(before);
    assert.match(rebuilt, /pages\/guide\.md:\d+: warning \[broken-link\] link to lost\.html points at nothing/);
    assert.match(rebuilt, /pages\/guide\.md:\d+: warning \[broken-anchor\] link to deep\.html#no-such-part names an anchor that deep\.html does not have/, "anchors are checked against pages that were not re-rendered");
    assert.match(rebuilt, /overview_sidebar\.yml:24: warning \[sidebar-entry\]/, "faults found by the last whole build are still listed");
    assert.doesNotMatch(rebuilt, /stale-accepted-fault/);

    const sidebar = path.join(input, "_data/sidebars/overview_sidebar.yml");
    writeFileSync(sidebar, readFileSync(sidebar, "utf8").replace("- title: Deep page", "- title: The deepest page"));
    const page = await browser.newPage();
    await page.goto(server.url + "guide.html");
    await page.locator(".app-sidebar", { hasText: "The deepest page" }).waitFor({ timeout: 30_000 });
    assert.match(readFileSync(path.join(output, "index.html"), "utf8"), /The deepest page/, "every page gets the new sidebar");
    await page.close();
  });

  it("reloads a page that a rebuild rewrote after it was fetched, before the page could hear of it", async () => {
    const page = await browser.newPage();
    // Eleventy's reload client is kept out, and this page's own dev-server script held back until the rebuild is over:
    // the reload message then reaches no one, as it does when a page opens while a rebuild is writing it.
    await page.route("**/.11ty/reload-client.js", (route) => route.abort());
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/assets/chunks/devServer-*.js", async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(server.url + "guide.html", { waitUntil: "domcontentloaded" });
    appendFileSync(path.join(input, "pages/guide.md"), "\n\nWritten while the page was opening.\n");
    await until(() => readFileSync(path.join(output, "guide.html"), "utf8").includes("Written while the page was opening."), "the saved page is rebuilt");
    assert.equal(await page.locator("text=Written while the page was opening.").count(), 0, "the page shows the build it was fetched from");
    release();
    await page.locator("text=Written while the page was opening.").waitFor({ timeout: 10_000 });
    await page.close();
  });

  it("rebuilds the pages that use a tree's include when the include is saved", async () => {
    const box = path.join(input, "_includes/custom/box.html");
    const original = readFileSync(box, "utf8");
    writeFileSync(box, original.replace("{{ include.label }}", "{{ include.label }} (revised)"));
    await until(() => readFileSync(path.join(output, "guide.html"), "utf8").includes("Boxed (revised)"), "the page using the include was not rebuilt");
    const page = await browser.newPage();
    await page.goto(server.url + "guide.html");
    assert.equal(await page.locator("text=Boxed (revised)").count(), 1, "the dev server serves the page with the saved include");
    await page.close();
  });

  it("rebuilds with the tree's settings and _config.yml when either is saved", async () => {
    const built = (): number[] => [...server.output().matchAll(/Built (\d+) pages/g)].map((m) => Number(m[1]));
    const settings = path.join(input, "_gpconnect-docs.yml");
    const beforeSettings = built().length;
    writeFileSync(settings, readFileSync(settings, "utf8").replace(/^title: GP Connect$/m, "title: GP Connect Preview"));
    // The page on disk can change before the rebuild's closing line is printed: wait for both.
    await until(() => built().length > beforeSettings && readFileSync(path.join(output, "guide.html"), "utf8").includes(" - GP Connect Preview</title>"), "a settings edit reaches every page");

    const before = built().at(-1)!;
    const rebuilds = built().length;
    assert.ok(existsSync(path.join(output, "pages/no_permalink.html")), "the page is served before the _config.yml edit");
    writeFileSync(path.join(input, "_config.yml"), "exclude: [pages/no_permalink.md]\n");
    await until(() => built().length > rebuilds && built().at(-1) === before - 1, `a _config.yml edit rebuilds the site without the page it now excludes (${before} pages before)`);
    // The build after the configuration reload still knows what the one before it published.
    await until(() => !existsSync(path.join(output, "pages/no_permalink.html")), "the page _config.yml now excludes leaves the served site");
  });

  it("follows a renamed page, and a deleted one leaves the site with its inbound links reported", async () => {
    const before = server.output().length;
    // The page keeps its permalink (tag_guide.html) under its new file name.
    renameSync(path.join(input, "pages/tag_guide.md"), path.join(input, "pages/tags.md"));
    appendFileSync(path.join(input, "pages/tags.md"), "\n\nSaved after the rename.\n");
    const tagGuide = path.join(output, "tag_guide.html");
    await until(() => existsSync(tagGuide) && readFileSync(tagGuide, "utf8").includes("Saved after the rename."), "a save after the rename is rebuilt");
    appendFileSync(path.join(input, "index.md"), "\n\nSee [the tags](tag_guide.html).\n");
    await until(() => readFileSync(path.join(output, "index.html"), "utf8").includes("the tags"), "the page linking to the renamed one is rebuilt");
    assert.doesNotMatch(server.output().slice(before), /ENOENT|Build failed/);

    rmSync(path.join(input, "pages/tags.md"));
    await until(() => !existsSync(tagGuide), "the deleted page leaves the served site");
    assert.equal((await fetch(server.url + "tag_guide.html")).status, 404);
    await until(() => /index\.md:\d+: warning \[broken-link\] link to tag_guide\.html points at nothing/.test(server.output().slice(before)), "links to the deleted page are reported as broken");
  });

  it("takes a page deleted and a page added while a rebuild runs into one whole rebuild", async () => {
    const doomed = path.join(output, "doomed.html");
    writeFileSync(path.join(input, "pages/doomed.md"), "---\ntitle: Doomed\npermalink: doomed.html\n---\nSoon gone.\n");
    await until(() => existsSync(doomed), "an added page is served");
    appendFileSync(path.join(input, "pages/guide.md"), "\n\nSee [the doomed page](doomed.html).\n");
    await until(() => readFileSync(path.join(output, "guide.html"), "utf8").includes("the doomed page"), "the page linking to it is rebuilt");

    const before = server.output().length;
    // The first save starts a rebuild; the deletion and the addition arrive while it runs.
    appendFileSync(path.join(input, "index.md"), "\n\nSaved as another page went.\n");
    rmSync(path.join(input, "pages/doomed.md"));
    writeFileSync(path.join(input, "pages/newcomer.md"), "---\ntitle: Newcomer\npermalink: newcomer.html\n---\nJust arrived.\n");
    await until(() => existsSync(path.join(output, "newcomer.html")) && readFileSync(path.join(output, "newcomer.html"), "utf8").includes("Just arrived."), "the page added during the rebuild is served");
    await until(() => !existsSync(doomed), "the page deleted during the rebuild leaves the served site");
    await until(() => /pages\/guide\.md:\d+: warning \[broken-link\] link to doomed\.html points at nothing/.test(server.output().slice(before)), "links to the page deleted during the rebuild are reported as broken");
    assert.match(readFileSync(path.join(output, "index.html"), "utf8"), /Saved as another page went\./);
    assert.doesNotMatch(server.output().slice(before), /templateRender has not yet initialized|ENOENT|Build failed/);
  });

  it("shows a broken edit's error in the terminal and on the open page, keeps serving, and recovers when it is fixed", async () => {
    const file = path.join(input, "pages/deep page.md");
    const original = readFileSync(file, "utf8");
    const page = await browser.newPage();
    await page.goto(server.url + "deep.html");
    const heading = await page.locator("h1").textContent();
    const lines = original.split("\n").length;

    writeFileSync(file, `${original}\n{% include tooltp.html type="SSP" %}\n`);
    const panel = page.locator("#app-build-error");
    await panel.waitFor({ timeout: 30_000 });
    assert.equal(await panel.getAttribute("role"), "alert");
    const shown = (await panel.textContent()) ?? "";
    assert.match(shown, new RegExp(`deep page\\.md:${lines + 1}: error \\[unknown-include\\] unknown include "tooltp\\.html"`), shown);
    assert.match(shown, /did you mean "tooltip\.html"\?/);
    assert.match(server.output(), /deep page\.md:\d+: error \[unknown-include\]/, "the terminal says it too");
    assert.equal(await page.locator("h1").textContent(), heading, "the last good page stays in view");
    assert.equal((await fetch(server.url + "index.html")).status, 200, "the server keeps serving");

    await page.reload();
    await panel.waitFor({ timeout: 10_000 });
    assert.match((await panel.textContent()) ?? "", /This page:\s*pages\/deep page\.md:\d+: error \[unknown-include\]/, "a reload still shows the page its own faults");
    assert.equal(await page.locator("h1").textContent(), heading);
    const other = await browser.newPage();
    await other.goto(server.url + "index.html");
    await other.locator("#app-build-error").waitFor({ timeout: 10_000 });
    assert.doesNotMatch((await other.locator("#app-build-error").textContent()) ?? "", /This page:/, "another page names the broken one without claiming it");
    await other.close();

    writeFileSync(file, `${original}\nThe page is mended.\n`);
    await page.locator("text=The page is mended.").waitFor({ timeout: 30_000 });
    assert.equal(await panel.count(), 0, "the error goes once the file is fixed");
    await page.reload();
    await page.locator("text=The page is mended.").waitFor();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await panel.count(), 0, "and stays gone after a reload");
    await page.close();
  });
});
