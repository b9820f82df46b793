import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { bundleCli } from "../../bin/bundle.mjs";

/** The npm packages a module of the bundle imports. */
const packagesOf = (source: string): string[] => [...source.matchAll(/^import\s[^;]*?from\s*"([^".][^"]*)"/gm)].map((m) => m[1]!).filter((name) => !name.startsWith("node:"));

describe("the CLI bundle", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "gpc-bundle-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("loads the versions layer, fix and init only when their command runs, with the packages only they use", async () => {
    const entry = (await bundleCli(dir, { sourcemap: false })) as string;
    const main = readFileSync(entry, "utf8");
    assert.ok(packagesOf(main).includes("@11ty/eleventy"), "a build's own modules are in the entry");
    for (const name of ["node-html-parser", "diff"]) assert.ok(!packagesOf(main).includes(name), `${name} is not loaded by a build`);
    const chunks = readdirSync(dir).filter((file) => file !== path.basename(entry)).map((file) => readFileSync(path.join(dir, file), "utf8"));
    assert.ok(chunks.some((chunk) => packagesOf(chunk).includes("node-html-parser") && packagesOf(chunk).includes("diff")), "the versions layer is a chunk of its own");
    assert.match(main, /import\("\.\/chunk-[\w-]+\.mjs"\)/, "the entry imports its chunks when a command needs them");
  });
});
