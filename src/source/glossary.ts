import { z } from "zod";
import { htmlToText } from "../shared/html.ts";
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

const normalise = (term: string): string => htmlToText(term).toLowerCase();

/**
 * The shapes real trees give `_data/glossary.yml`: `glossary:` holding a list of
 * { title, value } (GP Connect 2018), the bare list (every later release), or a
 * map of term → definition (the theme's own docs).
 */
type GlossaryShape = { kind: "wrapped"; list: unknown[] } | { kind: "list"; list: unknown[] } | { kind: "map"; list: unknown[] } | { kind: "other" };

function glossaryShape(data: unknown): GlossaryShape {
  if (Array.isArray(data)) return { kind: "list", list: data };
  if (data && typeof data === "object") {
    const wrapped = (data as { glossary?: unknown }).glossary;
    if (Array.isArray(wrapped)) return { kind: "wrapped", list: wrapped };
    if (Object.values(data).every((value) => typeof value === "string")) return { kind: "map", list: Object.entries(data).map(([title, value]) => ({ title, value })) };
  }
  return { kind: "other" };
}

/** `headingId`: the id kramdown gives a heading with this text, which is each term's fragment id on the glossary page. */
export function buildGlossary(data: unknown, yaml: YamlFile | undefined, log: DiagnosticLog, headingId: (text: string) => string): Glossary {
  const shape = glossaryShape(data);
  const entries: GlossaryEntry[] = [];
  if (data !== undefined && data !== null && shape.kind === "other") {
    log.warn({ code: "glossary", file: yaml?.file ?? "_data/glossary.yml", line: yaml?.lineOf(["glossary"]), message: "the glossary must be a list of { title, value } entries (or `glossary:` holding one, or a map of term: definition)", hint: "start each entry with '- title:'" });
  }
  (shape.kind === "other" ? [] : shape.list).forEach((raw, index) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      const at = shape.kind === "wrapped" ? ["glossary", index] : shape.kind === "list" ? [index] : [String((raw as { title?: unknown }).title)];
      log.warn({ code: "glossary", file: yaml?.file ?? "_data/glossary.yml", line: yaml?.lineOf(at), message: `glossary entry ${index + 1} is not { title, value }: ${parsed.error.issues[0]?.message}`, hint: "give every entry a title and a quoted value" });
      return;
    }
    const title = sanitiseInline(parsed.data.title);
    entries.push({ title, term: htmlToText(title), value: sanitiseBlock(parsed.data.value), id: headingId(htmlToText(title)) });
  });
  const byTerm = new Map<string, GlossaryEntry>();
  for (const entry of entries) if (!byTerm.has(normalise(entry.title))) byTerm.set(normalise(entry.title), entry);
  return { entries, find: (term) => byTerm.get(normalise(term)) };
}

/** `site.data.glossary` as a tree's own glossary page reads it, in the shape the file has: the checked entries, with their safe markup. */
export function glossaryData(data: unknown, glossary: Glossary): unknown {
  const shape = glossaryShape(data);
  const entries = glossary.entries.map(({ title, value }) => ({ title, value }));
  if (shape.kind === "wrapped") return { ...(data as object), glossary: entries };
  if (shape.kind === "list") return entries;
  if (shape.kind === "map") return Object.fromEntries(glossary.entries.map(({ term, value }) => [term, value]));
  return data;
}
