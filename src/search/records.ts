import type { CustomRecord } from "pagefind";
import { htmlToText } from "../html.ts";
import type { Glossary } from "../site/glossary.ts";

/** Pagefind's names for the facets every page carries (see the layout's `data-pagefind-*` attributes). */
export const CAPABILITY_FILTER = "capability";

/**
 * Each glossary term is a result of its own, pointing at its entry on the
 * glossary page, so "SSP" finds the definition and not only pages using it.
 */
export function glossaryRecords(glossary: Glossary, entryUrl: (id: string) => string, capability: string): CustomRecord[] {
  return glossary.entries.map((entry) => ({
    url: entryUrl(entry.id),
    content: `${entry.term}. ${htmlToText(entry.value)}`,
    language: "en",
    meta: { title: `${entry.term} (glossary)`, [CAPABILITY_FILTER]: capability },
    filters: { [CAPABILITY_FILTER]: [capability] },
  }));
}
