import { readFileSync } from "node:fs";
import path from "node:path";
import { isMap, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { BuildError } from "../shared/diagnostics.ts";

/** `current`: the release readers should use in its line; `supported` and `retired` are older; `draft` is not released. */
export const STATUSES = ["current", "supported", "retired", "draft"] as const;
export type Status = (typeof STATUSES)[number];

const renamedSchema = z.record(z.string().min(1), z.string().min(1), { error: "renamed: must map an old permalink to its new one (old.html: new.html)" });

const versionSchema = z
  .object({
    id: z
      .string({ error: "id: give the URL segment of this version, e.g. 1.6.2" })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "id: letters, digits, '.', '_' and '-' only (it is a URL segment)"),
    label: z.string({ error: "label: give the name readers see, e.g. 1.6.2" }).min(1),
    status: z.enum(STATUSES, { error: `status: one of ${STATUSES.join(", ")}` }),
    line: z.string().min(1).optional(),
    ref: z.string().min(1).optional(),
    folder: z.string().min(1).optional(),
    previous: z.string().min(1).optional(),
    renamed: renamedSchema.optional(),
  })
  .loose()
  .refine((v) => (v.ref === undefined) !== (v.folder === undefined), { message: "give exactly one of ref: (a git branch, tag or commit) or folder: (a tree on disk)" });

const fileSchema = z
  .object({
    repository: z.string().min(1).optional(),
    url: z.url({ error: "url: the origin the site is published at, e.g. https://developer.nhs.uk" }).optional(),
    renamed: renamedSchema.optional(),
    versions: z.array(versionSchema, { error: "versions: list each version (id, label, status, ref or folder)" }).min(1, "versions: list at least one version"),
  })
  .loose();

/** One version as the build uses it: paths resolved against the versions file. */
export interface VersionEntry {
  readonly id: string;
  readonly label: string;
  readonly status: Status;
  /** "" when the file gives none: versions without a line form one line. */
  readonly line: string;
  readonly source: { readonly kind: "git"; readonly repository: string; readonly ref: string } | { readonly kind: "folder"; readonly folder: string };
  readonly previous?: string | undefined;
  /** Old permalink → new permalink, in this version. */
  readonly renamed: Readonly<Record<string, string>>;
  /** The entry as written, for the cache key: any change to it rebuilds the version. */
  readonly written: unknown;
}

export interface VersionsConfig {
  readonly file: string;
  readonly url?: string | undefined;
  readonly versions: readonly VersionEntry[];
  /** The version published at the root: the current release of the first line. */
  readonly root: VersionEntry;
}

/** Reads and checks a versions file; every fault names the file, the line and what to do. */
export function loadVersions(file: string): VersionsConfig {
  const shown = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new BuildError({ code: "versions", file: shown, message: "the versions file cannot be read", hint: "name an existing file with --versions FILE" });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const lineOf = (offset: number | undefined): number | undefined => (offset === undefined ? undefined : lines.linePos(offset).line);
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new BuildError({ code: "versions", file: shown, line: lineOf(first.pos[0]), message: `not valid YAML: ${first.message.split("\n")[0]}`, hint: "fix the YAML at that line" });
  }
  const parsed = fileSchema.safeParse(doc.toJS());
  /** The line of a value by its path in the file, for messages. */
  const lineAt = (keys: readonly PropertyKey[]): number | undefined => {
    for (let n = keys.length; n > 0; n--) {
      const node = doc.getIn(keys.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineOf(node.range[0]);
    }
    return undefined;
  };
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BuildError({ code: "versions", file: shown, line: lineAt(issue.path), message: issue.message, hint: "see “Every release in one site” in README.md for the versions file's keys" });
  }
  const base = path.dirname(path.resolve(file));
  const data = parsed.data;
  const fault = (index: number, key: string, message: string, hint: string): never => {
    throw new BuildError({ code: "versions", file: shown, line: lineAt(["versions", index, key]), message, hint });
  };
  const ids = new Set<string>();
  const currentOfLine = new Map<string, string>();
  const rawVersions = isMap(doc.contents) ? (doc.toJS() as { versions: unknown[] }).versions : [];
  const versions = data.versions.map((v, i): VersionEntry => {
    if (ids.has(v.id)) fault(i, "id", `the id “${v.id}” is listed twice`, "give every version its own id");
    ids.add(v.id);
    const line = v.line ?? "";
    if (v.status === "current") {
      const other = currentOfLine.get(line);
      if (other) fault(i, "status", `${v.id} and ${other} are both current in the line “${line || "(no line)"}”`, "one release per line is current: mark the other supported or retired, or give them different lines");
      currentOfLine.set(line, v.id);
    }
    if (v.ref !== undefined && data.repository === undefined) fault(i, "ref", `${v.id} names a ref but the file gives no repository:`, "add repository: PATH (a git repository, relative to this file)");
    const source = v.ref !== undefined ? { kind: "git" as const, repository: path.resolve(base, data.repository!), ref: v.ref } : { kind: "folder" as const, folder: path.resolve(base, v.folder!) };
    return { id: v.id, label: v.label, status: v.status, line, source, previous: v.previous, renamed: { ...data.renamed, ...v.renamed }, written: rawVersions[i] };
  });
  data.versions.forEach((v, i) => {
    if (v.previous !== undefined && (!ids.has(v.previous) || v.previous === v.id)) fault(i, "previous", `previous: “${v.previous}” is not another listed version`, `name one of ${[...ids].filter((id) => id !== v.id).join(", ")}`);
  });
  const firstLine = versions[0]!.line;
  const root = versions.find((v) => v.line === firstLine && v.status === "current") ?? versions[0]!;
  return { file: path.resolve(file), url: data.url, versions, root };
}
