import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { ROOT, temporaryFolder } from "../helpers/build.ts";
import { launchBrowser, serveSite } from "../helpers/browser.ts";
import { makeVersionsRepo } from "../helpers/versionsRepo.ts";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

for (const prefix of ["/", "/apis/gpconnect/"]) {
  describe(`every release in one site, in Chromium, served at ${prefix}`, () => {
    let browser: Browser;
    let server: Awaited<ReturnType<typeof serveSite>>;
    before(async () => {
      // Two releases keep the build short: the current one and a retired one it follows in git history.
      const spec = makeVersionsRepo();
      const file = path.join(path.dirname(spec.versionsFile), "two.yml");
      writeFileSync(file, 'repository: ./spec\nversions:\n  - { id: "2.0.0", label: "2.0.0", status: current, ref: release/2.0.0 }\n  - { id: "1.0.0", label: "1.0.0", status: retired, ref: release/1.0.0 }\n');
      const output = path.join(temporaryFolder("gpc-vbrowser-"), "site");
      const run = spawnSync(process.execPath, [path.join(ROOT, "bin/gpconnect-docs.mjs"), "build", "--versions", file, "--cache", temporaryFolder("gpc-vbcache-"), "--output", output, "--path-prefix", prefix], { encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      server = await serveSite(output, prefix);
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it("opens the version switcher and follows it by keyboard alone", async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}1.0.0/guide.html`);
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(() => document.activeElement?.matches("[data-version-switcher] summary") ?? false)) break;
      }
      await page.keyboard.press("Enter");
      assert.ok(await page.locator("[data-version-switcher]").evaluate((d) => (d as HTMLDetailsElement).open));
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("href")), `${prefix}2.0.0/guide.html`);
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/2\.0\.0\/guide\.html$/);
      await page.close();
    });

    it("switches version without JavaScript", async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${server.url}2.0.0/extra.html`);
      await page.click("[data-version-switcher] summary");
      const missing = page.locator("[data-version-switcher] a[data-version-missing]");
      assert.equal(await missing.getAttribute("href"), `${prefix}1.0.0/index.html`, "1.0.0 has no such page: its home");
      await missing.click();
      await page.waitForURL(/\/1\.0\.0\/index\.html$/);
      await context.close();
    });

    it("announces the banner of an old release as a labelled region", async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}1.0.0/guide.html`);
      const region = page.getByRole("region", { name: "Not the current release" });
      assert.match((await region.textContent()) ?? "", /You are reading 1\.0\.0, a retired release/);
      assert.equal(await page.getByRole("region", { name: "Not the current release" }).count(), 1);
      await page.goto(`${server.url}2.0.0/guide.html`);
      assert.equal(await page.locator("[data-version-banner]").count(), 0, "the current release has none");
      await page.close();
    });

    it("searches the reader's version, then every version with each result labelled", async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}1.0.0/guide.html`);
      await page.fill("#search-field", "request");
      const results = page.locator(".app-search-result__link");
      await results.first().waitFor();
      const own = await results.evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      assert.ok(own.length > 0 && own.every((href) => href.startsWith(`${prefix}1.0.0/`)), own.join(" "));
      await page.getByLabel("Search all versions").check();
      await page.locator(".app-search-result__version").first().waitFor();
      const labels = await page.locator(".app-search-result__version").allTextContents();
      assert.ok(labels.includes("Version 2.0.0") && labels.includes("Version 1.0.0"), labels.join(", "));
      await page.getByLabel("Search all versions").uncheck();
      await page.locator(".app-search__status", { hasText: "in version 1.0.0" }).waitFor();
      const back = await results.evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      assert.ok(back.every((href) => href.startsWith(`${prefix}1.0.0/`)), back.join(" "));
      await page.close();
    });

    for (const file of ["1.0.0/guide.html", "2.0.0/changes/guide.html"]) {
      it(`has no WCAG 2.2 AA violations on ${file} (axe-core)`, async () => {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(server.url + file);
        await page.click("[data-version-switcher] summary");
        const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
        assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.help} e.g. ${v.nodes[0]?.target.join(" ")}`), []);
        await context.close();
      });
    }
  });
}
