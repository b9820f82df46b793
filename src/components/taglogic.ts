import { z } from "zod";
import { html, htmlToText, raw } from "../shared/html.ts";
import { defineComponent } from "./types.ts";

/**
 * A tag page's table, as the theme's taglogic.html prints it: every page, then
 * every post, tagged with the page's `tagName` — title, type and summary
 * (Liquid's `truncate: 160`), or a post's first 50 words.
 */
/** Liquid's `truncate`: at most `length` characters, ending in "..." when cut. */
const truncate = (text: string, length: number): string => (text.length > length ? `${text.slice(0, length - 3)}...` : text);

/** Liquid's `truncatewords`: the first `count` words, ending in "..." when cut. */
const truncateWords = (text: string, count: number): string => {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > count ? `${words.slice(0, count).join(" ")}...` : text;
};

export const taglogic = defineComponent({
  name: "taglogic.html",
  args: z.object({}),
  render: (_args, context) => {
    const tag = context.page.tagName ?? "";
    // Jekyll's include still prints its sentence and an empty table: so does this, after saying why it is empty.
    if (!tag) context.log.warn({ code: "include-argument", file: context.page.file, line: context.page.line, message: "taglogic.html needs the page's tagName front matter; its table is empty", hint: "add tagName: <tag> to the page's front matter" });
    const pages = context.pages().filter((p) => p.tags.includes(tag));
    return html`<p>The following pages and posts are tagged with <strong>${tag}</strong></p><table class="app-tag-list"><thead><tr><th scope="col">Title</th><th scope="col">Type</th><th scope="col">Excerpt</th></tr></thead><tbody>${pages.map(
      (p) => html`<tr><td><a href="${context.site.url(p.url)}">${raw(p.title)}</a></td><td>${p.post ? "Post" : "Page"}</td><td>${p.summary ? truncate(htmlToText(p.summary).replace(/\n/g, ""), 160) : htmlToText(truncateWords(p.content ?? "", 50))}</td></tr>`,
    )}</tbody></table>`.value;
  },
});
