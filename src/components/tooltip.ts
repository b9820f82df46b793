import { z } from "zod";
import { decodeHTML } from "entities";
import { html } from "../shared/html.ts";
import { didYouMean } from "../shared/diagnostics.ts";
import { defineComponent } from "./types.ts";

/**
 * A glossary term: a real link to its entry on the glossary page (works
 * without JavaScript), carrying the definition for the enhanced tooltip.
 */
export const tooltip = defineComponent({
  name: "tooltip.html",
  args: z.object({ type: z.string() }),
  render: ({ type }, context) => {
    // Jekyll's include finds no entry for nothing and prints nothing; the missing argument is already reported.
    if (!type) return "";
    const { glossary, settings, url } = context.site;
    const entry = glossary.find(type);
    if (!entry) {
      const suggestion = didYouMean(type, glossary.entries.map((e) => e.title));
      context.log.warn({
        code: "glossary-term",
        file: context.page.file,
        line: context.page.line,
        message: `tooltip term "${type}" is not in _data/glossary.yml`,
        hint: suggestion ? `did you mean "${suggestion}"?` : "add the term to _data/glossary.yml or correct the type argument",
      });
      return html`<span class="app-glossary-term app-glossary-term--missing">${decodeHTML(type)}</span>`.value;
    }
    // The definition was sanitised when the glossary was read; the attribute escapes it once more.
    return html`<a class="app-glossary-term" href="${url(`/${settings.glossaryPage}#${entry.id}`)}" data-definition="${entry.value}">${entry.term}</a>`.value;
  },
});
