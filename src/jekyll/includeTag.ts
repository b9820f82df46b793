import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Context, Liquid, Tag, TagToken, Template, TopLevelToken } from "liquidjs";
import { BuildError, didYouMean, type DiagnosticLog } from "../shared/diagnostics.ts";
import type { Component, PageSummary, RenderContext } from "../components/types.ts";
import type { SiteModel } from "../source/model.ts";
import type { ListedPage } from "../source/pages.ts";
import { displayPath, type SourceLines } from "../source/sourceFile.ts";
import { rubyLiquidCompat } from "./rubyLiquid.ts";
import { IncludeSyntaxError, parseIncludeArgs, type IncludeCall } from "./includeArgs.ts";
import { isInside } from "../shared/sitePaths.ts";

export interface IncludeTagOptions {
  readonly components: ReadonlyMap<string, Component>;
  readonly site: () => SiteModel;
  readonly log: DiagnosticLog;
  readonly markdownInline: (text: string) => string;
  /** Where a tag's line is in its file, for messages. */
  readonly sourceLines: SourceLines;
  /** The tree's `_includes/` files as parsed templates, by file: owned (and cleared at each build's start) by the build. */
  readonly templates: Map<string, Template[]>;
}

/** The shape Eleventy's addLiquidTag expects (LiquidJS does not export its own type for it). */
export interface LiquidTagDefinition<State> {
  parse(this: Tag & State, token: TagToken, remainTokens: TopLevelToken[]): void;
  render(this: Tag & State, ctx: Context): Promise<string> | string;
}

interface IncludeState {
  call?: IncludeCall;
  syntaxError?: IncludeSyntaxError;
  line: number;
}

/** Where the tag is in the author's file, from Eleventy's page data in the Liquid scope. */
function locate(ctx: Context, site: SiteModel, sourceLines: SourceLines, bodyLine: number): { file: string; line: number; url: string } {
  const inputPath = String(ctx.getSync(["page", "inputPath"]) ?? "");
  const url = String(ctx.getSync(["page", "url"]) ?? "");
  if (!inputPath) return { file: "(unknown file)", line: bodyLine, url };
  return { file: displayPath(site.contentDir, inputPath), line: sourceLines.authorLine(inputPath, bodyLine), url };
}

function listIncludeFiles(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listIncludeFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

function pageSummaries(ctx: Context): PageSummary[] {
  const all = (ctx.getSync(["collections", "all"]) ?? []) as ListedPage[];
  return all
    .filter((item) => item.url)
    .map((item) => ({
      file: item.inputPath,
      title: String(item.data.title ?? item.url),
      url: String(item.url),
      summary: typeof item.data.summary === "string" ? item.data.summary : undefined,
      tags: Array.isArray(item.data.tags) ? item.data.tags.map(String) : typeof item.data.tags === "string" ? [item.data.tags] : [],
    }));
}

/**
 * Jekyll's `{% include NAME key="value" %}`: a TypeScript component when one
 * exists, otherwise the tree's own `_includes/NAME` rendered with its
 * arguments under `include.*`; anything else is an error naming the file and
 * line and the includes that exist.
 */
export function createIncludeTag(options: IncludeTagOptions): (liquid: Liquid) => LiquidTagDefinition<IncludeState> {
  return (liquid) => ({
    parse(this: Tag & IncludeState, token: TagToken, _remain: TopLevelToken[]) {
      this.line = token.getPosition()[0] ?? 0;
      try {
        this.call = parseIncludeArgs(token.args);
      } catch (error) {
        if (!(error instanceof IncludeSyntaxError)) throw error;
        this.syntaxError = error;
      }
    },
    async render(this: Tag & IncludeState, ctx: Context) {
      const site = options.site();
      const where = locate(ctx, site, options.sourceLines, this.line);
      if (this.syntaxError || !this.call) {
        throw new BuildError({ code: "include-syntax", file: where.file, line: where.line, message: `include tag cannot be read: ${this.syntaxError?.reason ?? "no include name"}`, hint: 'write {% include NAME.html key="value" %}' });
      }
      const args: Record<string, unknown> = {};
      for (const [key, value] of this.call.args) {
        if (value.kind === "variable") args[key] = ctx.getSync(value.path.split("."));
        else args[key] = /\{[{%]/.test(value.value) ? await liquid.parseAndRender(value.value, ctx.getAll()) : value.value;
      }
      const name = /\{\{/.test(this.call.name) ? (await liquid.parseAndRender(this.call.name, ctx.getAll())).trim() : this.call.name;
      const component = options.components.get(name);
      if (component) return renderComponent(component, args, { site, where, ctx });

      const includesDir = path.join(site.contentDir, "_includes");
      const file = path.join(includesDir, name);
      if (!isInside(includesDir, file) || !existsSync(file)) {
        const known = [...options.components.keys(), ...listIncludeFiles(includesDir)].sort();
        const suggestion = didYouMean(name, known);
        throw new BuildError({
          code: "unknown-include",
          file: where.file,
          line: where.line,
          message: `unknown include "${name}"`,
          hint: `${suggestion ? `did you mean "${suggestion}"? ` : ""}known includes: ${known.join(", ")}`,
        });
      }
      let templates = options.templates.get(file);
      if (!templates) {
        templates = liquid.parse(rubyLiquidCompat(readFileSync(file, "utf8")), file);
        options.templates.set(file, templates);
      }
      ctx.push({ include: args });
      try {
        return (await liquid.render(templates, ctx.getAll())) as string;
      } finally {
        ctx.pop();
      }
    },
  });

  function renderComponent(component: Component, args: Record<string, unknown>, { site, where, ctx }: { site: SiteModel; where: ReturnType<typeof locate>; ctx: Context }): string {
    const parsed = component.args.safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const argument = issue.path.join(".");
      options.log.warn({
        code: "include-argument",
        file: where.file,
        line: where.line,
        message:
          argument && args[argument] === undefined
            ? `${component.name} needs the argument "${argument}"; the include is left out of the page`
            : `${component.name}: ${argument ? `argument "${argument}"` : "arguments"}: ${issue.message}; the include is left out of the page`,
        hint: `write {% include ${component.name} ${argument || "content"}="…" %}`,
      });
      return "";
    }
    const context: RenderContext = {
      page: { file: where.file, line: where.line, url: where.url, tagName: ctx.getSync(["tagName"]) as string | undefined },
      site,
      log: options.log,
      markdownInline: options.markdownInline,
      pages: () => pageSummaries(ctx),
    };
    return component.render(parsed.data, context);
  }
}
