import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { parse } from "node-html-parser";
import { listFiles, ROOT, temporaryFolder } from "../helpers/build.ts";
import { makeVersionsRepo, type VersionsRepo } from "../helpers/versionsRepo.ts";

const PREFIX = "/apis/gpconnect/";

interface Run {
  readonly status: number | null;
  readonly stderr: string;
  readonly stdout: string;
}

function cli(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/gpconnect-docs.mjs"), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Which versions a build rendered (not reused or copied), from its lines. */
const rebuilt = (run: Run): string[] => [...run.stderr.matchAll(/^(\S+): built in /gm)].map((m) => m[1]!).sort();
/** Which versions' pages a build stitched again (the others' stitched pages reused), from its closing line. */
const restitched = (run: Run): string[] => {
  const list = /stitched again: (.*)\.$/m.exec(run.stderr)?.[1];
  assert.ok(list !== undefined, run.stderr);
  return list === "none" ? [] : list.split(", ").sort();
};

describe("build --versions: every release in one site, from a git repository", () => {
  let spec: VersionsRepo;
  let cache: string;
  let site: string;
  let first: Run;
  let workTreeBefore: string;
  const read = (file: string): string => readFileSync(path.join(site, file), "utf8");
  // Code blocks parsed as markup, not kept as raw text (node-html-parser's default for <pre>).
  const page = (file: string): ReturnType<typeof parse> => parse(read(file), { blockTextElements: { script: true, style: true } });

  before(async () => {
    spec = makeVersionsRepo();
    workTreeBefore = execFileSync("git", ["-C", spec.repo, "status", "--porcelain", "-b"], { encoding: "utf8" });
    cache = temporaryFolder("gpc-vcache-");
    site = path.join(temporaryFolder("gpc-vsite-"), "site");
    first = await cli(["build", "--versions", spec.versionsFile, "--cache", cache, "--output", site, "--path-prefix", PREFIX, "--report", path.join(cache, "faults.json")]);
    assert.equal(first.status, 0, first.stderr);
  });

  it("publishes each version under /<id>/, the root redirecting to the current release of the first line", () => {
    for (const [id, files] of Object.entries({ "2.0.0": ["api.html", "extra.html", "getting_started.html"], "1.1.0": ["new.html", "getting_started.html"], "1.0.0": ["old.html", "start.html"], next: ["extra.html"] })) {
      for (const file of files) assert.ok(existsSync(path.join(site, id, file)), `${id}/${file}`);
    }
    assert.ok(!existsSync(path.join(site, "1.1.0/old.html")), "a page removed in 1.1.0 is not there");
    assert.match(read("index.html"), new RegExp(`url=${PREFIX}2\\.0\\.0/index\\.html`));
    assert.match(read("1.0.0/guide.html"), new RegExp(`href="${PREFIX}1\\.0\\.0/index\\.html"`), "links carry the version's prefix");
  });

  it("keeps the versions code out of the single-tree script: search fetches it, as a chunk of its own, only on a stitched page", () => {
    // Each version is a single-tree build, its script exactly that build's.
    const assets = path.join(site, "2.0.0/assets");
    const scripts = listFiles(assets).filter((f) => f.endsWith(".js"));
    const text = (name: string): string => readFileSync(path.join(assets, name), "utf8");
    assert.doesNotMatch(text("site.js"), /version/i);
    const search = scripts.find((f) => f.startsWith("chunks/search-"))!;
    const versionSearch = scripts.find((f) => f.startsWith("chunks/versionSearch-"));
    assert.ok(versionSearch, scripts.join(", "));
    assert.doesNotMatch(text(search), /all versions|mergeIndex/, "the search chunk only knows when to fetch it");
    assert.match(text(search), /\[data-versions\]/);
    assert.match(text(versionSearch), /Search all versions/);
    assert.match(page("2.0.0/guide.html").querySelector("[data-app-search]")?.getAttribute("data-versions") ?? "", /"id":"1\.1\.0"/, "a stitched page lists the versions");
  });

  it("reads refs from git objects and leaves the repository's work tree alone", () => {
    assert.equal(execFileSync("git", ["-C", spec.repo, "status", "--porcelain", "-b"], { encoding: "utf8" }), workTreeBefore);
    assert.ok(!existsSync(path.join(site, "2.0.0/work-in-progress.html")), "an uncommitted file is not published");
    assert.doesNotMatch(read("2.0.0/guide.html"), /stale baked-in banner/, "the branch's own banner include is replaced");
  });

  it("puts a switcher on every page whose links all resolve, a missing page leading home with a note", () => {
    for (const file of listFiles(site).filter((f) => f.endsWith(".html") && f.includes("/") && !f.includes("/pagefind/"))) {
      const doc = page(file);
      if (!doc.querySelector(".app-layout__main")) continue;
      const links = doc.querySelectorAll("[data-version-switcher] a");
      assert.equal(links.length, 5, `${file}: one entry per version`);
      for (const a of links) assert.ok(existsSync(path.join(site, a.getAttribute("href")!.slice(PREFIX.length))), `${file} → ${a.getAttribute("href")}`);
      assert.equal(doc.querySelectorAll("[data-version-switcher] [aria-current=page]").length, 1, `${file}: the reader's version marked`);
    }
    const old = page("1.0.0/old.html").querySelector(`[data-version-switcher] a[href="${PREFIX}1.1.0/index.html"]`);
    assert.ok(old?.hasAttribute("data-version-missing"));
    assert.match(old?.parentNode?.text ?? "", /not in this version: goes to its home page/);
    assert.ok(page("1.0.0/start.html").querySelector(`[data-version-switcher] a[href="${PREFIX}1.1.0/getting_started.html"]`), "the renamed map is followed");
    assert.ok(page("1.1.0/getting_started.html").querySelector(`[data-version-switcher] a[href="${PREFIX}1.0.0/start.html"]`), "and followed back");
  });

  it("shows a banner, worded by status, exactly on versions that are not the current release of their line", () => {
    const banner = (file: string): string | undefined => page(file).querySelector("[data-version-banner]")?.text.replace(/\s+/g, " ");
    assert.equal(banner("2.0.0/guide.html"), undefined);
    assert.equal(banner("2.0.0/changes/index.html"), undefined);
    assert.match(banner("1.1.0/guide.html")!, /You are reading 1\.1\.0, an older release, still supported\. The current release is 2\.0\.0: this page in 2\.0\.0/);
    assert.match(banner("1.0.1/guide.html")!, /You are reading 1\.0\.1, an older release, still supported/);
    assert.match(banner("1.0.0/old.html")!, /1\.0\.0, a retired release.*this page is not in it/);
    assert.match(banner("next/guide.html")!, /Next \(draft\), a draft: it is not released/);
    assert.ok(page("1.0.0/guide.html").querySelector("[data-version-banner][aria-labelledby]"), "a labelled region, so screen readers announce it");
  });

  it("lists exactly the pages added, removed and changed since the previous release, by git history", () => {
    const changes = page("1.1.0/changes/index.html");
    const section = (title: string): string[] => {
      const heading = changes.querySelectorAll("h2").find((h) => h.text.startsWith(title))!;
      return heading.nextElementSibling!.querySelectorAll("li code").map((c) => c.text);
    };
    assert.match(changes.querySelector("h1")!.text, /Changes since 1\.0\.0/);
    assert.deepEqual(section("Pages added"), ["new.html"]);
    assert.deepEqual(section("Pages removed"), ["old.html"]);
    assert.deepEqual(section("Pages changed"), ["guide.html"]);
    assert.deepEqual(section("Pages renamed"), ["start.html", "getting_started.html"]);
    // 1.1.0 follows 1.0.0, not 1.0.1 listed after it: 1.0.1 branches off 1.0.0 beside it.
    assert.match(page("1.0.1/changes/index.html").querySelector("h1")!.text, /Changes since 1\.0\.0/);
    assert.match(page("next/changes/index.html").querySelector("h1")!.text, /Changes since 2\.0\.0/);
    assert.ok(!existsSync(path.join(site, "1.0.0/changes/index.html")), "the oldest release has nothing to compare with");
  });

  it("compares a changed page word by word, code by lines and tables by cells, and says so under the title", () => {
    const guide = page("1.1.0/changes/guide.html").querySelector(".app-diff")!;
    assert.equal(guide.querySelector("del")?.text, "[deleted: valid]");
    assert.equal(guide.querySelector("ins")?.text, "[inserted: signed]");
    const api = page("2.0.0/changes/api.html").querySelector(".app-diff")!;
    assert.match(api.querySelector("pre ins")!.text, /\+ \{ "status": "ok", "size": 5 \}/);
    assert.equal(api.querySelector("td del")?.text, "[deleted: number]");
    assert.equal(api.querySelector("td ins")?.text, "[inserted: integer]");
    const line = page("1.1.0/guide.html").querySelector(".app-changed-since a");
    assert.equal(line?.getAttribute("href"), `${PREFIX}1.1.0/changes/guide.html`);
    assert.equal(page("1.1.0/api.html").querySelector(".app-changed-since"), null, "an unchanged page has no such line");
  });

  it("points canonical links at the newest release of the line with the page, keeps drafts out of search engines, dates the sitemap", () => {
    const canonical = (file: string): string | undefined => page(file).querySelector("link[rel=canonical]")?.getAttribute("href");
    assert.equal(canonical("1.0.1/guide.html"), `https://widgets.example.org${PREFIX}2.0.0/guide.html`);
    assert.equal(canonical("1.0.0/old.html"), `https://widgets.example.org${PREFIX}1.0.1/old.html`);
    assert.ok(page("next/guide.html").querySelector('meta[name=robots][content="noindex"]'));
    const sitemap = read("sitemap.xml");
    assert.match(sitemap, new RegExp(`<loc>https://widgets.example.org${PREFIX}1.0.0/old.html</loc>\\n    <lastmod>\\d{4}-\\d\\d-\\d\\dT`));
    assert.doesNotMatch(sitemap, /\/next\//, "drafts are not in the sitemap");
  });

  it("dates each page by its file's last commit on that ref, in the footer and the sitemap alike", () => {
    const footer = (file: string): string | undefined => /Page last updated: ([^<]+)</.exec(read(file))?.[1];
    // 1.0.0 is committed on 1 January, 1.1.0 (guide reworded) on 2 January, 1.0.1 (guide fixed) on 5 January.
    assert.equal(footer("1.1.0/guide.html"), "2 January 2024");
    assert.equal(footer("1.1.0/index.html"), "1 January 2024", "a page unchanged since 1.0.0 keeps 1.0.0's date");
    assert.equal(footer("1.0.1/guide.html"), "5 January 2024");
    const sitemap = read("sitemap.xml");
    assert.match(sitemap, new RegExp(`<loc>https://widgets.example.org${PREFIX}1\\.1\\.0/guide\\.html</loc>\\n    <lastmod>2024-01-02T`));
    assert.match(sitemap, new RegExp(`<loc>https://widgets.example.org${PREFIX}1\\.1\\.0/index\\.html</loc>\\n    <lastmod>2024-01-01T`));
  });

  it("reports each fault under its version", () => {
    const report = JSON.parse(readFileSync(path.join(cache, "faults.json"), "utf8")) as { faults: { version: string; file: string; code: string }[] };
    assert.deepEqual(
      report.faults.filter((f) => f.code === "broken-link").map((f) => f.version),
      ["1.0.1"],
    );
    assert.match(first.stderr, /^ {2}1\.0\.1\/pages\/guide\.md:\d+: warning \[broken-link\]/m);
  });

  it("renders an identical tree once, reuses unchanged versions, rebuilds only a changed one, and --only plus stitch gives the same site", async () => {
    assert.deepEqual(rebuilt(first), ["1.0.0", "1.0.1", "1.1.0", "2.0.0"], "develop holds 2.0.0's tree: rendered once");
    assert.match(first.stderr, /^next: copied/m);
    assert.deepEqual(restitched(first), ["1.0.0", "1.0.1", "1.1.0", "2.0.0", "next"]);
    const again = await cli(["build", "--versions", spec.versionsFile, "--cache", cache, "--output", site, "--path-prefix", PREFIX]);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(rebuilt(again), []);
    assert.deepEqual(restitched(again), [], "nothing changed: every version's stitched pages are reused");
    // Stitched pages share the part's unchanged files (hard links): what stitching rewrote never reaches the part.
    for (const file of ["guide.html", "sitemap.xml"]) assert.doesNotMatch(readFileSync(path.join(cache, "parts/1.1.0/site", file), "utf8"), /data-version-switcher|<lastmod>/, file);
    assert.match(read("1.1.0/guide.html"), /data-version-switcher/);
    spec.change("release/1.0.1", "pages/guide.md", "---\ntitle: Guide\npermalink: guide.html\n---\n\nA later fix.\n");
    // One job of a CI matrix: the changed version's part alone, in a copy of the cache, then stitched.
    const matrixCache = temporaryFolder("gpc-vmatrix-");
    cpSync(cache, matrixCache, { recursive: true });
    const [whole, only] = await Promise.all([
      cli(["build", "--versions", spec.versionsFile, "--cache", cache, "--output", site, "--path-prefix", PREFIX]),
      cli(["build", "--versions", spec.versionsFile, "--cache", matrixCache, "--only", "1.0.1", "--path-prefix", PREFIX]),
    ]);
    assert.equal(whole.status, 0, whole.stderr);
    assert.deepEqual(rebuilt(whole), ["1.0.1"]);
    // One page's text changed, no page added or removed, and no version is compared with 1.0.1: the others' pages stand.
    assert.deepEqual(restitched(whole), ["1.0.1"]);
    assert.equal(only.status, 0, only.stderr);
    assert.deepEqual(rebuilt(only), ["1.0.1"]);
    const stitched = path.join(temporaryFolder("gpc-vstitch-"), "site");
    const join = await cli(["stitch", "--versions", spec.versionsFile, "--cache", matrixCache, "--output", stitched, "--path-prefix", PREFIX]);
    assert.equal(join.status, 0, join.stderr);
    assert.match(read("1.0.1/guide.html"), /A later fix\./);
    const pages = listFiles(site).filter((f) => f.endsWith(".html") || f.endsWith(".xml"));
    assert.deepEqual(listFiles(stitched).filter((f) => f.endsWith(".html") || f.endsWith(".xml")).sort(), pages.sort());
    for (const file of pages) assert.equal(readFileSync(path.join(stitched, file), "utf8"), read(file), file);
  });
});

describe("build --versions: a version whose build fails", () => {
  const root = temporaryFolder("gpc-vfail-");
  const tree = (name: string, change: (dir: string) => void): void => {
    cpSync(path.join(ROOT, "scaffold"), path.join(root, name), { recursive: true });
    change(path.join(root, name));
  };
  tree("good", () => undefined);
  // Malformed front matter: the page's error fails that version's single-tree build.
  tree("broken", (dir) => writeFileSync(path.join(dir, "pages/bad.md"), "---\ntitle: [unclosed\n---\n\nText.\n"));
  // A _config.yml that is a list: the versions build cannot set its baseurl, and stops that version.
  tree("odd", (dir) => writeFileSync(path.join(dir, "_config.yml"), "- not\n- settings\n"));
  const versionsFile = (name: string, others: readonly string[]): string => {
    const file = path.join(root, name);
    writeFileSync(file, ["versions:", '  - { id: "good", label: "Good", status: current, folder: good }', ...others, ""].join("\n"));
    return file;
  };
  const cache = path.join(root, "cache");
  const build = (file: string, output: string, ...more: string[]): Promise<Run> => cli(["build", "--versions", file, "--cache", cache, "--output", path.join(root, output), ...more]);

  it("leaves a retired version out with a warning and publishes the rest; --strict fails the build instead", async () => {
    const file = versionsFile("retired.yml", ['  - { id: "broken", label: "Broken", status: retired, folder: broken }']);
    const run = await build(file, "site");
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /^broken: warning \[version-failed\] its build failed \(.*\); it is left out of the site \(a retired version: --strict fails the build instead\)$/m);
    assert.match(run.stderr, /^ {2}broken\/pages\/bad\.md:\d+: error /m, "its own faults are listed under its id");
    assert.ok(existsSync(path.join(root, "site/good/index.html")) && !existsSync(path.join(root, "site/broken")));
    assert.doesNotMatch(readFileSync(path.join(root, "site/good/index.html"), "utf8"), /Broken/, "the switcher does not list it");
    const strict = await build(file, "strict-site", "--strict");
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /^broken: error \[version-failed\]/m);
    assert.match(strict.stderr, /version broken failed to build; the other versions were built and stitched, and the published site is left as it was/);
    assert.ok(!existsSync(path.join(root, "strict-site")), "a failed build publishes nothing");
  });

  it("fails the build naming a version that is not retired, once every other version is built", async () => {
    const file = versionsFile("supported.yml", ['  - { id: "odd", label: "Odd", status: supported, folder: odd }', '  - { id: "broken", label: "Broken", status: retired, folder: broken }']);
    const run = await build(file, "site-2");
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /^odd: error \[version-failed\] its build stopped: .*_config\.yml is not a mapping of settings/m);
    assert.match(run.stderr, /^broken: warning \[version-failed\]/m, "the retired one's failure is still only a warning");
    assert.match(run.stderr, /^good: (built in|reused from the cache)/m, "the other versions were built");
    assert.match(run.stderr, /version odd failed to build/);
    assert.ok(!existsSync(path.join(root, "site-2")));
    const only = await cli(["build", "--versions", file, "--cache", cache, "--only", "odd"]);
    assert.equal(only.status, 1, "one CI job of a failing version fails too");
    assert.match(only.stderr, /^odd: error \[version-failed\]/m);
  });
});
