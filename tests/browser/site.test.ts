import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { FIXTURES } from "../helpers/build.ts";
import { buildAndServe, type ServedSite } from "../helpers/browser.ts";

for (const prefix of ["/", "/apis/gpconnect/"]) {
  describe(`the built site in Chromium, served at ${prefix}`, () => {
    let browser: Browser;
    let server: ServedSite["server"];
    let served: ServedSite | undefined;
    before(async () => {
      served = await buildAndServe(path.join(FIXTURES, "mini-site"), prefix);
      ({ browser, server } = served);
    });
    after(() => served?.close());

    it("loads the home page with its styles and no console errors", async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      const response = await page.goto(server.url + "index.html");
      assert.equal(response?.status(), 200);
      assert.equal(await page.title(), "Mini spec home - GP Connect");
      assert.deepEqual(errors, []);
      await page.close();
    });

    it("reaches the developer journey stages with the keyboard", async () => {
      const page = await browser.newPage();
      await page.goto(server.url + "index.html");
      const reached: string[] = [];
      for (let i = 0; i < 40 && reached.length < 2; i++) {
        await page.keyboard.press("Tab");
        const text = await page.evaluate(() => (document.activeElement?.closest(".app-journey__stages") ? document.activeElement.textContent : null));
        if (text) reached.push(text);
      }
      assert.deepEqual(reached, ["First stage", "Second stage"]);
      await page.keyboard.press("Enter");
      await page.waitForURL(/deep\.html$/);
      await page.close();
    });

    it("takes a reader from an old URL to the page's new one", async () => {
      const page = await browser.newPage();
      await page.goto(server.url + "old_guide.html");
      await page.waitForURL(/\/guide\.html$/);
      assert.equal(await page.locator("h1").textContent(), "Guide & more");
      await page.close();
    });

    it("follows a sidebar link to a page that marks itself current", async () => {
      const page = await browser.newPage();
      await page.goto(server.url + "index.html");
      await page.click('.app-sidebar a:text("Guide")');
      await page.waitForURL(/guide\.html$/);
      assert.equal(await page.locator('.app-sidebar [aria-current="page"]').textContent(), "Guide");
      await page.close();
    });
  });
}
