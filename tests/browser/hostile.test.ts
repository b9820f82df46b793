import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { build, FIXTURES } from "../helpers/build.ts";
import { serveWithoutPolicy, type ServedSite } from "../helpers/browser.ts";

/**
 * Glossary values, titles, summaries, sidebar titles and include arguments
 * holding `"`, `<script>`, handlers and `javascript:` (tests/fixtures/hostile-glossary)
 * never run. The site is served here WITHOUT its Content-Security-Policy, so
 * what is proven is the escaping and sanitising, not the policy.
 */
describe("hostile content in Chromium, with no Content-Security-Policy to fall back on", () => {
  let served: ServedSite;
  before(async () => {
    const site = build(path.join(FIXTURES, "hostile-glossary"));
    assert.equal(site.status, 0, site.stderr);
    served = await serveWithoutPolicy(site);
  });
  after(() => served?.close());

  async function visit(file: string, act: (page: Page) => Promise<void>): Promise<void> {
    const page = await served.browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const response = await page.goto(served.server.url + file);
    assert.equal(response?.headers()["content-security-policy"], undefined, "served without the policy");
    await act(page);
    assert.equal(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked), undefined, `no author script ran on ${file}`);
    assert.deepEqual(dialogs, []);
    await page.close();
  }

  it("shows the title, summary and callout text as text", () => {
    return visit("index.html", async (page) => {
      assert.equal(await page.locator("h1").textContent(), 'Home "quoted" <script>window.hacked = 5</script>');
      // kramdown typography: the callout is Markdown, so its quotes are smart quotes.
      assert.match((await page.locator(".app-callout__body").textContent()) ?? "", /A note with “quotes”/);
      assert.equal(await page.locator("main script, .app-sidebar script").count(), 0);
    });
  });

  it("opens each glossary tooltip, by focus and by hover, without running its definition", () => {
    return visit("index.html", async (page) => {
      for (const term of await page.locator("a.app-glossary-term").all()) {
        await term.focus();
        await term.hover();
      }
      const tooltip = page.locator('[role="tooltip"]:visible');
      await tooltip.waitFor();
      assert.match((await tooltip.textContent()) ?? "", /It's "quoted" and bold|Spine "Secure" Proxy/);
      assert.equal(await page.locator('[role="tooltip"] a[href^="javascript:"], [role="tooltip"] img').count(), 0);
    });
  });

  it("lists the glossary page's hostile terms as text", () => {
    return visit("overview_glossary.html", async (page) => {
      assert.deepEqual(await page.locator("main h3").allTextContents(), ['Evil "term"', "SSP"]);
    });
  });

  it("shows hostile glossary entries in search results as text", () => {
    return visit("index.html", async (page) => {
      await page.locator("#search-field").fill("Evil");
      await page.locator(".app-search__results > li").first().waitFor();
      assert.match((await page.locator(".app-search__results").textContent()) ?? "", /Evil "term"/);
      await page.locator("#search-field").fill("Secure");
      await page.locator(".app-search__results > li").first().waitFor();
    });
  });
});
