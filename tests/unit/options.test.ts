import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { parseCommand } from "../../src/cli/options.ts";
import { buildOptions } from "../../src/eleventy/context.ts";
import { rendersAlone } from "../../src/eleventy/lifecycle.ts";
import { temporaryFolder } from "../helpers/build.ts";
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
  const tree = temporaryFolder("gpc-rebuild-");
  for (const file of ["pages/guide.md", "index.html", "pages/new.md", "_includes/custom/box.html", "_layouts/default.html", "_data/sidebars/a.yml", "_config.yml", "README.md"]) {
    mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
    writeFileSync(path.join(tree, file), "");
  }
  it("re-renders a saved page alone", () => {
    for (const file of ["pages/guide.md", "index.html"]) assert.equal(rendersAlone(path.join(tree, file), tree, new Set()), true, file);
  });
  it("rebuilds everything for an include, layout, data file, _config.yml or anything outside the tree", () => {
    for (const file of ["_includes/custom/box.html", "_layouts/default.html", "_data/sidebars/a.yml", "_config.yml", "README.md", "../elsewhere.md"]) {
      assert.equal(rendersAlone(path.join(tree, file), tree, new Set()), false, file);
    }
  });
  it("rebuilds everything for a page added since the last whole build, or deleted", () => {
    assert.equal(rendersAlone(path.join(tree, "pages/new.md"), tree, new Set([path.join(tree, "pages/new.md")])), false);
    assert.equal(rendersAlone(path.join(tree, "pages/gone.md"), tree, new Set()), false);
  });
});
