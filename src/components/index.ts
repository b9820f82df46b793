import { callout, calloutComponents } from "./callout.ts";
import { developerJourney } from "./developerJourney.ts";
import { embedcurl } from "./embedcurl.ts";
import { image, inlineImage } from "./image.ts";
import { patientData } from "./patientData.ts";
import { gitterbadge, twitterfollow } from "./social.ts";
import { taglogic } from "./taglogic.ts";
import { tooltip } from "./tooltip.ts";
import type { Component } from "./types.ts";

/** Every include the generator renders in TypeScript, by the name pages use. */
export const components: ReadonlyMap<string, Component> = new Map(
  [...calloutComponents, callout, tooltip, developerJourney, image, inlineImage, taglogic, embedcurl, gitterbadge, twitterfollow, patientData].map((c) => [c.name, c as Component]),
);
