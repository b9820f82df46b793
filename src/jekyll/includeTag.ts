import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Context, Liquid, Tag, TagToken, Template, TopLevelToken } from "liquidjs";
import { BuildError, didYouMean, type DiagnosticLog } from "../shared/diagnostics.ts";
import type { Component, PageSummary, RenderContext } from "../components/types.ts";
import { componentArgumentNames, readComponentArguments } from "../components/arguments.ts";
import type { SiteModel } from "../source/model.ts";
import type { ListedPage } from "../source/pages.ts";
import { displayPath, type SourceLines } from "../source/sourceFile.ts";
import { rubyLiquidCompat } from "./rubyLiquid.ts";
import { relativePath } from "../shared/sitePaths.ts";
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

/** The site's pages and posts as `site.pages` then `site.posts` list them: pages by file name, posts newest first. */
function pageSummaries(ctx: Context, site: SiteModel): PageSummary[] {
  const all = (ctx.getSync(["collections", "all"]) ?? []) as ListedPage[];
  // Posts' rendered content, from Jekyll's `site.posts`.
  const postContent = new Map(((ctx.getSync(["site", "posts"]) ?? []) as { url?: unknown; content?: unknown }[]).map((post) => [String(post.url), String(post.content ?? "")]));
  const listed = all
    .filter((item) => item.url)
    .map((item) => {
      const treePage = site.tree.page(relativePath(site.contentDir, item.inputPath));
      return {
        summary: {
          title: String(item.data.title ?? item.url),
          url: String(item.url),
          summary: typeof item.data.summary === "string" ? item.data.summary : undefined,
          tags: Array.isArray(item.data.tags) ? item.data.tags.map(String) : typeof item.data.tags === "string" ? [item.data.tags] : [],
          ...(treePage?.type === "posts" ? { post: true, content: postContent.get(String(item.url)) ?? "" } : {}),
        },
        name: path.basename(item.inputPath),
        date: treePage?.date?.getTime() ?? 0,
      };
    });
  const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const pages = listed.filter((entry) => !entry.summary.post).sort(byName);
  const posts = listed.filter((entry) => entry.summary.post).sort((a, b) => b.date - a.date);
  return [...pages, ...posts].map((entry) => entry.summary);
}

/**
 * Whether a call must render the tree's own include (`treeText`, when it ships one) rather than the component:
 * it passes an argument the component does not take and that include reads (`include.width`), so the
 * component would lose it.
 */
function treeIncludeNeeded(component: Component, args: Readonly<Record<string, unknown>>, treeText: string | undefined): boolean {
  if (treeText === undefined) return false;
  const known = new Set(componentArgumentNames(component));
  const read = new Set([...treeText.matchAll(/\binclude\.([\w-]+)/g)].map((match) => match[1]!));
  return Object.keys(args).some((key) => !known.has(key) && read.has(key));
}

/**
 * Jekyll's `{% include NAME key="value" %}`: a TypeScript component when one
 * exists, otherwise the tree's own `_includes/NAME` rendered with its
 * arguments under `include.*`; anything else is an error naming the file and
 * line and the includes that exist. With `relative`, Jekyll's
 * `{% include_relative FILE %}`: the file beside the page.
 */
export function createIncludeTag(options: IncludeTagOptions, relative = false): (liquid: Liquid) => LiquidTagDefinition<IncludeState> {
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
      // `include_relative` reads the file beside the page, anywhere in the tree; `include`, from `_includes/`.
      const pagePath = String(ctx.getSync(["page", "inputPath"]) ?? "");
      const includesDir = relative ? site.contentDir : path.join(site.contentDir, "_includes");
      const file = relative ? path.resolve(path.dirname(pagePath), name) : path.join(includesDir, name);
      const component = relative ? undefined : options.components.get(name);
      if (component) {
        const treeText = isInside(includesDir, file) && existsSync(file) ? readFileSync(file, "utf8") : undefined;
        if (!treeIncludeNeeded(component, args, treeText)) return renderComponent(component, args, { site, where, ctx, treeText });
      }
      if (relative && (!isInside(includesDir, file) || !existsSync(file))) {
        throw new BuildError({ code: "unknown-include", file: where.file, line: where.line, message: `include_relative "${name}": no such file beside this page`, hint: "give the file's path from the page's folder" });
      }
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

  function renderComponent(
    component: Component,
    given: Record<string, unknown>,
    { site, where, ctx, treeText }: { site: SiteModel; where: ReturnType<typeof locate>; ctx: Context; treeText: string | undefined },
  ): string {
    const { args, problems } = readComponentArguments(component, given);
    for (const { argument, missing, message } of problems) {
      const hint = missing ? `write {% include ${component.name} ${argument}="…" %}` : `correct ${argument}, or remove it`;
      options.log.warn({ code: "include-argument", file: where.file, line: where.line, message: `${component.name} ${message}`, hint });
    }
    const context: RenderContext = {
      page: { file: where.file, line: where.line, url: where.url, tagName: ctx.getSync(["tagName"]) as string | undefined },
      site,
      log: options.log,
      markdownInline: options.markdownInline,
      pages: () => pageSummaries(ctx, site),
      ...(treeText === undefined ? {} : { treeInclude: treeText }),
    };
    return component.render(args, context);
  }
}
