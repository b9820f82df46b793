import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { loadVersions } from "../../src/versions/config.ts";
import { BuildError } from "../../src/shared/diagnostics.ts";
import { temporaryFolder } from "../helpers/build.ts";

const write = (text: string): string => {
  const file = path.join(temporaryFolder("gpc-vconfig-"), "versions.yml");
  writeFileSync(file, text);
  return file;
};

/** The message a versions file's fault gives, as the build prints it. */
const fault = (text: string): string => {
  try {
    loadVersions(write(text));
  } catch (error) {
    assert.ok(error instanceof BuildError);
    return error.message;
  }
  assert.fail("expected a fault");
};

describe("the versions file", () => {
  it("reads the issue's example exactly as written: the root is the current release of the first line", () => {
    const file = write(`repository: ../gpconnect      # a git repository, bare or not, relative to this file
versions:
  - { id: "1.6.2", label: "1.6.2", status: current, line: "1.x STU3", ref: feature/1.6.2 }
  - { id: "1.5.0", label: "1.5.0", status: supported, line: "1.x STU3", ref: release/1.5.0 }
  - { id: "0.7.4", label: "0.7.4", status: current, line: "0.x DSTU2", ref: release/0.7.4 }
  - { id: "next", label: "Next (draft)", status: draft, folder: ../gpconnect-work }
`);
    const config = loadVersions(file);
    assert.deepEqual(config.versions.map((v) => [v.id, v.status, v.line, v.source.kind]), [["1.6.2", "current", "1.x STU3", "git"], ["1.5.0", "supported", "1.x STU3", "git"], ["0.7.4", "current", "0.x DSTU2", "git"], ["next", "draft", "", "folder"]]);
    assert.equal(config.root.id, "1.6.2");
    assert.deepEqual(config.versions[0]!.source, { kind: "git", repository: path.resolve(path.dirname(file), "../gpconnect"), ref: "feature/1.6.2" });
  });

  it("names the line and the fix for a status it does not know", () => {
    assert.match(fault('repository: .\nversions:\n  - { id: "1", label: "1", status: current, ref: a }\n  - { id: "2", label: "2", status: live, ref: b }\n'), /versions\.yml:4: error \[versions\] status: one of current, supported, retired, draft/);
  });

  it("refuses two current releases in one line, an id given twice, and a previous that is not listed", () => {
    assert.match(fault('repository: .\nversions:\n  - { id: "1", label: "1", status: current, ref: a }\n  - { id: "2", label: "2", status: current, ref: b }\n'), /versions\.yml:4: error \[versions\] 2 and 1 are both current in the line/);
    assert.match(fault('repository: .\nversions:\n  - { id: "1", label: "1", status: current, ref: a }\n  - { id: "1", label: "1", status: retired, ref: b }\n'), /the id “1” is listed twice/);
    assert.match(fault('repository: .\nversions:\n  - { id: "1", label: "1", status: current, ref: a, previous: "0" }\n'), /previous: “0” is not another listed version/);
  });

  it("needs exactly one of ref and folder, and a repository for a ref", () => {
    assert.match(fault('versions:\n  - { id: "1", label: "1", status: current }\n'), /give exactly one of ref:/);
    assert.match(fault('versions:\n  - { id: "1", label: "1", status: current, ref: main }\n'), /names a ref but the file gives no repository/);
  });
});
