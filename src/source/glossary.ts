import { z } from "zod";
import { htmlToText } from "../shared/html.ts";
import { sanitiseBlock, sanitiseInline } from "../shared/sanitise.ts";
import type { DiagnosticLog } from "../shared/diagnostics.ts";
import type { YamlFile } from "./yamlFile.ts";

/** A scalar as Liquid prints it (YAML reads `definition: 2019` as a number). */
const text = z.union([z.string(), z.number(), z.boolean()]).transform(String);

/** `{ title, value }` (GP Connect's releases) or `{ term, definition }` (other trees), as one shape. */
const entrySchema = z
  .object({ title: text.optional(), term: text.optional(), value: text.optional(), definition: text.optional() })
  .transform((entry) => ({ title: entry.title ?? entry.term ?? "", value: entry.value ?? entry.definition }))
  .pipe(z.object({ title: z.string().min(1, "it has neither a title nor a term"), value: z.string({ error: "it has neither a value nor a definition" }) }));

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
 * { title, value } (GP Connect 2018), the bare list of { title, value } or of
 * { term, definition } (later releases, other trees), or a map of term → definition
 * (the theme's own docs, `mydoc_glossary.md`).
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
    log.warn({ code: "glossary", file: yaml?.file ?? "_data/glossary.yml", line: yaml?.lineOf(["glossary"]), message: "the glossary must be a list of { title, value } or { term, definition } entries (or `glossary:` holding one, or a map of term: definition)", hint: "start each entry with '- title:'" });
  }
  (shape.kind === "other" ? [] : shape.list).forEach((raw, index) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      const at = shape.kind === "wrapped" ? ["glossary", index] : shape.kind === "list" ? [index] : [String((raw as { title?: unknown }).title)];
      log.warn({ code: "glossary", file: yaml?.file ?? "_data/glossary.yml", line: yaml?.lineOf(at), message: `glossary entry ${index + 1} is not { title, value } or { term, definition }: ${parsed.error.issues[0]?.message}; tooltips cannot use it (site.data.glossary still holds it as written)`, hint: "give every entry a title and a quoted value, or a term and a definition" });
      return;
    }
    const title = sanitiseInline(parsed.data.title);
    entries.push({ title, term: htmlToText(title), value: sanitiseBlock(parsed.data.value), id: headingId(htmlToText(title)) });
  });
  const byTerm = new Map<string, GlossaryEntry>();
  for (const entry of entries) if (!byTerm.has(normalise(entry.title))) byTerm.set(normalise(entry.title), entry);
  return { entries, find: (term) => byTerm.get(normalise(term)) };
}
