import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { BuildError } from "../shared/diagnostics.ts";

export interface StyleSources {
  /** The Sass entry point (`assets/styles/site.scss`). */
  readonly entry: string;
  /** The installed `nhsuk-frontend` package's folder, for `@use "nhsuk-frontend/..."`. */
  readonly nhsukFrontend: string;
  /** The installed `sass` package's folder (its version is part of the cache key). */
  readonly sass: string;
  /** Where compiled CSS is kept between runs, keyed by a hash of its sources. */
  readonly cacheDir: string;
}

async function sourcesHash({ entry, nhsukFrontend, sass }: StyleSources): Promise<string> {
  const hash = createHash("sha256");
  const version = async (folder: string): Promise<string> => (JSON.parse(await fs.readFile(path.join(folder, "package.json"), "utf8")) as { version: string }).version;
  hash.update(`nhsuk-frontend@${await version(nhsukFrontend)}\0sass@${await version(sass)}\0`);
  const folder = path.dirname(entry);
  for (const name of (await fs.readdir(folder)).filter((n) => n.endsWith(".scss")).sort()) {
    hash.update(`${name}\0`).update(await fs.readFile(path.join(folder, name)));
  }
  return hash.digest("hex").slice(0, 16);
}

/** A Sass failure as the author of the stylesheet needs it: file, line, message. */
function explainSassError(sass: typeof import("sass"), error: unknown, root: string): never {
  if (error instanceof sass.Exception) {
    const file = error.span.url ? path.relative(root, new URL(error.span.url).pathname) : "assets/styles";
    throw new BuildError({ code: "stylesheet", file, line: error.span.start.line + 1, message: error.sassMessage, hint: "fix the Sass at that line" });
  }
  throw error;
}

/**
 * The site's CSS: NHS.UK frontend and the site's own styles compiled by Sass.
 * Compiling takes about a second, so the result is cached by a hash of every
 * source; an unchanged stylesheet costs only the hash.
 */
export async function compileStyles(sources: StyleSources, root: string): Promise<{ css: string; hash: string }> {
  const hash = await sourcesHash(sources);
  const cached = path.join(sources.cacheDir, `site-${hash}.css`);
  try {
    return { css: await fs.readFile(cached, "utf8"), hash };
  } catch {
    // Not compiled yet: compile below.
  }
  // Loading Sass costs more than a cached build's whole stylesheet step: only on a miss.
  const sass = await import("sass");
  let css: string;
  try {
    css = (await sass.compileAsync(sources.entry, { loadPaths: [path.dirname(sources.nhsukFrontend)], style: "compressed", quietDeps: true })).css;
  } catch (error) {
    explainSassError(sass, error, root);
  }
  await fs.mkdir(sources.cacheDir, { recursive: true });
  await fs.writeFile(cached, css);
  return { css, hash };
}
