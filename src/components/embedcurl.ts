import { z } from "zod";
import { html, raw } from "../shared/html.ts";
import { highlightCode } from "../markdown/highlight.ts";
import { defineComponent } from "./types.ts";

/** A titled shell command, highlighted as bash. */
export const embedcurl = defineComponent({
  name: "embedcurl.html",
  args: z.object({ command: z.string(), title: z.string().default("Example request") }),
  render: ({ command, title }) => html`<figure class="app-command"><figcaption class="app-command__title">${title}</figcaption>${raw(highlightCode(command, "bash"))}</figure>`.value,
});
