import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

/** Runs the real CLI (`npm run build -- …`) on a source tree into a fresh folder. */
export function build(input: string, extra: string[] = []): BuildResult {
  const output = mkdtempSync(path.join(tmpdir(), "gpc-site-"));
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), "build", "--input", input, "--output", output, ...extra], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    output,
    read: (file) => readFileSync(path.join(output, file), "utf8"),
    exists: (file) => existsSync(path.join(output, file)),
  };
}

/** Every file under `dir`, relative, with forward slashes. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}
