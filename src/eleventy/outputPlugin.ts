import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";

interface TransformThis {
  page: { url: string | false; inputPath: string; outputPath: string | false };
}

/** The last transform: every page with an output file goes out through the build's PageOutput. */
export function outputPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  // Eleventy waits for a saved file to stay the same size for 150 ms before rebuilding; editors write a page at once,
  // and a rebuild of a half-written file is followed by another, so a short wait keeps the author's loop quick.
  eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 20, pollInterval: 10 } });
  eleventyConfig.addTransform("page-output", function (this: TransformThis, content: unknown) {
    const { url, inputPath, outputPath } = this.page;
    if (typeof outputPath !== "string" || url === false) return content;
    const html = Buffer.isBuffer(content) ? content.toString("utf8") : content;
    if (typeof html !== "string") return content;
    return context.output.emit({ url, inputPath, outputPath: path.resolve(outputPath), html });
  });
}
