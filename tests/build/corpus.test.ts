import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";
import { parse } from "node-html-parser";
import { findMarkers } from "../fidelity/markers.ts";
import { build, listFiles, ROOT, type BuildResult } from "../helpers/build.ts";
import { committedDigests, pageDigests, type BuildWindow } from "../helpers/pageDigests.ts";

const CONTENT = path.join(ROOT, "content");

/** Files the tree's `_config.yml` excludes (the 2018 repository names each file). */
const EXCLUDED = new Set((parseYaml(readFileSync(path.join(CONTENT, "_config.yml"), "utf8")) as { exclude: string[] }).exclude);

/** Every page source in the tree (Jekyll skips `_` folders and what `_config.yml` excludes; README files are notes, not pages). */
function sourcePages(): { file: string; permalink: string }[] {
  return listFiles(CONTENT)
    .filter((f) => f.endsWith(".md") && !f.split("/").some((part) => part.startsWith("_")) && !f.endsWith("README.md") && !EXCLUDED.has(f))
    .map((file) => {
      const data = matter(readFileSync(path.join(CONTENT, file), "utf8")).data as { permalink?: string };
      return { file, permalink: data.permalink ? String(data.permalink).trim().replace(/^\//, "") : file.replace(/\.md$/, ".html") };
    });
}

describe("building the real GP Connect corpus", () => {
  let site: BuildResult;
  let htmlFiles: string[];
  let window: BuildWindow;
  before(() => {
    const start = new Date();
    // --verbose lists the accepted faults one by one, for the tests below that look for them.
    site = build(CONTENT, ["--verbose"]);
    window = { start, end: new Date() };
    htmlFiles = listFiles(site.output).filter((f) => f.endsWith(".html"));
  });

  it("succeeds and prints the page count and build time", () => {
    assert.equal(site.status, 0, site.stderr + site.stdout);
    assert.match(site.stdout, /^Built \d+ pages in \d+\.\d+ s: /m);
  });

  it("publishes every file byte for byte as the committed digests say (remake them only for a change meant to alter the output)", () => {
    const expected = committedDigests();
    const actual = pageDigests(site.output, window);
    const changed = [...new Set([...expected.keys(), ...actual.keys()])].filter((file) => expected.get(file) !== actual.get(file)).sort();
    assert.deepEqual(changed, [], "these files differ from tests/build/content-pages.sha256; if that is intended, run node --import tsx tests/helpers/pageDigests.ts --write");
  });

  it("produces at least 150 pages, one at each source page's permalink", () => {
    assert.ok(htmlFiles.length >= 150, `only ${htmlFiles.length} pages`);
    const missing = sourcePages().filter((p) => !htmlFiles.includes(p.permalink));
    assert.deepEqual(missing, []);
    assert.ok(!htmlFiles.includes("development_github_repositories.html"), "the page _config.yml excludes is not published");
  });

  it("publishes the five seed pages, with the earlier edition linked from the current one", () => {
    for (const page of ["overview_consumer_pathway.html", "overview_provider_pathway.html", "overview_engage.html", "overview_end_user_pathway.html", "overview_engage_earlier_edition.html"]) {
      assert.ok(htmlFiles.includes(page), page);
    }
    const current = parse(site.read("overview_engage.html"));
    const link = current.querySelector('.app-editions a[href="/overview_engage_earlier_edition.html"]');
    assert.ok(link, "current edition links to the earlier one");
    const earlier = site.read("overview_engage_earlier_edition.html");
    assert.match(earlier, /href="\/overview_engage.html">Read the current edition/);
  });

  it("keeps every word of the earlier edition", () => {
    const source = matter(readFileSync(path.join(CONTENT, "pages/overview/overview_engage_earlier_edition.md"), "utf8")).content;
    const text = parse(site.read("overview_engage_earlier_edition.html")).querySelector("main")!.text.replace(/\s+/g, " ");
    const words = source
      .replace(/\{%[\s\S]*?%\}|\]\([^)]*\)|<[^>]+>|[#*`>[\]|]/g, " ")
      .split(/\s+/)
      .filter((w) => /^[A-Za-z]{4,}$/.test(w));
    const lost = words.filter((w) => !text.includes(w));
    assert.deepEqual(lost, []);
  });

  it("leaves no raw Liquid or kramdown syntax, and no internal marker, in any page", () => {
    const offenders = htmlFiles.map((f) => `${f}: ${findMarkers(site.read(f)).join(", ")}`).filter((line) => !line.endsWith(": "));
    assert.deepEqual(offenders, []);
  });

  it("turns the SSP tooltip into a glossary link carrying its definition", () => {
    const page = parse(site.read("overview_engage.html"));
    const ssp = page.querySelectorAll("a.app-glossary-term").find((a) => a.text === "SSP");
    assert.ok(ssp, "SSP term rendered");
    assert.equal(ssp.getAttribute("href"), "/overview_glossary.html#ssp");
    assert.match(ssp.getAttribute("data-definition") ?? "", /^Spine Secure Proxy: a forward proxy/);
    const glossary = parse(site.read("overview_glossary.html"));
    assert.equal(glossary.querySelector("#ssp")?.text, "SSP");
  });

  it("renders the important callout of the earlier edition with a working support_faq link", () => {
    const page = parse(site.read("overview_engage_earlier_edition.html"));
    const link = page.querySelector(".app-callout--important a");
    assert.ok(link, "link inside the callout");
    const [file, fragment] = (link.getAttribute("href") ?? "").split("#");
    assert.equal(file, "support_faq.html");
    assert.ok(parse(site.read(file!)).getElementById(fragment!), `support_faq.html has #${fragment}`);
  });

  it("gives every {:target=\"_blank\"} link target=_blank and rel=noopener", () => {
    for (const { file, permalink } of sourcePages()) {
      const source = readFileSync(path.join(CONTENT, file), "utf8").replace(/\{% comment %\}[\s\S]*?\{% endcomment %\}/g, "");
      const expected = (source.match(/\]\([^)]*\)\{:\s*target="_blank"/g) ?? []).length;
      if (expected === 0) continue;
      const links = parse(site.read(permalink)).querySelectorAll('main a[target="_blank"]');
      assert.ok(links.length >= expected, `${permalink}: ${links.length} of ${expected} links open in a new tab`);
      for (const a of links) assert.match(a.getAttribute("rel") ?? "", /noopener/, `${permalink}: ${a.toString()}`);
    }
  });

  it("copies images and downloads, including file names with spaces", () => {
    const files = listFiles(site.output);
    for (const f of ["images/overview/GP Connect Model.png", "pages/accessrecord_structured/GP Connect Req Cat - Access Record Structured Data v1.4.xlsx", "downloads/testing/TD005750 Test Data Release.xlsx"]) {
      assert.ok(files.includes(f), f);
    }
  });

  it("publishes the developer journey collection as data only", () => {
    assert.ok(!htmlFiles.some((f) => /getstarted|_developer-journey/.test(f)));
    const stages = parse(site.read("overview_provider_pathway.html")).querySelectorAll(".app-journey__stages a");
    assert.deepEqual(stages.map((a) => a.text), ["Get Started", "Explore", "Develop", "Assure", "Deploy", "Communication"]);
  });

  it("renders tag pages and the glossary loop", () => {
    const rows = parse(site.read("tag_fhir.html")).querySelectorAll(".app-tag-list tbody tr");
    assert.ok(rows.length > 3, `tag_fhir lists ${rows.length} pages`);
    const terms = parse(site.read("overview_glossary.html")).querySelectorAll("main dt h3");
    const yaml = readFileSync(path.join(CONTENT, "_data/glossary.yml"), "utf8");
    assert.equal(terms.length, (yaml.match(/^- title:/gm) ?? []).length);
  });

  it("shows each page its sidebar with the current page marked", () => {
    const page = parse(site.read("appointments_use_case_book_an_appointment.html"));
    const current = page.querySelector('.app-sidebar a[aria-current="page"]');
    assert.equal(current?.getAttribute("href"), "/appointments_use_case_book_an_appointment.html");
    assert.ok(page.querySelector('.app-sidebar a[href="/appointments.html"]'));
    const home = parse(site.read("index.html"));
    assert.ok(home.querySelector('.app-sidebar a[href="/overview_end_user_pathway.html"]'), "end-user pathway in the overview sidebar");
  });

  it("reports the malformed sidebar entry of the real source with file and line", () => {
    assert.match(site.stdout, /_data\/sidebars\/accessrecord_structured_sidebar\.yml:17: warning \[sidebar-entry\] sidebar item "Requirements catalogue/);
  });

  it("reports broken links and anchors of the real source with file, line and the likely fix", () => {
    assert.match(site.stdout, /pages\/overview\/overview_end_user_pathway\.md:59: warning \[broken-link\] link to integration_spine_security_proxy\.html points at nothing in the site\n\s+→ did you mean integration_spine_secure_proxy\.html\?/);
    assert.match(site.stdout, /pages\/testing\/testing_api_consumer_testing\.md:14: warning \[broken-anchor\] link to testing_api_provider_testing\.html#solutionassurance .*\n\s+→ did you mean #solution-assurance\?/);
    assert.doesNotMatch(site.stdout, /\[missing-image\]/, "every image of the corpus is found");
  });

  it("lists the real source's known faults as accepted, so the published content builds with --strict", () => {
    const accepted = /^(\d+) accepted faults \(acceptedFaults in the settings\):$/m.exec(site.stdout);
    assert.equal(accepted?.[1], "37", "the 2018 corpus has exactly 37 known faults, all accepted");
    const listed = site.stdout.slice(accepted!.index).split("\n").flatMap((line) => /^ {2}\S+: warning \[([a-z-]+)\]/.exec(line)?.[1] ?? []);
    const byCode = Object.fromEntries([...new Set(listed)].sort().map((code) => [code, listed.filter((c) => c === code).length]));
    assert.deepEqual(byCode, { "broken-anchor": 22, "broken-link": 13, mojibake: 1, "sidebar-entry": 1 });
    assert.doesNotMatch(site.stdout, /stale-accepted-fault/, "every accepted fault still occurs");
    const strict = build(CONTENT, ["--strict"]);
    assert.equal(strict.status, 0, strict.stderr);
    const said = strict.stdout.trim().split("\n");
    assert.equal(said.length, 2, `without --verbose the accepted faults are one counted line:\n${strict.stdout}`);
    assert.equal(said[0], `${accepted?.[1]} accepted faults, --verbose lists them.`);
    assert.match(said[1]!, /^Built \d+ pages in [\d.]+ s: no content faults beyond the accepted ones\.$/);
  });

  it("highlights the example payloads pasted from _includes", () => {
    const page = site.read("accessrecord_structured_development_fhir_examples_allergies.html");
    assert.match(page, /<pre class="language-json"[^>]*><code class="language-json"><span class="token punctuation">\{/);
    const dirs = readdirSync(site.output);
    assert.ok(!dirs.includes("_includes") && !dirs.includes("_data"));
  });
});
