import { copyFile, link, mkdir, readdir } from "node:fs/promises";
import path from "node:path";

/** Files copied at once: enough to keep the disk busy, few enough to stay clear of open-file limits. */
const AT_ONCE = 16;

/**
 * Copies a folder's files into `to` (made as needed), a few at a time with
 * `copyFile`: about a fifth of the CPU time of `fs.cp`, which walks and copies
 * file by file in JavaScript (measured on five stitched GP Connect releases,
 * 5,000 files). With `linked`, a file is hard-linked instead where the file
 * system allows, for copies inside the cache that are never written in place.
 */
export async function copyTree(from: string, to: string, linked = false): Promise<void> {
  const entries = (await readdir(from, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() || e.isSymbolicLink());
  const files = entries.map((e) => path.relative(from, path.join(e.parentPath, e.name)));
  // A symbolic link is copied as the file it names (what a host serves), never linked to the link itself.
  const symlinks = new Set(entries.filter((e) => e.isSymbolicLink()).map((e) => path.relative(from, path.join(e.parentPath, e.name))));
  for (const folder of new Set(files.map((file) => path.dirname(path.join(to, file))))) await mkdir(folder, { recursive: true });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++]!;
      const source = path.join(from, file);
      const target = path.join(to, file);
      if (linked && !symlinks.has(file)) {
        try {
          await link(source, target);
          continue;
        } catch {
          // Another file system, or one without hard links: copied instead.
        }
      }
      await copyFile(source, target);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
}
