import fs from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";
import { dependencyFolder, PROJECT_ROOT } from "../shared/sitePaths.ts";
import { bundleScripts } from "../assets/scripts.ts";
import { compileStyles } from "../assets/styles.ts";

const ASSETS = path.join(PROJECT_ROOT, "assets");
const NHSUK_FRONTEND = dependencyFolder("nhsuk-frontend");
const NHSUK_IMAGES = path.join(NHSUK_FRONTEND, "dist/nhsuk/assets/images");

/**
 * What ships to the browser besides pages: `assets/static/` as it is, the
 * stylesheet compiled from `assets/styles/`, the script bundled from
 * `assets/scripts/`. Pages link them through `context.assetUrl`, which adds a content
 * hash so static hosts can cache them for good.
 */
export function assetsPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  eleventyConfig.addPassthroughCopy({ [path.join(ASSETS, "static")]: "assets" });
  // The icons nhsuk-frontend's CSS draws (search box clear button, table sort arrows).
  eleventyConfig.addPassthroughCopy({ [`${NHSUK_IMAGES}/nhsuk-icon-{cross,arrow-down,arrow-up,arrow-up-down}.svg`]: "assets/images" });
  eleventyConfig.addWatchTarget(path.join(ASSETS, "styles"));
  eleventyConfig.addWatchTarget(path.join(ASSETS, "scripts"));

  context.lifecycle.onStart(async ({ outputDir }) => {
    const outDir = path.join(outputDir, "assets");
    const [styles, scripts] = await Promise.all([
      compileStyles({ entry: path.join(ASSETS, "styles/site.scss"), nhsukFrontend: NHSUK_FRONTEND, sass: dependencyFolder("sass"), cacheDir: path.join(PROJECT_ROOT, "node_modules/.cache/gpconnect-docs") }, PROJECT_ROOT),
      bundleScripts(path.join(ASSETS, "scripts/site.ts"), PROJECT_ROOT),
    ]);
    await fs.mkdir(path.join(outDir, "chunks"), { recursive: true });
    await fs.writeFile(path.join(outDir, "site.css"), styles.css);
    await Promise.all([...scripts.files].map(([name, contents]) => fs.writeFile(path.join(outDir, name), contents)));
    context.assetVersions.set("/assets/site.css", styles.hash);
    context.assetVersions.set("/assets/site.js", scripts.hash);
  });

}
