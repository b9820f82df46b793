import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { PROJECT_ROOT } from "../shared/sitePaths.ts";
import { timed, type RunFigures } from "./measure.ts";

export interface VersionsFigures {
  readonly cold: RunFigures;
  readonly unchanged: RunFigures;
  /** One page of the first git version changed by a new commit: that version alone rebuilds. */
  readonly onePage: RunFigures;
  readonly changedFile: string;
}

/**
 * Times `build --versions` cold (empty cache), warm with nothing changed, and
 * warm with one page changed in one version. The change is committed to a
 * shared bare clone in `work` (its objects borrowed from the original), so
 * the repository the versions file names is never written to.
 */
export async function measureVersions(versionsFile: string, work: string): Promise<VersionsFigures> {
  const doc = parseDocument(readFileSync(versionsFile, "utf8"));
  const repository = path.resolve(path.dirname(versionsFile), String(doc.get("repository")));
  const clone = path.join(work, "versions-repo.git");
  // Every ref as the original has it (its remote branches, origin/…, too), so the versions file's refs name the same commits.
  execFileSync("git", ["clone", "-q", "--mirror", "--shared", repository, clone]);
  const git = (args: readonly string[], env: NodeJS.ProcessEnv = {}, input?: string): string => execFileSync("git", ["-C", clone, ...args], { encoding: "utf8", env: { ...process.env, ...env }, input });
  doc.set("repository", clone);
  const versions = (doc.toJS() as { versions: { ref?: string }[] }).versions;
  const file = path.join(work, "versions.yml");
  writeFileSync(file, doc.toString());
  const build = (): Promise<RunFigures> => timed(process.execPath, ["bin/gpconnect-docs.mjs", "build", "--versions", file, "--cache", path.join(work, "versions-cache"), "--output", path.join(work, "versions-site")], PROJECT_ROOT);
  const cold = await build();
  const unchanged = await build();
  const ref = versions.find((v) => v.ref)!.ref!;
  const changedFile = git(["ls-tree", "-r", "--name-only", ref]).split("\n").find((f) => /^pages\/.*\.md$/.test(f)) ?? git(["ls-tree", "-r", "--name-only", ref]).split("\n").find((f) => f.endsWith(".md"))!;
  const index = { GIT_INDEX_FILE: path.join(work, "versions-index") };
  const who = { GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.org", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.org" };
  git(["read-tree", ref], index);
  const blob = git(["hash-object", "-w", "--stdin"], {}, `${git(["show", `${ref}:${changedFile}`])}\nOne more sentence, for the benchmark.\n`).trim();
  git(["update-index", "--cacheinfo", `100644,${blob},${changedFile}`], index);
  const tree = git(["write-tree"], index).trim();
  git(["update-ref", git(["rev-parse", "--symbolic-full-name", ref]).trim(), git(["commit-tree", tree, "-p", ref, "-m", "bench: one page changed"], who).trim()]);
  return { cold, unchanged, onePage: await build(), changedFile: `${ref}:${changedFile}` };
}
