import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { html } from "../shared/html.ts";
import { defineComponent } from "./types.ts";

/** Size of the journey picture the stage rectangles are drawn on. */
const PICTURE = { file: "/images/development/NHS_API_Development_Journey-1024x835.jpg", width: 1024, height: 835 };

/**
 * The developer journey: an ordered list of stage links that everyone gets,
 * and the journey picture as a scalable SVG whose stage areas are links for
 * pointer users (hidden from assistive technology, which has the list).
 * A tree without the picture gets the list alone.
 */
export const developerJourney = defineComponent({
  name: "developer_journey.html",
  args: z.object({}),
  render: (_args, { site }) => {
    const stages = site.journey;
    const picture = existsSync(path.join(site.contentDir, PICTURE.file)) ? PICTURE : undefined;
    const areas = stages.flatMap(({ name, href: target, rect }) => {
      if (!rect) return [];
      const [left, top, right, bottom] = rect;
      return [html`<a href="${site.url(target)}" tabindex="-1"><title>${name}</title><rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" /></a>`];
    });
    return html`<nav class="app-journey" aria-labelledby="app-journey-title"><h2 class="app-journey__title" id="app-journey-title">Developer journey</h2><ol class="app-journey__stages">${stages.map(
      (stage) => html`<li><a href="${site.url(stage.href)}">${stage.name}</a>${stage.text && stage.text !== stage.name ? html`<span class="app-journey__text"> – ${stage.text}</span>` : ""}</li>`,
    )}</ol>${picture ? html`<svg class="app-journey__map" viewBox="0 0 ${picture.width} ${picture.height}" aria-hidden="true" focusable="false"><image href="${site.url(picture.file)}" width="${picture.width}" height="${picture.height}" />${areas}</svg>` : ""}</nav>`.value;
  },
});
