import type { z } from "zod";
import type { DiagnosticLog } from "../shared/diagnostics.ts";
import type { SiteModel } from "../source/model.ts";

/** What a component may know about the page it is rendered into. */
export interface PageContext {
  /** Source file relative to the content folder. */
  readonly file: string;
  /** Line of the include in the file as the author sees it. */
  readonly line: number | undefined;
  readonly url: string;
  readonly tagName?: string;
}

export interface PageSummary {
  readonly title: string;
  readonly url: string;
  readonly summary?: string;
  readonly tags: readonly string[];
  /** A post (from `_posts/`) rather than a page. */
  readonly post?: boolean;
  /** A post's HTML content (tag pages show its first words when it has no summary). */
  readonly content?: string;
}

export interface RenderContext {
  readonly page: PageContext;
  readonly site: SiteModel;
  readonly log: DiagnosticLog;
  /** Renders author Markdown as inline HTML (links, emphasis, code). */
  readonly markdownInline: (text: string) => string;
  /** Every published page and post, in Jekyll's order (pages by file name, then posts newest first), for components that list pages (tag pages). */
  readonly pages: () => readonly PageSummary[];
  /** The tree's own `_includes/NAME` for this component, when it ships one: how that include reads an argument (image.html's unit) is how the component reads it. */
  readonly treeInclude?: string;
}

/** One Jekyll include, rendered by TypeScript: typed arguments in, escaped markup out. */
export interface Component<Schema extends z.ZodType = z.ZodType> {
  /** The include's file name as pages write it (`important.html`). */
  readonly name: string;
  readonly args: Schema;
  render(args: z.infer<Schema>, context: RenderContext): string;
}

export function defineComponent<Schema extends z.ZodType>(component: Component<Schema>): Component<Schema> {
  return component;
}
