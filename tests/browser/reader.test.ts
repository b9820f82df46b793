import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { listFiles, ROOT } from "../helpers/build.ts";
import { buildAndServe, type ServedSite } from "../helpers/browser.ts";

/** Pages the reader-experience checks run on: home, the five seeds, glossary, a tag page, FHIR examples, 404. */
const AXE_PAGES = [
  "index.html",
  "overview_consumer_pathway.html",
  "overview_provider_pathway.html",
  "overview_engage.html",
  "overview_end_user_pathway.html",
  "overview_engage_earlier_edition.html",
  "overview_glossary.html",
  "tag_fhir.html",
  "accessrecord_structured_development_fhir_examples_allergies.html",
  "404.html",
];
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const TABS_PAGE = "accessrecord_structured_development_fhir_examples_allergies.html";

/** Presses Tab until the focused element's text is `text` (within `limit` presses). */
async function tabTo(page: Page, text: string, limit = 200): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent?.replace(/\s+/g, " ").trim() ?? "");
    if (focused === text) return;
  }
  assert.fail(`"${text}" was not reached with the Tab key`);
}

for (const prefix of ["/", "/apis/gpconnect/"]) {
  describe(`reading the GP Connect site in Chromium, served at ${prefix}`, () => {
    let browser: Browser;
    let server: ServedSite["server"];
    const errors: string[] = [];

    const open = async (file: string, options: { width?: number; javaScript?: boolean } = {}): Promise<{ page: Page; context: BrowserContext }> => {
      const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, javaScriptEnabled: options.javaScript ?? true });
      const page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`${file}: ${m.text()}`);
      });
      page.on("pageerror", (e) => errors.push(`${file}: ${e.message}`));
      const response = await page.goto(server.url + file);
      assert.ok(response, `no response for ${file}`);
      return { page, context };
    };

    let served: ServedSite | undefined;
    before(async () => {
      served = await buildAndServe(path.join(ROOT, "content"), prefix);
      ({ browser, server } = served);
    });
    after(() => served?.close());

    it("reaches a page three levels deep through the top bar and sidebar with the keyboard alone", async () => {
      const { page, context } = await open("index.html");
      await tabTo(page, "Access Record Structured");
      await page.keyboard.press("Enter");
      await page.waitForURL(/accessrecord_structured\.html$/);
      await tabTo(page, "Development");
      await page.keyboard.press("Enter");
      await tabTo(page, "FHIR® examples");
      await page.keyboard.press("Enter");
      await tabTo(page, "Allergies");
      await page.keyboard.press("Enter");
      await page.waitForURL(/fhir_examples_allergies\.html$/);
      assert.equal(await page.locator('.app-sidebar [aria-current="page"]').textContent(), "Allergies");
      assert.deepEqual(await page.locator(".nhsuk-breadcrumb__link").allTextContents(), ["Development"]);
      await context.close();
    });

    it("shows a glossary definition on keyboard focus and hides it on Escape", async () => {
      const { page, context } = await open("overview_engage.html");
      const term = page.locator("a.app-glossary-term").first();
      const termText = (await term.textContent()) ?? "";
      await tabTo(page, termText);
      const tooltipId = await term.getAttribute("aria-describedby");
      assert.ok(tooltipId, "the term is described by its tooltip");
      const tooltip = page.locator(`#${tooltipId}`);
      assert.ok(await tooltip.isVisible(), "the tooltip shows on focus");
      assert.equal(await tooltip.getAttribute("role"), "tooltip");
      assert.ok(((await tooltip.textContent()) ?? "").length > termText.length, "the tooltip holds the definition");
      await page.keyboard.press("Escape");
      assert.ok(await tooltip.isHidden(), "Escape hides the tooltip");
      await term.hover();
      assert.ok(await tooltip.isVisible(), "the tooltip shows on hover");
      await tooltip.hover();
      await page.waitForTimeout(400);
      assert.ok(await tooltip.isVisible(), "the tooltip stays while the pointer is over it");
      await context.close();
    });

    it("keeps a glossary definition beside its term and inside the window, on hover and on focus, at the top or bottom of the window, at any width", async () => {
      for (const width of [1280, 768, 320]) {
        const { page, context } = await open("overview_engage.html", { width });
        const height = 640;
        await page.setViewportSize({ width, height });
        const term = page.locator("a.app-glossary-term").first();
        for (const where of ["top", "bottom"] as const) {
          for (const how of ["hover", "focus"] as const) {
            await page.mouse.move(0, 0);
            await term.evaluate((el) => el.blur());
            await page.keyboard.press("Escape");
            await term.evaluate((el, where) => {
              const box = el.getBoundingClientRect();
              window.scrollBy(0, where === "top" ? box.top - 80 : box.bottom - window.innerHeight + 10);
            }, where);
            if (how === "hover") await term.hover();
            else await term.focus();
            const tooltip = page.locator(`#${await term.getAttribute("aria-describedby")}`);
            await tooltip.waitFor();
            const [t, tip] = await Promise.all([term.evaluate((el) => el.getClientRects()[0]!.toJSON() as DOMRect), tooltip.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect)]);
            const where_ = `${how} at the ${where}, ${width} px: term ${JSON.stringify(t)}, tooltip ${JSON.stringify(tip)}`;
            assert.ok(tip.left >= 0 && tip.right <= width && tip.top >= 0 && tip.bottom <= height, `inside the window (${where_})`);
            const gap = tip.top >= t.bottom ? tip.top - t.bottom : t.top - tip.bottom;
            assert.ok(gap >= 0 && gap <= 12, `just above or below its term (${where_})`);
            assert.ok(tip.left <= t.right && tip.right >= t.left, `overlapping its term's column (${where_})`);
          }
        }
        await context.close();
      }
    });

    it("sets a glossary definition in one type size", async () => {
      const { page, context } = await open("overview_glossary.html");
      const sizes = await page.locator(".app-content dd").evaluateAll((dds) => [...new Set(dds.flatMap((dd) => [dd, ...dd.querySelectorAll("p")].map((el) => getComputedStyle(el).fontSize)))]);
      assert.equal(sizes.length, 1, `sizes: ${sizes.join(", ")}`);
      await context.close();
    });

    it("makes each developer journey stage a link reachable by Tab", async () => {
      const { page, context } = await open("overview_engage.html");
      const stages = await page.locator(".app-journey__stages a").allTextContents();
      assert.equal(stages.length, 6);
      for (const stage of stages) await tabTo(page, stage);
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => !url.pathname.endsWith("overview_engage.html"));
      await context.close();
    });

    it("switches the FHIR example tabs with the arrow keys", async () => {
      const { page, context } = await open(TABS_PAGE);
      const tabs = page.getByRole("tab");
      await tabs.first().waitFor();
      assert.equal(await tabs.count(), 3);
      await tabs.first().focus();
      await page.keyboard.press("ArrowRight");
      assert.equal(await tabs.nth(1).getAttribute("aria-selected"), "true");
      assert.ok(await page.locator("#example2").isVisible());
      assert.ok(await page.locator("#example1").isHidden());
      await page.keyboard.press("ArrowLeft");
      assert.equal(await tabs.first().getAttribute("aria-selected"), "true");
      assert.ok(await page.locator("#example1").isVisible());
      await context.close();
    });

    it("shows the home page's three pathway cards side by side at desktop width and stacked at 320 px", async () => {
      for (const [width, layout] of [
        [1280, "one row"],
        [320, "stacked"],
      ] as const) {
        const { page, context } = await open("index.html", { width });
        const cards = page.locator(".app-content .nhsuk-card");
        assert.deepEqual(await cards.locator(".nhsuk-card__heading").allTextContents(), ["Consumer supplier", "Clinical system supplier", "End-user organisation"]);
        const boxes = await cards.evaluateAll((all) => all.map((card) => card.getBoundingClientRect()).map((b) => ({ top: Math.round(b.top), left: Math.round(b.left), bottom: Math.round(b.bottom) })));
        if (layout === "one row") assert.ok(boxes.every((b) => b.top === boxes[0]!.top) && boxes[0]!.left < boxes[1]!.left && boxes[1]!.left < boxes[2]!.left, JSON.stringify(boxes));
        else assert.ok(boxes.every((b, i) => i === 0 || b.top >= boxes[i - 1]!.bottom), JSON.stringify(boxes));
        for (const link of await cards.getByRole("link", { name: "Learn more" }).all()) assert.ok(await link.isVisible());
        await context.close();
      }
    });

    it("never scrolls the page body sideways at 320 px, on any page; the capability bar stays one row", async () => {
      const pages = listFiles(served!.site.output).filter((f) => f.endsWith(".html") && !/http-equiv="refresh"/.test(served!.site.read(f)));
      assert.ok(pages.length >= 150, `only ${pages.length} pages`);
      const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      const wide: string[] = [];
      for (const file of pages) {
        await page.goto(server.url + file);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 320) wide.push(`${file} is ${width} px wide`);
      }
      assert.deepEqual(wide, []);
      await page.goto(server.url + "index.html");
      const rows = await page.locator(".app-topnav .nhsuk-header__navigation-item").evaluateAll((items) => new Set(items.map((item) => (item as HTMLElement).offsetTop)).size);
      assert.equal(rows, 1, "the capability bar takes one row");
      await context.close();
    });

    it("says which release every page describes: under the service name, in the title, and in the version banner", async () => {
      for (const file of ["index.html", "accessrecord_structured_development_fhir_examples_allergies.html"]) {
        const { page, context } = await open(file);
        assert.equal(await page.locator(".app-header__release").textContent(), "Version 1.2.2 · FHIR® STU3");
        assert.match(await page.title(), / - GP Connect 1\.2\.2$/);
        assert.match((await page.locator("aside.app-release-banner").textContent()) ?? "", /This is the current 1\.x \(STU3\) version/);
        await context.close();
      }
    });

    it("gives every page the footer of the old site, and each footer link leads somewhere", async () => {
      const { page, context } = await open("overview_engage.html");
      const footer = page.locator("footer");
      const links = await footer.locator("a").evaluateAll((all) => all.map((a) => [a.textContent?.trim() ?? "", (a as HTMLAnchorElement).href]));
      const labels = links.map(([label]) => label);
      for (const label of ["Accessibility", "Privacy", "Contact us", "Open Government Licence v3.0"]) assert.ok(labels.includes(label), `the footer links to ${label}`);
      for (const [label, href] of links) {
        if (new URL(href!).origin === new URL(server.url).origin) {
          const response = await page.request.get(href!);
          assert.equal(response.status(), 200, `${label}: ${href}`);
        } else assert.match(href!, /^https:\/\//, `${label} leads to a secure web address`);
      }
      const text = ((await footer.textContent()) ?? "").replace(/\s+/g, " ");
      assert.match(text, /© NHS Digital \d{4}/);
      assert.match(text, /Site last generated: \d{1,2} [A-Z][a-z]+ \d{4}/);
      await context.close();
    });

    it("opens the sidebar behind Menu on a narrow screen, with and without JavaScript", async () => {
      for (const javaScript of [true, false]) {
        const { page, context } = await open("overview_engage.html", { width: 375, javaScript });
        const sidebar = page.locator("#app-sidebar");
        assert.ok(await sidebar.isHidden(), "the sidebar starts folded");
        await page.getByText("Menu", { exact: true }).click();
        assert.ok(await sidebar.isVisible(), `Menu shows the sidebar (JavaScript ${javaScript ? "on" : "off"})`);
        await context.close();
      }
    });

    it("works without JavaScript: sidebar groups open, terms link to the glossary, every tab panel shows", async () => {
      const { page, context } = await open(TABS_PAGE, { javaScript: false });
      const panels = page.locator(".nhsuk-tabs__panel");
      assert.equal(await panels.count(), 3);
      for (let i = 0; i < 3; i++) {
        assert.ok(await panels.nth(i).isVisible(), `panel ${i + 1} shows`);
        assert.equal(await panels.nth(i).locator(".app-tabs__panel-title").textContent(), `Example ${i + 1}`);
      }
      const group = page.locator(".app-sidebar summary", { hasText: /^Overview$/ });
      assert.equal(await group.evaluate((summary) => summary.parentElement?.hasAttribute("open")), false);
      await group.click();
      assert.equal(await group.evaluate((summary) => summary.parentElement?.hasAttribute("open")), true);

      const engage = await context.newPage();
      await engage.goto(server.url + "overview_engage.html");
      const term = engage.locator("a.app-glossary-term").first();
      const href = (await term.getAttribute("href")) ?? "";
      assert.match(href, new RegExp(`^${prefix}overview_glossary\\.html#[\\w-]+$`));
      await term.click();
      await engage.waitForURL(/overview_glossary\.html#/);
      assert.ok(await engage.locator(`[id="${href.split("#")[1]}"]`).isVisible(), "the glossary entry is on the page");
      await context.close();
    });

    for (const file of AXE_PAGES) {
      it(`has no WCAG 2.2 AA violations on ${file} (axe-core)`, async () => {
        const { page, context } = await open(file);
        const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
        const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.target.join(" ")}`);
        assert.deepEqual(summary, []);
        await context.close();
      });
    }

    it("runs under the strict Content-Security-Policy the build writes to _headers", async () => {
      const { page, context } = await open("overview_engage.html");
      const response = await page.reload();
      assert.match(response?.headers()["content-security-policy"] ?? "", /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
      await context.close();
    });

    it("logs no console errors (so no Content-Security-Policy violations) on any page visited", () => {
      assert.deepEqual(errors, []);
    });
  });
}
