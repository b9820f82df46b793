import type { CustomRecord } from "pagefind";
import { htmlToText } from "../shared/html.ts";
import type { Glossary } from "../source/glossary.ts";

/** Pagefind's names for the facets every page carries (see the layout's `data-pagefind-*` attributes). */
export const CAPABILITY_FILTER = "capability";

/** Glossary terms are filed under a facet of their own, beside the capabilities. */
export const GLOSSARY_FACET = "Glossary";

/**
 * Each glossary term is a result of its own, pointing at its entry on the
 * glossary page, so "SSP" finds the definition and not only pages using it.
 */
export function glossaryRecords(glossary: Glossary, entryUrl: (id: string) => string): CustomRecord[] {
  return glossary.entries.map((entry) => ({
    url: entryUrl(entry.id),
    content: `${entry.term}. ${htmlToText(entry.value)}`,
    language: "en",
    // Pagefind searches metadata too, so the facet is a filter only (the UI shows filters).
    meta: { title: entry.term },
    filters: { [CAPABILITY_FILTER]: [GLOSSARY_FACET] },
  }));
}
