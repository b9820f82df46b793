import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { parseCommand } from "../../src/cli/options.ts";
import { buildOptions } from "../../src/eleventy/context.ts";
import { onlyPagesChanged } from "../../src/eleventy/lifecycle.ts";
import { commonFolder, escapingSitePath, PROJECT_ROOT, projectOutput } from "../../src/shared/sitePaths.ts";

describe("command-line options", () => {
  it("become one typed set of build options, with defaults (path prefix and settings left to the tree)", () => {
    const parsed = parseCommand(["build"], {});
    assert.equal(parsed.command, "build");
    if (parsed.command !== "build") return;
    assert.deepEqual(parsed.options, {
      contentDir: path.resolve("content"),
      pathPrefix: undefined,
      strict: false,
      settingsFile: undefined,
      releasePages: false,
      verbose: false,
      report: undefined,
      annotations: undefined,
      commitDates: undefined,
    });
    assert.equal(parsed.output, path.resolve("_site"));
  });

  it("take --commit-dates, a file of each file's last commit date, resolved where the command ran", () => {
    const parsed = parseCommand(["build", "--input", "tree", "--commit-dates", "dates.json"], {});
    assert.ok(parsed.command === "build" && parsed.options.commitDates === path.resolve("dates.json"));
  });

  it("take --verbose and --report for builds, and --write for fix", () => {
    const build = parseCommand(["build", "--verbose", "--report", "json"]);
    assert.ok(build.command === "build" && build.options.verbose && build.options.report === "json");
    const fix = parseCommand(["fix", "--input", "tree", "--write"]);
    assert.ok(fix.command === "fix" && fix.write && fix.options.contentDir === path.resolve("tree"));
    assert.deepEqual(parseCommand(["fix"], {}), { command: "fix", options: buildOptions({ contentDir: "content" }), write: false });
    const actions = parseCommand(["build"], { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: "/repo" });
    assert.deepEqual(actions.command === "build" && actions.options.annotations, { workspace: path.resolve("/repo") });
  });

  it("normalise the path prefix and resolve the settings file the author names", () => {
    const settings = path.relative(process.cwd(), path.join(PROJECT_ROOT, "tests/fixtures/mini-site/_data/glossary.yml"));
    const parsed = parseCommand(["serve", "--input", "tree", "--path-prefix", "apis/gpconnect", "--strict", "--settings", settings, "--port", "9000", "--host", "0.0.0.0"]);
    assert.equal(parsed.command, "serve");
    if (parsed.command !== "serve") return;
    assert.equal(parsed.options.contentDir, path.resolve("tree"));
    assert.equal(parsed.options.pathPrefix, "/apis/gpconnect/");
    assert.equal(parsed.options.strict, true);
    assert.equal(parsed.options.settingsFile, path.resolve(settings));
    assert.throws(() => parseCommand(["build", "--settings", "no/such/site.yml"]), /no\/such\/site\.yml: error \[settings\] the settings file does not exist/);
    assert.equal(parsed.port, 9000);
    assert.equal(parsed.host, "0.0.0.0");
  });

  it("show the usage for --help (exit 0) and for an unknown command (exit 2)", () => {
    assert.deepEqual(parseCommand(["--help"]), { command: "help", exitCode: 0 });
    assert.deepEqual(parseCommand(["deploy"]), { command: "help", exitCode: 2 });
  });
});

describe("whole or partial dev-server rebuild", () => {
  const tree = path.resolve("tree");
  it("is partial only when every saved file is a page of the tree", () => {
    assert.equal(onlyPagesChanged([path.join(tree, "pages/guide.md"), path.join(tree, "index.html")], tree), true);
  });
  it("is whole when an include, layout, data file, _config.yml or anything outside the tree is saved", () => {
    for (const file of ["_includes/custom/box.html", "_layouts/default.html", "_data/sidebars/a.yml", "_config.yml", "README.md", "../elsewhere.md"]) {
      assert.equal(onlyPagesChanged([path.join(tree, "pages/guide.md"), path.join(tree, file)], tree), false, file);
    }
    assert.equal(onlyPagesChanged([], tree), false);
  });
});

describe("paths a tree asks to write at", () => {
  it("are refused when they leave the output, however encoded", () => {
    for (const [sitePath, why] of [
      ["/../x.html", "a .. segment"],
      ["/a/../../x.html", "a .. segment"],
      ["/%2e%2e/x.html", "a .. segment"],
      ["/%252e%252e/x.html", "a .. segment"],
      ["/..%2fx.html", "an encoded slash"],
      ["/..%5cx.html", "an encoded slash"],
      ["/..\\x.html", "a backslash"],
    ] as const) {
      assert.equal(escapingSitePath(sitePath), why, sitePath);
    }
    for (const fine of ["/a/b.html", "/a..b.html", "/pages/a%20b.xlsx", "/.well-known/x", "_headers"]) assert.equal(escapingSitePath(fine), undefined, fine);
  });

  it("are refused where the project writes its own files", () => {
    assert.match(projectOutput("assets/site.js") ?? "", /stylesheet or script/);
    assert.match(projectOutput("/pagefind/pagefind.js") ?? "", /search index/);
    assert.match(projectOutput("_headers") ?? "", /headers/);
    assert.match(projectOutput("_redirects") ?? "", /redirects/);
    assert.equal(projectOutput("assets/images/logo.png"), undefined);
    assert.equal(projectOutput("pagefinder.html"), undefined);
  });

  it("find the folder the dev server works from", () => {
    assert.equal(commonFolder(["/tmp/a/tree", "/work/project", "/tmp/out"]), "/");
    assert.equal(commonFolder(["/work/a/tree", "/work/a/out", "/work/a"]), "/work/a");
  });
});
