import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { relativePath } from "../../src/shared/sitePaths.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = path.join(ROOT, "tests/fixtures");

export interface BuildResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly output: string;
  read(file: string): string;
  exists(file: string): boolean;
}

function cliArgs(input: string, output: string, extra: readonly string[]): string[] {
  return [path.join(ROOT, "bin/gpconnect-docs.mjs"), "build", "--input", input, "--output", output, ...extra];
}

const SPAWN_OPTIONS = { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } };

function result(status: number | null, stdout: string, stderr: string, output: string): BuildResult {
  return {
    status,
    stdout,
    stderr,
    output,
    read: (file) => readFileSync(path.join(output, file), "utf8"),
    exists: (file) => existsSync(path.join(output, file)),
  };
}

const made: string[] = [];
// Each test file runs in its own process: its temporary folders go when it ends.
process.on("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder removed when the test process ends. */
export function temporaryFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

const freshOutput = (): string => temporaryFolder("gpc-site-");

/** Runs the real CLI (`npm run build -- …`) on a source tree into a fresh folder. */
export function build(input: string, extra: string[] = []): BuildResult {
  const output = freshOutput();
  const run = spawnSync(process.execPath, cliArgs(input, output, extra), { ...SPAWN_OPTIONS, encoding: "utf8" });
  return result(run.status, run.stdout, run.stderr, output);
}

/** As `build`, without blocking: lets a test file run several builds at once. */
export function buildInBackground(input: string, extra: string[] = [], output = freshOutput()): Promise<BuildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgs(input, output, extra), SPAWN_OPTIONS);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve(result(status, stdout, stderr, output)));
  });
}

/** Every file under `dir`, relative, with forward slashes. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relativePath(dir, path.join(e.parentPath, e.name)));
}
