import { BuildError } from "../shared/diagnostics.ts";
import type { Context, Liquid, Tag, TagToken, TopLevelToken } from "liquidjs";
import type { SiteModel } from "../source/model.ts";
import { isExternalUrl, withoutLeadingSlash } from "../shared/sitePaths.ts";
import { displayPath, type SourceLines } from "../source/sourceFile.ts";
import type { LiquidTagDefinition } from "./includeTag.ts";

/** Jekyll's `relative_url`: the site path under the path prefix (`baseurl`). */
export function relativeUrl(site: SiteModel, input: unknown): string {
  if (input === undefined || input === null) return "";
  const text = String(input);
  if (isExternalUrl(text)) return text;
  return site.url(text);
}

/** Jekyll's `absolute_url`: `url` of `_config.yml` (or the settings), then the relative URL. */
export function absoluteUrl(site: SiteModel, input: unknown): string {
  if (input === undefined || input === null) return "";
  const text = String(input);
  if (isExternalUrl(text)) return text;
  const origin = (site.config.url || site.settings.url || "").replace(/\/+$/, "");
  return origin + relativeUrl(site, text);
}

interface PathTagState {
  argument: string;
  line: number;
}

/** `{% link path/to/file.md %}` and `{% post_url 2016-02-24-first-post %}`: the URL Jekyll gives that file, or an error naming the tag's line. */
export function createPathTag(kind: "link" | "post_url", site: () => SiteModel, lines: SourceLines): (liquid: Liquid) => LiquidTagDefinition<PathTagState> {
  return (liquid) => ({
    parse(this: Tag & PathTagState, token: TagToken, _remain: TopLevelToken[]) {
      this.argument = token.args.trim();
      this.line = token.getPosition()[0] ?? 0;
    },
    async render(this: Tag & PathTagState, ctx: Context) {
      const model = site();
      const argument = /\{\{/.test(this.argument) ? (await liquid.parseAndRender(this.argument, ctx.getAll())).trim() : this.argument;
      const wanted = withoutLeadingSlash(argument);
      const found =
        kind === "link"
          ? model.tree.pages.find((page) => page.output && page.file === wanted) ?? model.tree.statics.find((file) => file.file === wanted)
          : model.tree.pages.find((page) => page.type === "posts" && page.file.replace(/^.*\//, "").replace(/\.[^.]+$/, "") === wanted.replace(/^.*\//, ""));
      if (found) return relativeUrl(model, "url" in found ? found.url : `/${found.outputPath}`);
      const inputPath = String(ctx.getSync(["page", "inputPath"]) ?? "");
      throw new BuildError({
        code: kind === "link" ? "unknown-link" : "unknown-post",
        file: inputPath ? displayPath(model.contentDir, inputPath) : "(unknown file)",
        line: inputPath ? lines.authorLine(inputPath, this.line) : this.line,
        message: kind === "link" ? `{% link ${argument} %}: no file ${argument} is published from this tree` : `{% post_url ${argument} %}: no post ${argument} in _posts/`,
        hint: kind === "link" ? "give the file's path from the tree's root, with its extension (pages/guide.md)" : "give the post's file name without its extension (2016-02-24-first-post)",
      });
    },
  });
}

/** Ruby's `<=>` for the values Liquid sorts: numbers by value, anything else as strings (byte order). */
function rubyCompare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Jekyll's `sort`: by a property if given, items without it first (or last, with `nils: "last"`). */
export function jekyllSort(input: unknown, property?: unknown, nils: unknown = "first"): unknown[] {
  const items = Array.isArray(input) ? [...input] : input === undefined || input === null ? [] : [input];
  if (property === undefined || property === null) return items.sort(rubyCompare);
  const key = String(property);
  const valueOf = (item: unknown): unknown => (item && typeof item === "object" ? (item as Record<string, unknown>)[key] : undefined);
  const missing = items.filter((item) => valueOf(item) === undefined || valueOf(item) === null);
  const present = items.filter((item) => !missing.includes(item)).sort((a, b) => rubyCompare(valueOf(a), valueOf(b)));
  return nils === "last" ? [...present, ...missing] : [...missing, ...present];
}
