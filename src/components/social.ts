import { z } from "zod";
import { html } from "../shared/html.ts";
import { defineComponent } from "./types.ts";

/** Gitter and Twitter badges: shown only when the settings name an account (off for GP Connect). */
export const gitterbadge = defineComponent({
  name: "gitterbadge.html",
  args: z.object({}),
  render: (_args, { site }) => {
    const room = site.settings.social.gitter;
    return room ? html`<p class="app-social"><a href="https://gitter.im/${room}">Chat on Gitter</a></p>`.value : "";
  },
});

export const twitterfollow = defineComponent({
  name: "twitterfollow.html",
  args: z.object({}),
  render: (_args, { site }) => {
    const account = site.settings.social.twitter;
    return account ? html`<p class="app-social"><a href="https://twitter.com/${account}">Follow @${account}</a></p>`.value : "";
  },
});
