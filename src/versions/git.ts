import { spawn, spawnSync } from "node:child_process";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { BuildError } from "../shared/diagnostics.ts";
import { LAST_CHANGE_LOG, lastChangeByFile } from "../shared/gitLog.ts";

/** Never fetch a missing object from a promisor remote: a partial clone's missing blob is a warning, not a download. */
const GIT_ENV = { ...process.env, GIT_NO_LAZY_FETCH: "1", GIT_TERMINAL_PROMPT: "0" };

/** Runs git in `repo` (bare or not; only its objects and refs are read) and returns its output, or undefined when it fails. */
export function tryGit(repo: string, args: readonly string[]): string | undefined {
  const run = spawnSync("git", ["-C", repo, "-c", "core.quotePath=false", ...args], { encoding: "utf8", env: GIT_ENV, maxBuffer: 512 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  return run.status === 0 ? run.stdout : undefined;
}

/** The commit and tree a ref names; a clear error naming the versions file when the ref or repository is not there. */
export function resolveRef(repo: string, ref: string, where: { file: string; id: string }): { commit: string; tree: string } {
  if (tryGit(repo, ["rev-parse", "--git-dir"]) === undefined) {
    throw new BuildError({ code: "versions", file: where.file, message: `${where.id}: ${repo} is not a git repository`, hint: "set repository: to a git repository (bare or not), relative to the versions file" });
  }
  const commit = tryGit(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])?.trim();
  if (!commit) {
    throw new BuildError({ code: "versions", file: where.file, message: `${where.id}: the repository has no branch, tag or commit “${ref}”`, hint: "name an existing ref (git branch -a lists them); a remote branch is origin/NAME" });
  }
  return { commit, tree: tryGit(repo, ["rev-parse", `${commit}^{tree}`])!.trim() };
}

interface TreeEntry {
  readonly mode: string;
  readonly type: string;
  readonly sha: string;
  readonly file: string;
}

function listTree(repo: string, tree: string): TreeEntry[] {
  const out = tryGit(repo, ["ls-tree", "-r", "-z", "--full-tree", tree]) ?? "";
  return out
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf("\t");
      const [mode, type, sha] = line.slice(0, tab).split(" ") as [string, string, string];
      return { mode, type, sha, file: line.slice(tab + 1) };
    });
}

/**
 * Writes a tree's files into `dest` from the repository's objects (`git
 * ls-tree` and one `git cat-file --batch`): nothing is checked out, the
 * repository's work tree and index are never touched. A blob the repository
 * lacks (a shallow or partial clone, a large file left on a server) is
 * reported through `missing` and left out; submodules are left out too.
 */
export async function writeTree(repo: string, tree: string, dest: string, missing: (file: string, why: string) => void): Promise<number> {
  const entries = listTree(repo, tree);
  const blobs = entries.filter((e) => e.type === "blob");
  for (const e of entries) if (e.type === "commit") missing(e.file, "is a submodule, which is not part of the tree");
  const folders = new Set(blobs.map((e) => path.dirname(path.join(dest, e.file))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  const child = spawn("git", ["-C", repo, "cat-file", "--batch"], { env: GIT_ENV, stdio: ["pipe", "pipe", "ignore"] });
  let buffer: Buffer = Buffer.alloc(0);
  let index = 0;
  const writes: Promise<void>[] = [];
  const done = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (;;) {
        const newline = buffer.indexOf(10);
        if (newline < 0) return;
        const header = buffer.subarray(0, newline).toString("utf8").split(" ");
        const entry = blobs[index]!;
        if (header[1] === "missing") {
          missing(entry.file, "is not in the repository's objects (a shallow or partial clone?)");
          buffer = buffer.subarray(newline + 1);
          index++;
          continue;
        }
        const size = Number(header[2]);
        if (buffer.length < newline + 1 + size + 1) return;
        const content = Buffer.from(buffer.subarray(newline + 1, newline + 1 + size));
        buffer = buffer.subarray(newline + 1 + size + 1);
        index++;
        const target = path.join(dest, entry.file);
        // A symbolic link's blob is its target; anything else is a file.
        writes.push(entry.mode === "120000" ? symlink(content.toString("utf8"), target) : writeFile(target, content, { mode: entry.mode === "100755" ? 0o755 : 0o644 }));
      }
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`git cat-file exited with ${code}`))));
  });
  child.stdin.end(blobs.map((e) => e.sha).join("\n") + "\n");
  await done;
  await Promise.all(writes);
  return blobs.length;
}

/** Whether `ancestor` is reachable from `commit`. */
export function isAncestor(repo: string, ancestor: string, commit: string): boolean {
  return spawnSync("git", ["-C", repo, "merge-base", "--is-ancestor", ancestor, commit], { env: GIT_ENV, stdio: "ignore" }).status === 0;
}

/** Commits between the two: how far apart they are in history. */
function distance(repo: string, from: string, to: string): number {
  return Number(tryGit(repo, ["rev-list", "--count", `${from}..${to}`])?.trim() ?? Infinity);
}

/**
 * The listed release a commit builds on, by history rather than version
 * number: of the candidates that are not its descendants, the one whose
 * merge-base with it is nearest (fewest commits back); an ancestor wins a
 * tie, then the candidate nearest its merge-base.
 */
export function nearestListedAncestor(repo: string, commit: string, candidates: readonly { readonly id: string; readonly commit: string }[]): string | undefined {
  const ranked = candidates.flatMap((c) => {
    if (c.commit === commit) return [];
    const base = tryGit(repo, ["merge-base", commit, c.commit])?.trim();
    if (!base || base === commit) return [];
    return [{ id: c.id, back: distance(repo, base, commit), ancestor: base === c.commit ? 0 : 1, aside: distance(repo, base, c.commit) }];
  });
  ranked.sort((a, b) => a.back - b.back || a.ancestor - b.ancestor || a.aside - b.aside);
  return ranked[0]?.id;
}

/**
 * The date of the last commit (up to `rev`) that changed each file, by path
 * in the tree: one `git log` walk per ref, not one git call per file, read
 * as a single-tree build reads its checkout. With
 * `inFolder`, `repo` is a folder in a checkout and paths are under it (empty
 * when it is in none).
 */
export function lastCommitDatesAt(repo: string, rev: string, inFolder = false): Map<string, string> {
  return lastChangeByFile(tryGit(repo, [...LAST_CHANGE_LOG, ...(inFolder ? ["--relative", rev, "--", "."] : [rev])]) ?? "");
}
