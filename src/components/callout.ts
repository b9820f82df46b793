import { z } from "zod";
import { html, raw } from "../shared/html.ts";
import { defineComponent, type Component } from "./types.ts";

/** The theme's callout includes: a label in text (never colour alone) and inline Markdown content. */
export const CALLOUTS = {
  important: { label: "Important", tone: "warning" },
  note: { label: "Note", tone: "info" },
  tip: { label: "Tip", tone: "success" },
  warning: { label: "Warning", tone: "danger" },
  roadmap: { label: "Roadmap", tone: "info" },
  todo: { label: "To do", tone: "info" },
  download: { label: "Download", tone: "info" },
} as const;

const contentArgs = z.object({ content: z.string() });

export function renderCallout(kind: string, label: string | undefined, tone: string, body: string): string {
  return html`<div class="app-callout app-callout--${kind} app-callout--${tone}">${label ? html`<p class="app-callout__label"><strong>${label}:</strong></p>` : ""}<div class="app-callout__body">${raw(body)}</div></div>`.value;
}

export const calloutComponents: Component[] = Object.entries(CALLOUTS).map(([kind, { label, tone }]) =>
  defineComponent({
    name: `${kind}.html`,
    args: contentArgs,
    render: ({ content }, context) => renderCallout(kind, label, tone, context.markdownInline(content)),
  }),
);

const TONES = ["default", "primary", "success", "info", "warning", "danger"] as const;

/** `callout.html`: a bordered block whose `type` picks the colour; no label of its own. */
export const callout = defineComponent({
  name: "callout.html",
  args: z.object({ content: z.string(), type: z.enum(TONES).default("default"), title: z.string().optional() }),
  render: ({ content, type, title }, context) => renderCallout("callout", title, type, context.markdownInline(content)),
});
