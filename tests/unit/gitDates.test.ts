import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { commitDatesFile, lastCommitDates } from "../../src/source/gitDates.ts";
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

describe("each file's last commit date in a git checkout", () => {
  it("dates a change merged from another branch by the merge that brought it, as the branch has it", () => {
    const repo = temporaryFolder("gpc-merged-");
    let day = 0;
    const git = (...args: string[]): void => {
      if (args[0] === "commit" || args[0] === "merge") day++;
      const date = new Date(Date.UTC(2024, 0, day)).toISOString();
      execFileSync("git", ["-C", repo, ...args], { env: { ...process.env, GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.org", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.org", GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
    };
    const write = (file: string, text: string): void => writeFileSync(path.join(repo, file), text);
    git("init", "-q", "-b", "release");
    write("a.md", "a\n");
    write("b.md", "b\n");
    git("add", "-A");
    git("commit", "-q", "-m", "both pages"); // 1 January
    git("checkout", "-q", "-b", "feature");
    write("a.md", "a, reworded\n");
    git("commit", "-q", "-am", "a on a feature branch"); // 2 January
    git("checkout", "-q", "release");
    write("b.md", "b, reworded\n");
    git("commit", "-q", "-am", "b on the release"); // 3 January
    git("merge", "-q", "--no-ff", "-m", "merge the feature", "feature"); // 4 January
    const dates = lastCommitDates(repo);
    assert.equal(dates.get(path.join(repo, "a.md"))?.toISOString(), "2024-01-04T00:00:00.000Z", "a reached the release with the merge");
    assert.equal(dates.get(path.join(repo, "b.md"))?.toISOString(), "2024-01-03T00:00:00.000Z");
  });
});
