import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, it } from "node:test";
import { parse } from "node-html-parser";
import { build, FIXTURES, type BuildResult } from "../helpers/build.ts";

const TREE = path.join(FIXTURES, "release-site");

describe("the release and the footer, from a tree's own data", () => {
  let site: BuildResult;
  before(() => {
    site = build(TREE);
    assert.equal(site.status, 0, site.stderr + site.stdout);
  });

  it("shows the release its version include assigns under the service name and in the title, its banner above the page title", () => {
    const page = parse(site.read("index.html"));
    assert.equal(page.querySelector(".app-header__release")?.text, "Version 1.4.0 · FHIR® R4");
    assert.equal(page.querySelector("title")?.text, "Home - Widget Spec 1.4.0");
    const banner = page.querySelector(".app-layout__main > aside.app-release-banner .app-callout--warning");
    assert.match(banner?.text.replace(/\s+/g, " ") ?? "", /Version: This is the current version of the Widget specification/);
    assert.equal(page.querySelector(".app-release-banner + main > h1")?.text, "Home", "the banner comes before the title, as the old layout had it");
    assert.equal(page.querySelector("[data-pagefind-body] .app-release-banner"), null, "the banner is outside the indexed content, so it is not indexed on every page");
  });

  it("takes a sidebar's product and version first, the version as Jekyll printed it (2.0, not 2)", () => {
    const page = parse(site.read("api.html"));
    assert.equal(page.querySelector(".app-header__release")?.text, "Widget API 2.0 · FHIR® R4");
    assert.equal(page.querySelector("title")?.text, "The API - Widget API 2.0 - Widget Spec");
  });

  it("gives the footer its owner, licence, links and dates", () => {
    const footer = parse(site.read("api.html")).querySelector("footer")!;
    const links = footer.querySelectorAll("a").map((a) => [a.text, a.getAttribute("href")]);
    assert.deepEqual(links.slice(0, 2), [
      ["Accessibility", "/index.html"],
      ["Contact us", "https://example.org/contact"],
    ]);
    assert.deepEqual(links.find(([text]) => text === "Widget Licence 1.0"), ["Widget Licence 1.0", "https://example.org/licence"]);
    const text = footer.text.replace(/\s+/g, " ");
    assert.match(text, /Page last updated: July 3, 2016/, "last_updated as its author wrote it");
    assert.match(text, /Site last generated: \d{1,2} [A-Z][a-z]+ \d{4}/);
    assert.match(text, /© Widget Foundation \d{4}/);
  });
});
