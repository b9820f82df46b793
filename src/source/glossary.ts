import { z } from "zod";
import { htmlToText } from "../shared/html.ts";
import { slugify } from "../markdown/headingIds.ts";
import { sanitiseBlock, sanitiseInline } from "../shared/sanitise.ts";
import type { DiagnosticLog } from "../shared/diagnostics.ts";
import type { YamlFile } from "./yamlFile.ts";

const entrySchema = z.object({ title: z.string().min(1), value: z.string() });

export interface GlossaryEntry {
  /** The term as markup: entities and inline formatting kept (`FHIR&reg;`), nothing that runs. */
  readonly title: string;
  /** The term as plain text (entities decoded), for display and search. */
  readonly term: string;
  /** Definition as sanitised HTML (lists, links; never script). */
  readonly value: string;
  /** Fragment id of the term's heading on the glossary page. */
  readonly id: string;
}

export interface Glossary {
  readonly entries: readonly GlossaryEntry[];
  find(term: string): GlossaryEntry | undefined;
}

/** The fragment id a term gets on the glossary page (its heading's auto id). */
export function glossaryId(title: string): string {
  return slugify(htmlToText(title));
}

const normalise = (term: string): string => htmlToText(term).toLowerCase();

export function buildGlossary(data: unknown, yaml: YamlFile | undefined, log: DiagnosticLog): Glossary {
  const list = (data as { glossary?: unknown } | undefined)?.glossary;
  const entries: GlossaryEntry[] = [];
  if (list !== undefined && !Array.isArray(list)) {
    log.warn({ code: "glossary", file: yaml?.file ?? "_data/glossary.yml", line: yaml?.lineOf(["glossary"]), message: "glossary must be a list of { title, value } entries", hint: "start each entry with '- title:'" });
  }
  (Array.isArray(list) ? list : []).forEach((raw, index) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      log.warn({ code: "glossary", file: yaml?.file ?? "_data/glossary.yml", line: yaml?.lineOf(["glossary", index]), message: `glossary entry ${index + 1} is not { title, value }: ${parsed.error.issues[0]?.message}`, hint: "give every entry a title and a quoted value" });
      return;
    }
    const title = sanitiseInline(parsed.data.title);
    entries.push({ title, term: htmlToText(title), value: sanitiseBlock(parsed.data.value), id: glossaryId(title) });
  });
  const byTerm = new Map<string, GlossaryEntry>();
  for (const entry of entries) if (!byTerm.has(normalise(entry.title))) byTerm.set(normalise(entry.title), entry);
  return { entries, find: (term) => byTerm.get(normalise(term)) };
}

/** `site.data.glossary` as a tree's own glossary page reads it: the checked entries, with their safe markup. */
export function glossaryData(glossary: Glossary): { glossary: { title: string; value: string }[] } {
  return { glossary: glossary.entries.map(({ title, value }) => ({ title, value })) };
}
