import { z } from "zod";
import { html, raw } from "../shared/html.ts";
import { defineComponent } from "./types.ts";

/** A tag page's table: every page tagged with the page's `tagName`, title and summary. */
export const taglogic = defineComponent({
  name: "taglogic.html",
  args: z.object({}),
  render: (_args, context) => {
    const tag = context.page.tagName;
    if (!tag) {
      context.log.warn({ code: "include-argument", file: context.page.file, line: context.page.line, message: "taglogic.html needs the page's tagName front matter", hint: "add tagName: <tag> to the page's front matter" });
      return "";
    }
    const pages = context
      .pages()
      .filter((p) => p.tags.includes(tag))
      .sort((a, b) => a.title.localeCompare(b.title));
    if (pages.length === 0) return html`<p class="app-tag-list__empty">No pages are tagged ${tag} yet.</p>`.value;
    return html`<table class="app-tag-list"><caption class="nhsuk-u-visually-hidden">Pages tagged ${tag}</caption><thead><tr><th scope="col">Page</th><th scope="col">Summary</th></tr></thead><tbody>${pages.map(
      (p) => html`<tr><td><a href="${context.site.url(`/${p.url.replace(/^\//, "")}`)}">${raw(p.title)}</a></td><td>${raw(p.summary ?? "")}</td></tr>`,
    )}</tbody></table>`.value;
  },
});
