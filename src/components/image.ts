import { z } from "zod";
import { html, raw } from "../shared/html.ts";
import { defineComponent } from "./types.ts";

/**
 * `max-width` is a percentage; figures snap to the nearest 10% step so no inline style is needed (strict CSP).
 * The theme's own image.html reads it as pixels (`max-width="600"`): a value over 100 cannot be a share of the
 * column, so the image keeps its own width (at most the column's), rather than the figure being left out.
 */
const percent = z.coerce
  .number()
  .min(1)
  .transform((n) => (n > 100 ? undefined : Math.round(n / 10) * 10 || 10));

export const image = defineComponent({
  name: "image.html",
  args: z.object({ file: z.string().min(1), alt: z.string().default(""), caption: z.string().optional(), url: z.string().optional(), "max-width": percent.optional() }),
  render: (args, { site, markdownInline }) => {
    const src = site.url(`/images/${args.file}`);
    const img = html`<img src="${src}" alt="${args.alt}" loading="lazy">`;
    const width = args["max-width"] ? ` app-figure--max-${args["max-width"]}` : "";
    const target = args.url === undefined ? undefined : site.url(args.url);
    return html`<figure class="app-figure${width}">${target ? html`<a href="${target}">${img}</a>` : img}${args.caption ? html`<figcaption>${raw(markdownInline(args.caption))}</figcaption>` : ""}</figure>`.value;
  },
});

export const inlineImage = defineComponent({
  name: "inline_image.html",
  args: z.object({ file: z.string().min(1), alt: z.string().default("") }),
  render: ({ file, alt }, { site }) => html`<img class="app-inline-image" src="${site.url(`/images/${file}`)}" alt="${alt}">`.value,
});
