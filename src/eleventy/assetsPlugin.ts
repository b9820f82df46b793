import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";
import { ASSET_SOURCES, siteAssets, writeAssets } from "../assets/siteAssets.ts";

/**
 * What ships to the browser besides pages: `assets/static/` as it is, the
 * stylesheet compiled from `assets/styles/`, the script bundled from
 * `assets/scripts/`, the icons the NHS.UK styles draw. Pages link them through `context.assetUrl`, which adds a content
 * hash so static hosts can cache them for good.
 */
export function assetsPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  eleventyConfig.addPassthroughCopy({ [path.join(ASSET_SOURCES, "static")]: "assets" });
  eleventyConfig.addWatchTarget(path.join(ASSET_SOURCES, "styles"));
  eleventyConfig.addWatchTarget(path.join(ASSET_SOURCES, "scripts"));

  context.lifecycle.onStart(async ({ outputDir }) => {
    const assets = await siteAssets();
    await writeAssets(assets, path.join(outputDir, "assets"));
    for (const [url, hash] of Object.entries(assets.versions)) context.assetVersions.set(url, hash);
  });
}
