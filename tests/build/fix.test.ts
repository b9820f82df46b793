import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { SETTINGS_FILE } from "../../src/source/settings.ts";
import { listFiles, ROOT, temporaryFolder } from "../helpers/build.ts";

const CONTENT = path.join(ROOT, "content");

/** Every file of a tree, byte for byte. */
const snapshot = (dir: string): Map<string, Buffer> => new Map(listFiles(dir).map((file) => [file, readFileSync(path.join(dir, file))]));

describe("npm run fix on a copy of content/", () => {
  const copy = temporaryFolder("gpc-fix-content-");
  let settings: string;
  let original: Map<string, Buffer>;
  const run = (command: string, extra: string[]) =>
    spawnSync(process.execPath, ["bin/gpconnect-docs.mjs", command, "--input", copy, ...extra], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const fix = (...extra: string[]) => run("fix", extra);
  const build = (...extra: string[]) => run("build", ["--output", temporaryFolder("gpc-fix-site-"), ...extra]);

  before(() => {
    cpSync(CONTENT, copy, { recursive: true });
    // The tree's own settings file (the settings API names it), copied with the tree.
    settings = path.join(copy, SETTINGS_FILE);
    original = snapshot(copy);
  });

  it("shows the certain repairs as diffs and writes nothing without --write", () => {
    const run = fix();
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^-- Communication â€“ ongoing communication with GP Connect$/m);
    assert.match(run.stdout, /^\+- Communication – ongoing communication with GP Connect$/m);
    assert.match(run.stdout, /^\+- \[Solution assurance\]\(testing_api_provider_testing\.html#solution-assurance\)/m);
    assert.match(run.stdout, /nothing was written \(add --write to apply them\)\.$/m);
    assert.match(run.stdout, /Not repaired \(not certain\):\n(?:.*\n)*.*overview_deployment\.md:10: \[broken-link\].*did you mean tag_first_of_type\.html\?\): the nearest name is not surely the one meant/);
    assert.deepEqual(snapshot(copy), original, "no file changed");
  });

  it("with --write, repairs those lines and leaves every other byte of the tree as it was", () => {
    const run = fix("--write");
    assert.equal(run.status, 0, run.stderr);
    const after = snapshot(copy);
    assert.deepEqual([...after.keys()], [...original.keys()], "no file added or removed");
    const changed = [...after].filter(([file, bytes]) => !bytes.equals(original.get(file)!)).map(([file]) => file);
    assert.ok(changed.includes("pages/overview/overview_engage.md") && changed.includes("pages/testing/testing_api_consumer_testing.md"), changed.join(", "));
    for (const file of changed) {
      const before = original.get(file)!.toString("utf8").split("\n");
      const now = after.get(file)!.toString("utf8").split("\n");
      assert.equal(now.length, before.length, `${file} keeps its lines`);
      for (const [i, line] of now.entries()) {
        if (line === before[i]) continue;
        // Each changed line is one the diff showed, and keeps its line ending.
        assert.ok(run.stdout.includes(`-${before[i]!.replace(/\r$/, "")}\n+${line.replace(/\r$/, "")}`), `${file}:${i + 1} changed as shown`);
        assert.equal(line.endsWith("\r"), before[i]!.endsWith("\r"));
      }
    }
    assert.match(after.get("pages/overview/overview_engage.md")!.toString("utf8").split("\n")[21]!, /^- Communication – ongoing/);
  });

  it("after --write the build reports the repaired accepted faults as stale, and fix removes their entries", () => {
    const before = readFileSync(settings, "utf8");
    // fix builds the tree first: the faults it finds are the build's, stale accepted faults among them.
    const removal = fix("--write");
    assert.equal(removal.status, 0, removal.stderr);
    assert.match(removal.stdout, /\(stale-accepted-fault: accepted fault \[mojibake\] pages\/overview\/overview_engage\.md:22 no longer occurs\)/);
    const now = readFileSync(settings, "utf8");
    assert.doesNotMatch(now, /code: mojibake/);
    const removed = before.split("\n").filter((line) => !now.split("\n").includes(line));
    assert.ok(removed.length > 0 && removed.every((line) => /^\s+- \{ code: [a-z-]+, file: /.test(line)), `only accepted-fault entries go:\n${removed.join("\n")}`);
    assert.equal(now.split("\n").length, before.split("\n").length - removed.length, "nothing else in the settings changes");

    const strict = build("--strict");
    assert.equal(strict.status, 0, strict.stdout + strict.stderr);
    assert.doesNotMatch(strict.stdout, /stale-accepted-fault/, "every entry left still occurs");
  });
});
