import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ROOT } from "../helpers/build.ts";
import { buildAndServe, type ServedSite } from "../helpers/browser.ts";

/** Real readers' queries against the 2018 corpus, each with a page that must be in the top 3. */
const RANKING: readonly { query: string; expected: readonly string[] }[] = [
  { query: "Spine Secure Proxy", expected: ["integration_spine_secure_proxy.html"] },
  { query: "SSP", expected: ["integration_spine_secure_proxy.html", "overview_glossary.html#ssp"] },
  { query: "book an appointment", expected: ["appointments_use_case_book_an_appointment.html"] },
  { query: "JWT", expected: ["integration_cross_organisation_audit_and_provenance.html"] },
  { query: "Appointment.status", expected: ["appointments_use_case_cancel_an_appointment.html", "appointments_use_case_book_an_appointment.html"] },
  { query: "INVALID_NHS_NUMBER", expected: ["development_fhir_error_handling_guidance.html"] },
  { query: "DUPLICATE_REJECTED", expected: ["development_fhir_error_handling_guidance.html"] },
  { query: "search for free slots", expected: ["appointments_use_case_search_for_free_slots.html"] },
  { query: "register a patient", expected: ["foundations_use_case_register_a_patient.html"] },
  { query: "find a patient", expected: ["foundations_use_case_find_a_patient.html"] },
  { query: "AllergyIntolerance", expected: ["accessrecord_structured_development_allergyintolerance.html"] },
  { query: "MedicationStatement", expected: ["accessrecord_structured_development_medicationstatement.html"] },
  { query: "Spine Directory Service", expected: ["integration_spine_directory_service.html"] },
  { query: "cancel an appointment", expected: ["appointments_use_case_cancel_an_appointment.html"] },
  { query: "Personal Demographics Service", expected: ["integration_personal_demographic_service.html"] },
  { query: "capability statement", expected: ["foundations_use_case_get_the_fhir_capability_statement.html"] },
  { query: "retrieve patient record", expected: ["accessrecord_structured_development_retrieve_patient_record.html"] },
  { query: "glossary", expected: ["overview_glossary.html"] },
  // Named by a sidebar label, title, keywords or summary whose words are not all in the body.
  { query: "consumer supplier pathway", expected: ["overview_consumer_pathway.html"] },
  { query: "end-user organisation pathway", expected: ["overview_end_user_pathway.html"] },
  { query: "clinical system supplier pathway", expected: ["overview_provider_pathway.html"] },
  { query: "consumer applications guide", expected: ["overview_consumer_pathway.html"] },
  { query: "commissioning pathway", expected: ["overview_end_user_pathway.html"] },
  { query: "interactive console", expected: ["overview_explore.html"] },
  { query: "develop with GP Connect", expected: ["overview_development.html"] },
  { query: "release notes 1.2.2", expected: ["overview_release_notes_1_2_2.html"] },
  { query: "how do I get an ASID", expected: ["overview_glossary.html#asid", "integration_spine_directory_service.html"] },
  // Code-shaped terms, whole and by their parts.
  { query: "AllergyIntolerance.note", expected: ["accessrecord_structured_development_allergyintolerance.html"] },
  { query: "Patient.generalPractitioner", expected: ["accessrecord_structured_development_retrieve_patient_record.html"] },
  // The corpus writes these as search parameters (`Patient?identifier=`), which Pagefind indexes the same way.
  { query: "Patient.identifier", expected: ["foundations_use_case_find_a_patient.html"] },
  { query: "Practitioner.identifier", expected: ["foundations_use_case_find_a_practitioner.html"] },
  { query: "Slot.status", expected: ["appointments_use_case_search_for_free_slots.html"] },
  { query: "$gpc.getstructuredrecord", expected: ["accessrecord_structured_development_retrieve_patient_record.html"] },
  { query: "getstructuredrecord", expected: ["accessrecord_structured_development_retrieve_patient_record.html"] },
  { query: "NO_RECORD_FOUND", expected: ["development_fhir_error_handling_guidance.html"] },
  { query: "urn:nhs:names:services:gpconnect:fhir:rest:read:metadata-1", expected: ["foundations_use_case_get_the_fhir_capability_statement.html", "development_fhir_operation_guidance.html"] },
  // Every request table of the foundations use cases lists the header, equally.
  { query: "Ssp-TraceID", expected: ["foundations_use_case_find_a_patient.html", "foundations_use_case_register_a_patient.html", "foundations_use_case_read_a_practitioner.html"] },
];

