import { z } from "zod";
import { html, raw } from "../shared/html.ts";
import { defineComponent } from "./types.ts";

/**
 * `max-width` as the theme's image.html takes it: GP Connect's include reads a percentage (`max-width="50"`), the
 * theme's own reads pixels (`max-width="600"`, `"200px"`). A unit written wins; else the unit the tree's own
 * image.html appends (`{{include.max-width}}px`); else a bare number over 100 cannot be a share of the column, so it
 * is pixels. Widths snap to steps (10 %, 50 px) so a class does it and no inline style is needed (strict CSP).
 */
const maxWidth = z.string().transform((value, ctx) => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(px|%)?\s*$/i.exec(value);
  const n = Number(match?.[1]);
  if (!match || !(n > 0)) {
    ctx.addIssue({ code: "custom", message: "expected a width such as 50 (per cent) or 200px" });
    return z.NEVER;
  }
  return { n, unit: match[2]?.toLowerCase() as "px" | "%" | undefined };
});

/** The unit the tree's own image.html writes after `{{include.max-width}}`, if it has one (not the `%}` of a tag's end). */
const treeUnit = (treeInclude: string | undefined): "px" | "%" | undefined => /include\.max-width\s*\}\}\s*(px|%(?!\}))/.exec(treeInclude ?? "")?.[1] as "px" | "%" | undefined;

function widthClass({ n, unit }: { n: number; unit: "px" | "%" | undefined }, treeInclude: string | undefined): string {
  const pixels = (unit ?? treeUnit(treeInclude) ?? (n > 100 ? "px" : "%")) === "px";
  return pixels ? ` app-figure--max-px-${Math.min(Math.max(Math.round(n / 50) * 50, 50), 1000)}` : ` app-figure--max-${Math.min(Math.round(n / 10) * 10 || 10, 100)}`;
}

export const image = defineComponent({
  name: "image.html",
  args: z.object({ file: z.string(), alt: z.string().default(""), caption: z.string().optional(), url: z.string().optional(), "max-width": maxWidth.optional() }),
  render: (args, { site, markdownInline, treeInclude }) => {
    // Without a file the caption is all there is to show (Jekyll's include shows it under a broken image).
    const img = args.file ? html`<img src="${site.url(`/images/${args.file}`)}" alt="${args.alt}" loading="lazy">` : "";
    const width = args["max-width"] ? widthClass(args["max-width"], treeInclude) : "";
    const target = args.url === undefined ? undefined : site.url(args.url);
    return html`<figure class="app-figure${width}">${target ? html`<a href="${target}">${img}</a>` : img}${args.caption ? html`<figcaption>${raw(markdownInline(args.caption))}</figcaption>` : ""}</figure>`.value;
  },
});

export const inlineImage = defineComponent({
  name: "inline_image.html",
  args: z.object({ file: z.string(), alt: z.string().default("") }),
  render: ({ file, alt }, { site }) => (file ? html`<img class="app-inline-image" src="${site.url(`/images/${file}`)}" alt="${alt}">`.value : ""),
});
