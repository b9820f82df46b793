import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { dependencyFolder, PROJECT_ROOT } from "../shared/sitePaths.ts";
import { bundleScripts } from "./scripts.ts";
import { compileStyles } from "./styles.ts";

/** The site's stylesheet, scripts and the icons its styles draw: files by path under the site's `assets/`, and the content hash each page's link to them carries. */
export interface SiteAssets {
  readonly files: ReadonlyMap<string, Uint8Array | string>;
  readonly versions: Readonly<Record<string, string>>;
}

/** `styles/` (Sass), `scripts/` (TypeScript), `static/` (copied as is). */
export const ASSET_SOURCES = path.join(PROJECT_ROOT, "assets");
/** Where `npm pack` leaves the compiled assets: the installed package ships no sources, so it needs neither Sass, esbuild nor nhsuk-frontend. */
const PREBUILT = path.join(PROJECT_ROOT, "dist/assets");
const VERSIONS = "versions.json";

/** The checkout compiles its sources (cached by content hash); the installed package reads what was compiled when it was packed. */
export async function siteAssets(): Promise<SiteAssets> {
  return existsSync(path.join(ASSET_SOURCES, "styles")) ? compileSiteAssets() : readPrebuilt();
}

/** The icons nhsuk-frontend's CSS draws (search box clear button, table sort arrows). */
const NHSUK_ICONS = ["cross", "arrow-down", "arrow-up", "arrow-up-down"].map((name) => `images/nhsuk-icon-${name}.svg`);

async function compileSiteAssets(): Promise<SiteAssets> {
  const nhsukFrontend = dependencyFolder("nhsuk-frontend");
  const [styles, scripts, icons] = await Promise.all([
    compileStyles({ entry: path.join(ASSET_SOURCES, "styles/site.scss"), nhsukFrontend, sass: dependencyFolder("sass"), cacheDir: path.join(PROJECT_ROOT, "node_modules/.cache/gpconnect-docs") }, PROJECT_ROOT),
    bundleScripts(path.join(ASSET_SOURCES, "scripts/site.ts"), PROJECT_ROOT),
    Promise.all(NHSUK_ICONS.map(async (name) => [name, await fs.readFile(path.join(nhsukFrontend, "dist/nhsuk/assets", name))] as const)),
  ]);
  return { files: new Map<string, Uint8Array | string>([["site.css", styles.css], ...scripts.files, ...icons]), versions: { "/assets/site.css": styles.hash, "/assets/site.js": scripts.hash } };
}

export async function writeAssets(assets: SiteAssets, folder: string): Promise<void> {
  await Promise.all(
    [...assets.files].map(async ([name, contents]) => {
      await fs.mkdir(path.dirname(path.join(folder, name)), { recursive: true });
      await fs.writeFile(path.join(folder, name), contents);
    }),
  );
}

/** Run when the package is packed (bin/bundle.mjs): compiles the assets into dist/assets/. */
export async function writePrebuiltAssets(): Promise<void> {
  const assets = await compileSiteAssets();
  await fs.rm(PREBUILT, { recursive: true, force: true });
  await writeAssets(assets, PREBUILT);
  await fs.writeFile(path.join(PREBUILT, VERSIONS), JSON.stringify(assets.versions));
}

async function readPrebuilt(): Promise<SiteAssets> {
  const versions = JSON.parse(await fs.readFile(path.join(PREBUILT, VERSIONS), "utf8")) as Record<string, string>;
  const names = (await fs.readdir(PREBUILT, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name !== VERSIONS)
    .map((entry) => path.relative(PREBUILT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
  const files = new Map(await Promise.all(names.map(async (name) => [name, await fs.readFile(path.join(PREBUILT, name))] as const)));
  return { files, versions };
}
