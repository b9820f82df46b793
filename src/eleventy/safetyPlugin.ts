import type { IncomingMessage, ServerResponse } from "node:http";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildContext } from "./context.ts";
import { eleventyYamlLoader } from "./internals.ts";
import { BuildError } from "../shared/diagnostics.ts";
import { escapingSitePath, relativePath } from "../shared/sitePaths.ts";
import { frontMatterLine } from "../source/jekyllTree.ts";
import { displayPath } from "../source/sourceFile.ts";

/**
 * The template formats Eleventy may render. Nunjucks is not one: a tree's `.njk` file is a Jekyll page only
 * with front matter, and then it is Liquid (the Jekyll plugin maps it so). `11ty.js` is here only for the
 * site's own virtual page layout; the tree's JavaScript templates are never globbed (see `codeTemplates`).
 */
export const TEMPLATE_FORMATS = ["md", "html", "liquid", "11ty.js"];

/** Globs, under the tree, of the files Eleventy would import as JavaScript: a tree's copy of one is a static file at most. */
export const CODE_TEMPLATES = "**/*.{11ty.js,11ty.cjs,11ty.mjs}";

/**
 * Front-matter keys that are Eleventy's, not Jekyll's, and change how Eleventy processes a page (its engine,
 * computed data, pagination, where it is written, what data it imports). Jekyll reads them as plain data;
 * Eleventy never sees them, and a page giving one is warned about at its line.
 */
export const ELEVENTY_KEYS: ReadonlySet<string> = new Set([
  "templateEngineOverride",
  "eleventyComputed",
  "pagination",
  "dynamicPermalink",
  "permalinkBypassOutputDir",
  "eleventyExcludeFromCollections",
  "eleventyImport",
  "eleventyDataSchema",
  "eleventyAllowMissingExtension",
  "eleventy",
]);

/** Languages gray-matter would run as code (`---js`, `---javascript`, Eleventy's `---jsLegacy`, CoffeeScript). */
const CODE_FRONT_MATTER = ["javascript", "js", "jsLegacy", "coffee", "cson", "node"];

/**
 * A tree chooses no code to run: Eleventy reads front matter as YAML only, with its own keys removed,
 * and each page that gives one of those keys is warned about.
 */
export function safetyPlugin(eleventyConfig: UserConfig, { context }: { context: BuildContext }): void {
  const input = context.options.contentDir;
  const load = eleventyYamlLoader(eleventyConfig);
  const refuse = (language: string) => (_text: string, options?: { filePath?: string }): never => {
    throw new BuildError({
      code: "front-matter",
      file: options?.filePath ? displayPath(input, options.filePath) : "(front matter)",
      line: 1,
      message: `front matter in ${language} is code, and a tree may not run code: only YAML front matter is read`,
      hint: "write the front matter in YAML between two --- lines, as Jekyll reads it",
    });
  };
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: (text: string, options?: unknown): unknown => {
        const data = load(text, options);
        if (!data || typeof data !== "object" || Array.isArray(data)) return data;
        return Object.fromEntries(Object.entries(data).filter(([key]) => !ELEVENTY_KEYS.has(key)));
      },
      ...Object.fromEntries(CODE_FRONT_MATTER.map((language) => [language, refuse(language)])),
    },
  });

  // The dev server answers a path leading out of the site at once, before Eleventy's server tries to map it.
  eleventyConfig.setServerOptions({
    middleware: [
      (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
        const escape = escapingSitePath((request.url ?? "/").split(/[?#]/)[0]!);
        if (!escape) return next();
        response.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
        response.end(`400 Bad Request: the path has ${escape}, which leads out of the site\n`);
      },
    ],
  });

  eleventyConfig.addPreprocessor("eleventy-keys", "*", (data: { page: { inputPath: string } }) => {
    const file = relativePath(input, data.page.inputPath);
    const page = context.site().tree.page(file);
    if (!page) return undefined;
    for (const key of Object.keys(page.data)) {
      const line = ELEVENTY_KEYS.has(key) ? frontMatterLine(input, file, key) : undefined;
      if (line === undefined) continue;
      context.log.warn({
        code: "eleventy-key",
        file,
        line,
        message: `${key} is an Eleventy setting, not Jekyll's: it is ignored (a tree cannot change how its pages are processed)`,
        hint: `remove ${key}; Jekyll renders every page with front matter as Liquid, then Markdown for Markdown files`,
      });
    }
    return undefined;
  });
}
