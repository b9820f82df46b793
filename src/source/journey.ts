import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { z } from "zod";
import type { DiagnosticLog } from "../shared/diagnostics.ts";
import { displayPath } from "./sourceFile.ts";

/** A stage of the developer journey, from `_developer-journey/*.md` (data only, never a page). */
export interface JourneyStage {
  /** File name without `.md`. */
  readonly id: string;
  readonly name: string;
  readonly href: string;
  /** Rectangle on the journey picture: left, top, right, bottom, in picture pixels; undefined when `coord` cannot be read. */
  readonly rect: readonly [number, number, number, number] | undefined;
  readonly text: string;
  readonly order: number;
}

const COORD = /^\s*\d+\s*,\s*\d+\s*,\s*\d+\s*,\s*\d+\s*$/;

/**
 * A stage's front matter. Only the name and link are needed to list it; a `coord` that cannot be read leaves
 * it off the picture, still listed, so no stage is ever lost.
 */
const stageSchema = z.object({
  name: z.string().min(1),
  href: z.string().min(1),
  coord: z.unknown(),
  order: z.number().optional(),
});

/**
 * Stages in reading order: `order` in a stage's front matter, else its place in
 * the settings' `journeyOrder`, else file-name order.
 */
export function loadJourney(contentDir: string, log: DiagnosticLog, preferredOrder: readonly string[] = []): JourneyStage[] {
  const dir = path.join(contentDir, "_developer-journey");
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".md")).sort();
  } catch {
    return [];
  }
  const stages: JourneyStage[] = [];
  files.forEach((file, index) => {
    const full = path.join(dir, file);
    const parsed = matter(readFileSync(full, "utf8"));
    const result = stageSchema.safeParse(parsed.data);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      log.warn({ code: "journey", file: displayPath(contentDir, full), line: 1, message: `developer journey stage ${issue.path.join(".")}: ${issue.message}`, hint: "give the stage name, href and coord in its front matter" });
      return;
    }
    const { name, href, coord, order } = result.data;
    const id = path.basename(file, ".md");
    const rect = typeof coord === "string" && COORD.test(coord) ? (coord.split(",").map(Number) as [number, number, number, number]) : undefined;
    if (!rect) log.warn({ code: "journey", file: displayPath(contentDir, full), line: 1, message: `developer journey stage "${name}": coord must be four numbers: left,top,right,bottom; the stage is listed but not drawn on the picture`, hint: 'write coord: "254,627,575,823"' });
    const preferred = preferredOrder.indexOf(id);
    stages.push({ id, name, href, rect, text: parsed.content.trim(), order: order ?? (preferred >= 0 ? preferred : preferredOrder.length + index) });
  });
  return stages.sort((a, b) => a.order - b.order);
}
