import { existsSync } from "node:fs";
import { cp, readdir } from "node:fs/promises";
import path from "node:path";
import { BuildError } from "../shared/diagnostics.ts";
import { PROJECT_ROOT, relativePath } from "../shared/sitePaths.ts";

/** The starter tree `init` copies, in the documentation-theme format; it ships in the package. */
const SCAFFOLD = path.join(PROJECT_ROOT, "scaffold");

/**
 * `gpconnect-docs init [folder]`: copies the starter tree into `folder` (made if missing) and returns its
 * files. It never overwrites: a file already there stops it before anything is written.
 */
export async function initTree(folder: string): Promise<readonly string[]> {
  const files = (await readdir(SCAFFOLD, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relativePath(SCAFFOLD, path.join(entry.parentPath, entry.name)))
    .sort();
  const existing = files.filter((file) => existsSync(path.join(folder, file)));
  if (existing.length > 0) {
    throw new BuildError({
      code: "init",
      file: relativePath(process.cwd(), path.join(folder, existing[0]!)),
      message: `already exists, as ${existing.length} of the ${files.length} files init writes do; nothing was written`,
      hint: "run init in a new or empty folder: gpconnect-docs init my-spec",
    });
  }
  await cp(SCAFFOLD, folder, { recursive: true, errorOnExist: true, force: false });
  return files;
}
