import { z } from "zod";
import { html, htmlToText, raw } from "../shared/html.ts";
import { defineComponent, type PageSummary } from "./types.ts";

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
    // The theme lists pages in Jekyll's `site.pages` order, then posts newest first, with their type and summary; readers get the same words.
    const tagged = context.pages().filter((p) => p.tags.includes(tag));
    const pages = tagged.filter((p) => !isPost(p)).sort((a, b) => comparePaths(a.file ?? a.url, b.file ?? b.url));
    const posts = tagged.filter(isPost).sort((a, b) => comparePaths(b.file!, a.file!));
    const intro = `tag-list-${tag.replace(/[^\w-]/g, "-")}`;
    return html`<p id="${intro}">The following pages and posts are tagged with <strong>${tag}</strong></p><table class="app-tag-list" aria-labelledby="${intro}"><thead><tr><th scope="col">Title</th><th scope="col">Type</th><th scope="col">Excerpt</th></tr></thead><tbody>${[...pages, ...posts].map(
      (p) => html`<tr><td><a href="${context.site.url(p.url)}">${raw(p.title)}</a></td><td>${isPost(p) ? "Post" : "Page"}</td><td>${excerpt(p.summary ?? "")}</td></tr>`,
    )}</tbody></table>`.value;
  },
});

const isPost = (page: PageSummary): boolean => /(?:^|[\\/])_posts[\\/]/.test(page.file ?? "");

/** The theme's `summary | strip_html | strip_newlines | truncate: 160`. */
function excerpt(summary: string): string {
  const text = htmlToText(summary).replace(/[\r\n]+/g, "");
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** Jekyll sorts `site.pages` by file name (byte order), whatever the folder. */
function comparePaths(a: string, b: string): number {
  const name = (file: string): string => file.slice(file.search(/[^\\/]*$/));
  const [left, right] = [name(a), name(b)];
  return left < right ? -1 : left > right ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
