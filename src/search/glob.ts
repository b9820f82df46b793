/** Characters with a meaning in Pagefind's globs (the `wax` crate), escaped with a backslash to match themselves. */
const GLOB_SPECIAL = /[?*$:<>()[\]{},]/g;

/** Whether a glob can name the file: Pagefind's globs have no escape for a backslash. */
export const globCanName = (file: string): boolean => !file.includes("\\");

/** A glob matching exactly these files (paths relative to the folder searched, `/`-separated; see globCanName). */
export function globOfFiles(files: readonly string[]): string {
  const escaped = files.map((file) => file.replace(GLOB_SPECIAL, (c) => `\\${c}`));
  return escaped.length === 1 ? escaped[0]! : `{${escaped.join(",")}}`;
}
