import assert from "node:assert/strict";
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { startDevServer, type CliCommand } from "../../src/bench/devServer.ts";
import { ROOT, temporaryFolder } from "../helpers/build.ts";

/**
 * The package as a specification team gets it: `npm pack` in the checkout, the tarball installed into an
 * empty folder outside it (dependencies from the registry), both corpus trees (copied there) built with npx,
 * `serve` answering on 127.0.0.1, `init`'s tree, and the action's build step run as action.yml runs it.
 */
const work = temporaryFolder("gpc-package-");
const project = path.join(work, "project");
const npx: CliCommand = { command: "npx", args: ["--no", "--", "gpconnect-docs"], cwd: project };
const ENV = { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "" };
const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
let tarball = "";
const timings: string[] = [];

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = ENV): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: "utf8" });
}

const succeeded = (result: SpawnSyncReturns<string>): string => {
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  return result.stdout;
};

/** `npx gpconnect-docs build`, without blocking, so the two corpus builds share the machine's cores. */
function npxBuild(input: string, output: string, extra: readonly string[] = []): Promise<{ status: number | null; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(npx.command, [...npx.args, "build", "--input", input, "--output", output, ...extra], { cwd: project, env: ENV });
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, log }));
  });
}

describe("the npm package", { timeout: 240_000 }, () => {
  before(() => {
    let started = performance.now();
    tarball = path.join(work, succeeded(run("npm", ["pack", "--silent", "--pack-destination", work], ROOT)).trim().split("\n").pop()!);
    timings.push(`npm pack ${((performance.now() - started) / 1000).toFixed(1)} s`);
    mkdirSync(project);
    started = performance.now();
    succeeded(run("npm", ["install", "--no-audit", "--no-fund", tarball], project));
    timings.push(`npm install ${((performance.now() - started) / 1000).toFixed(1)} s`);
    cpSync(path.join(ROOT, "content"), path.join(work, "trees/content"), { recursive: true });
    cpSync(path.join(ROOT, "tests/corpora/documentation-theme-jekyll"), path.join(work, "trees/theme"), { recursive: true });
  });

  it("ships only what runs: the CLI's bundle, compiled assets, templates and the starter tree", () => {
    const files = succeeded(run("tar", ["-tzf", tarball], work)).trim().split("\n").map((file) => file.replace(/^package\//, ""));
    for (const file of ["bin/gpconnect-docs.mjs", "dist/cli/main.mjs", "dist/assets/site.css", "dist/assets/site.js", "dist/assets/images/nhsuk-icon-cross.svg", "_includes/site/404.liquid", "scaffold/_config.yml", "LICENSE", "README.md"]) {
      assert.ok(files.includes(file), `${file} is missing from the tarball`);
    }
    const unwanted = files.filter((file) => /^(src|tests|content|node_modules|action)\/|\.ts$|\.scss$/.test(file));
    assert.deepEqual(unwanted, [], "sources, tests and the corpus stay out of the package");
    console.log(`tarball: ${(readFileSync(tarball).length / 1024).toFixed(0)} kB, ${files.length} files; ${timings.join(", ")}`);
  });

  it("prints its version, and needs no TypeScript toolchain, Sass, esbuild or nhsuk-frontend once installed", () => {
    assert.equal(succeeded(run(npx.command, [...npx.args, "--version"], project)).trim(), manifest.version);
    for (const tool of ["typescript", "tsx", "sass", "esbuild", "nhsuk-frontend"]) assert.ok(!existsSync(path.join(project, "node_modules", tool)), `${tool} was installed`);
  });

  it("builds both corpus trees with npx, styled and searchable", async () => {
    const started = performance.now();
    const [content, theme] = await Promise.all([
      npxBuild(path.join(work, "trees/content"), path.join(work, "site-content"), ["--strict"]),
      npxBuild(path.join(work, "trees/theme"), path.join(work, "site-theme")),
    ]);
    console.log(`both corpus builds: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const [name, result, minimum] of [["content", content, 100], ["theme", theme, 30]] as const) {
      assert.equal(result.status, 0, `${name}:\n${result.log}`);
      assert.ok(Number(/Built (\d+) pages/.exec(result.log)?.[1]) >= minimum, `${name}:\n${result.log}`);
      const site = path.join(work, `site-${name}`);
      const index = readFileSync(path.join(site, "index.html"), "utf8");
      assert.match(index, /href="[^"]*assets\/site\.css\?v=[0-9a-f]{16}"/, `${name}: the page links the stylesheet`);
      assert.ok(readFileSync(path.join(site, "assets/site.css"), "utf8").includes(".nhsuk-header"), `${name}: the NHS.UK styles ship`);
      assert.ok(existsSync(path.join(site, "assets/images/nhsuk-icon-cross.svg")), `${name}: the icons the styles draw ship`);
      assert.ok(existsSync(path.join(site, "pagefind/pagefind.js")), `${name}: the search index is built`);
    }
  });

  it("serves a tree on 127.0.0.1", async () => {
    const server = await startDevServer(path.join(work, "trees/theme"), path.join(work, "served"), npx);
    try {
      const page = await fetch(`${server.url}index.html`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<\/html>/);
    } finally {
      await server.stop();
    }
  });

  it("writes a starter tree that builds with --strict and no warnings, through the action's build step", () => {
    const tree = path.join(work, "spec");
    succeeded(run(npx.command, [...npx.args, "init", tree], project));
    assert.deepEqual(readdirSync(tree).sort(), ["_config.yml", "_data", "_gpconnect-docs.yml", "index.md", "pages"]);
    const git = (...args: string[]): string => succeeded(run("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", ...args], tree));
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "start");
    const report = path.join(work, "report.json");
    const step = (name: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> =>
      run(process.execPath, [path.join(ROOT, "action/run.mjs"), name], tree, { ...ENV, GPCONNECT_DOCS_HOME: project, GPCONNECT_DOCS_INPUT: ".", GPCONNECT_DOCS_REPORT: report, ...env });
    const strict = { GPCONNECT_DOCS_OUTPUT: path.join(work, "action-site"), GPCONNECT_DOCS_STRICT: "true", GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: tree };
    assert.match(succeeded(step("build", strict)), /Built 4 pages in [\d.]+ s: no content faults\./);

    // A pull request adds a broken link: the step fails, annotates its line, and the summary lists the page.
    writeFileSync(path.join(tree, "pages/getting_started.md"), readFileSync(path.join(tree, "pages/getting_started.md"), "utf8") + "\nSee [the old page](old_page.html).\n");
    git("commit", "-qam", "link");
    const built = step("build", strict);
    assert.equal(built.status, 1, "a strict build with a broken link fails");
    assert.match(built.stdout, /^::warning file=pages\/getting_started\.md,line=\d+,.*old_page\.html/m);
    const faults = (JSON.parse(readFileSync(report, "utf8")) as { faults: { code: string }[] }).faults;
    assert.deepEqual(faults.map((fault) => fault.code), ["broken-link"]);

    const summary = succeeded(step("summary", { GPCONNECT_DOCS_BASE: "HEAD~1", GPCONNECT_DOCS_PREVIEW_URL: "https://example.org/artifact/1", GITHUB_STEP_SUMMARY: "" }));
    assert.match(summary, /\[Download the built site\]\(https:\/\/example\.org\/artifact\/1\)/);
    assert.match(summary, /Pages this change publishes \(1\)\n\n- `\/getting_started\.html`\n/);
    assert.match(summary, /1 content fault: see the annotations/);
  });

});