/** Types a query into the header search box, as a reader would, and waits for its results. */
async function searchFor(page: Page, query: string): Promise<string[]> {
  const input = page.locator("#search-field");
  await input.fill("");
  await input.pressSequentially(query);
  await page.locator(".app-search__status", { hasText: `“${query}”` }).waitFor();
  return page.locator(".app-search__results > li .app-search-result__link").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
}

for (const prefix of ["/", "/apis/gpconnect/"]) {
  describe(`searching the GP Connect site, served at ${prefix}`, () => {
    let browser: Browser;
    let server: ServedSite["server"];
    let context: BrowserContext;
    let page: Page;
    const errors: string[] = [];

    let served: ServedSite | undefined;
    before(async () => {
      served = await buildAndServe(path.join(ROOT, "content"), prefix);
      assert.ok(served.site.exists("pagefind/pagefind.js"), "the build writes the search index");
      ({ browser, server } = served);
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      await page.goto(server.url + "accessrecord_structured.html");
    });
    after(() => served?.close());

    for (const { query, expected } of RANKING) {
      it(`finds ${expected.join(" or ")} in the top 3 for "${query}"`, async () => {
        const top = (await searchFor(page, query)).slice(0, 3);
        assert.ok(
          expected.some((file) => top.includes(prefix + file)),
          `top 3 for "${query}": ${top.join(", ")}`,
        );
      });
    }

    it("shows each result's title, capability, marked excerpt and links to matching sections", async () => {
      await searchFor(page, "Spine Secure Proxy");
      const first = page.locator(".app-search__results > li").first();
      assert.match((await first.locator(".app-search-result__link").textContent()) ?? "", /Spine Secure Proxy/);
      assert.equal(await first.locator(".app-search-result__capability").textContent(), "Overview");
      assert.ok((await first.locator(".app-search-result__excerpt mark").count()) > 0, "matched words are marked");
      const section = (await first.locator(".app-search-result__section-link").first().getAttribute("href")) ?? "";
      assert.match(section, new RegExp(`^${prefix}integration_spine_secure_proxy\\.html#[\\w-]+$`));
    });

    it("finds a code-shaped term by its parts", async () => {
      // "identifier" alone matches many pages: the one holding Patient.identifier is among them.
      const all = Number(/(\d+) result/.exec((await (async () => {
        await searchFor(page, "identifier");
        return page.locator(".app-search__status").textContent();
      })()) ?? "")?.[1]);
      const whole = await searchFor(page, "Patient.identifier");
      assert.ok(all > whole.length, `"identifier" finds ${all} pages, more than "Patient.identifier"`);
      await searchFor(page, "TraceID");
      assert.ok(Number(/(\d+) result/.exec((await page.locator(".app-search__status").textContent()) ?? "")?.[1]) >= 15, "TraceID finds the pages with Ssp-TraceID");
    });

    it("loads Pagefind when the box gets focus and fetches the index while the reader is still typing", async () => {
      const fresh = await browser.newPage();
      try {
        await fresh.goto(server.url + "index.html", { waitUntil: "networkidle" });
        const library = fresh.waitForRequest((request) => request.url().endsWith("pagefind/pagefind.js"));
        await fresh.focus("#search-field");
        await library;
        await fresh.waitForLoadState("networkidle");
        let firstChunk = Number.POSITIVE_INFINITY;
        fresh.on("request", (request) => {
          if (request.url().endsWith(".pf_index")) firstChunk = Math.min(firstChunk, Date.now());
        });
        // Keys 40 ms apart: the search waits for a 250 ms pause, so only preloading fetches chunks before the last key.
        await fresh.locator("#search-field").pressSequentially("spine secure proxy", { delay: 40 });
        const lastKey = Date.now();
        await fresh.locator(".app-search__status", { hasText: "“spine secure proxy”" }).waitFor();
        assert.ok(firstChunk < lastKey, `the first index chunk was fetched ${lastKey - firstChunk} ms before the last key`);
      } finally {
        await fresh.close();
      }
    });

    it("neither ranks nor highlights common English words", async () => {
      const top = await searchFor(page, "how do I get an ASID");
      assert.equal(top[0], `${prefix}overview_glossary.html#asid`);
      const marked = await page.locator(".app-search__results mark").allTextContents();
      assert.ok(marked.length > 0, "ASID is marked");
      assert.deepEqual(marked.filter((word) => /^(how|do|i|get|an)$/i.test(word.trim())), [], `marked: ${marked.join(", ")}`);
    });

    it("offers the reader's current capability first and narrows results by capability", async () => {
      await searchFor(page, "patient");
      const filters = await page.locator(".app-search__filter").allTextContents();
      assert.equal(filters[0], "All capabilities");
      assert.match(filters[1] ?? "", /^Access Record Structured \(\d+\)$/);
      const all = Number(/(\d+) result/.exec((await page.locator(".app-search__status").textContent()) ?? "")?.[1]);
      await page.locator(".app-search__filter", { hasText: "Appointments" }).click();
      await page.locator(".app-search__status", { hasText: "in Appointments" }).waitFor();
      const narrowed = Number(/(\d+) result/.exec((await page.locator(".app-search__status").textContent()) ?? "")?.[1]);
      assert.ok(narrowed > 0 && narrowed < all, `${narrowed} of ${all} results are in Appointments`);
      const capabilities = await page.locator(".app-search-result__capability").allTextContents();
      assert.deepEqual([...new Set(capabilities)], ["Appointments"]);
      await page.locator(".app-search__filter", { hasText: "All capabilities" }).click();
    });

    it("is usable from the keyboard alone and announces results to screen readers", async () => {
      await page.goto(server.url + "index.html");
      await page.keyboard.press("Tab"); // skip link
      await page.keyboard.press("Tab"); // NHS logo
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "search-field");
      await page.keyboard.type("JWT");
      const status = page.locator(".app-search__status");
      await status.filter({ hasText: "“JWT”" }).waitFor();
      assert.equal(await status.getAttribute("role"), "status");
      await page.keyboard.press("Escape");
      assert.ok(await page.locator("#app-search-results").isHidden(), "Escape closes the results");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "search-field", "focus stays in the search box");
      await page.keyboard.type("JWT");
      await status.filter({ hasText: "“JWT”" }).waitFor();
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(() => document.activeElement?.classList.contains("app-search-result__link"))) break;
      }
      const href = await page.evaluate(() => document.activeElement?.getAttribute("href"));
      assert.ok(href, "a result link takes focus");
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname + url.hash === href);
    });

    it("without JavaScript, says search needs it and lists every page with its sidebar label and keywords", async () => {
      const noScript = await browser.newContext({ javaScriptEnabled: false });
      const plain = await noScript.newPage();
      await plain.goto(server.url + "index.html");
      await plain.fill("#search-field", "SSP");
      await plain.press("#search-field", "Enter");
      await plain.waitForURL(/search\.html\?q=SSP$/);
      assert.match((await plain.locator("main").textContent()) ?? "", /Full-text search needs JavaScript/);
      assert.ok(await plain.getByText("Full-text search needs JavaScript").isVisible(), "the notice shows");
      assert.equal(await plain.locator(".app-search__status, .app-search__results").count(), 0, "no pretence of results for the query");
      const groups = await plain.locator(".app-site-index__group h2").allTextContents();
      assert.deepEqual(groups.slice(0, 4), ["Overview", "Foundations", "Access Record Structured", "Appointments"]);
      assert.ok(await plain.locator(`.app-site-index__group a[href="${prefix}integration_spine_secure_proxy.html"]`).count());
      const consumer = plain.locator(".app-site-index__group li", { has: plain.locator(`> a[href="${prefix}overview_consumer_pathway.html"]`) });
      assert.equal(await consumer.locator("> a").textContent(), "Consumer supplier pathway");
      assert.match((await consumer.textContent()) ?? "", /Getting started for consumer suppliers\).*Keywords: consumer/);
      await noScript.close();
    });

    it("shows the notice only without JavaScript", async () => {
      await page.goto(server.url + "search.html");
      assert.equal(await page.getByText("Full-text search needs JavaScript").isVisible(), false);
      await page.goto(server.url + "accessrecord_structured.html");
    });

    it("logs no console errors while searching", () => {
      assert.deepEqual(errors, []);
    });
  });
}
