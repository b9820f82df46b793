import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { commitDatesFile } from "../../src/source/gitDates.ts";
import { BuildError } from "../../src/shared/diagnostics.ts";
import { temporaryFolder } from "../helpers/build.ts";

describe("--commit-dates: each file's last commit date, for a tree that is not a git checkout", () => {
  const folder = temporaryFolder("gpc-dates-");
  const file = (name: string, text: string): string => {
    writeFileSync(path.join(folder, name), text);
    return path.join(folder, name);
  };

  it("gives each file of the tree its date, by absolute path", () => {
    const dates = commitDatesFile(file("good.json", JSON.stringify({ "pages/a.md": "2024-03-22T16:40:13+00:00" })), "/tree");
    assert.deepEqual([...dates], [[path.resolve("/tree/pages/a.md"), new Date("2024-03-22T16:40:13Z")]]);
  });

  it("refuses a file that is not an object of ISO dates, naming the file and the entry", () => {
    for (const [name, text, entry] of [["bad-date.json", JSON.stringify({ "pages/a.md": "last Tuesday" }), /pages\/a\.md/], ["bad-json.json", "{", /JSON/]] as const) {
      assert.throws(
        () => commitDatesFile(file(name, text), "/tree"),
        (error: unknown) => error instanceof BuildError && error.diagnostic.file.endsWith(name) && entry.test(error.diagnostic.message),
      );
    }
  });
});
