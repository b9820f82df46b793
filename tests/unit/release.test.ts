import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { lastCommitDates } from "../../src/source/gitDates.ts";
import { liquidAssignments, releaseFor, releaseFromAssignments } from "../../src/source/release.ts";
import { settingsSchema } from "../../src/source/settings.ts";
import { bannerHtml } from "../../src/theme/banner.ts";
import { readerDate } from "../../src/theme/siteFacts.ts";
import { ROOT, temporaryFolder } from "../helpers/build.ts";

const RELEASE_SETTINGS = settingsSchema.parse({ title: "GP Connect" }).release;
const VERSION_CONFIG = `{% assign gpconnectVersion = "1.2.2" %}\n{% assign fhirVersion = 'STU3' %}\n{%- assign versionBanner = version_1_current -%}\n`;

describe("the release a page describes", () => {
  it("reads the values a Liquid include assigns, however they are quoted", () => {
    assert.deepEqual([...liquidAssignments(VERSION_CONFIG)], [
      ["gpconnectVersion", "1.2.2"],
      ["fhirVersion", "STU3"],
      ["versionBanner", "version_1_current"],
    ]);
  });

  it("names the release after the site from the include's <name>Version values, the others after it, and finds the banner", () => {
    assert.deepEqual(releaseFromAssignments(liquidAssignments(VERSION_CONFIG), "GP Connect", {}), { name: "GP Connect 1.2.2", details: ["FHIR STU3"], banner: "version_1_current.html" });
    assert.deepEqual(releaseFromAssignments(liquidAssignments(VERSION_CONFIG), "GP Connect", { fhir: "FHIR®" })?.details, ["FHIR® STU3"]);
    assert.equal(releaseFromAssignments(new Map([["colour", "blue"]]), "GP Connect", {}), undefined);
  });

  it("takes the sidebar's product and version first, then the version include, then the settings", () => {
    const settings = { ...RELEASE_SETTINGS, name: "Spec 9", details: ["from settings"] };
    assert.equal(releaseFor({ product: "Widget API", version: "2.1" }, VERSION_CONFIG, "GP Connect", settings)?.name, "Widget API 2.1");
    assert.equal(releaseFor({ product: "Access Record Structured" }, VERSION_CONFIG, "GP Connect", settings)?.name, "GP Connect 1.2.2");
    assert.deepEqual(releaseFor(undefined, undefined, "GP Connect", settings), { name: "Spec 9", details: ["from settings"], banner: undefined });
    assert.equal(releaseFor(undefined, undefined, "GP Connect", RELEASE_SETTINGS), undefined, "a tree that says nothing shows no release");
  });

  it("shows the tree's banner include as a callout, without kramdown's attribute or anything that runs", () => {
    const banner = bannerHtml(`<div markdown="span" class="alert alert-danger" role="alert" onclick="x()"><b>Version:</b> old <script>x()</script></div>`);
    assert.equal(banner, `<div class="app-callout app-callout--alert app-callout--danger"><div class="app-callout__body"><b>Version:</b> old </div></div>`);
  });
});

describe("the footer's facts", () => {
  it("writes dates as NHS.UK pages do", () => {
    assert.equal(readerDate(new Date("2018-12-19T23:30:00Z")), "19 December 2018");
  });

  it("dates each file of a git checkout by its last commit, and nothing outside one", () => {
    const dates = lastCommitDates(path.join(ROOT, "content"));
    assert.ok(dates.get(path.join(ROOT, "content/index.md")) instanceof Date);
    const elsewhere = temporaryFolder("gpc-nogit-");
    mkdirSync(path.join(elsewhere, "pages"));
    writeFileSync(path.join(elsewhere, "pages/a.md"), "x");
    assert.equal(lastCommitDates(elsewhere).size, 0);
  });
});
