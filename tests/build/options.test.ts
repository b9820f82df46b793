import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { parse } from "node-html-parser";
import { build, FIXTURES, temporaryFolder } from "../helpers/build.ts";

describe("--settings names the site settings file", () => {
  it("builds with the settings it names, not the project's", () => {
    const settings = path.join(temporaryFolder("gpc-settings-"), "site.yml");
    writeFileSync(settings, "title: Another Service\nowner: Another Owner\n");
    const site = build(path.join(FIXTURES, "mini-site"), ["--settings", settings]);
    assert.equal(site.status, 0, site.stderr + site.stdout);
    const page = parse(site.read("guide.html"));
    assert.match(page.querySelector("title")?.text ?? "", / - Another Service$/);
    assert.match(page.querySelector(".nhsuk-footer")?.text ?? "", /Another Owner/);
  });

  it("explains a settings file that does not exist", () => {
    const site = build(path.join(FIXTURES, "mini-site"), ["--settings", "no-such-settings.yml"]);
    assert.notEqual(site.status, 0);
    assert.match(site.stderr, /no-such-settings\.yml: error \[settings\] the settings file does not exist/);
    assert.doesNotMatch(site.stderr, /^\s+at /m, "no stack trace");
  });
});
