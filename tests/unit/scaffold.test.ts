import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { z } from "zod";
import { settingsSchema } from "../../src/source/settings.ts";
import { ROOT } from "../helpers/build.ts";

/** Every key path a schema names (`release.labels`), through optional, defaulted and array wrappers. */
function keyPaths(schema: z.ZodType, prefix = ""): string[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) return keyPaths(schema.unwrap() as z.ZodType, prefix);
  if (schema instanceof z.ZodArray) return keyPaths(schema.element as z.ZodType, prefix);
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, value]) => [`${prefix}${key}`, ...keyPaths(value, `${prefix}${key}.`)]);
}

function dataPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => dataPaths(item, prefix));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...dataPaths(inner, `${prefix}${key}.`)]);
}

describe("init's settings file", () => {
  // A setting's lines are commented with "#" alone ("#title: …", "#  other: …"); explanations with "# ".
  const uncommented = readFileSync(path.join(ROOT, "scaffold/_gpconnect-docs.yml"), "utf8").replace(/^#(?! \S)/gm, "");

  it("shows every setting, each valid once its lines are uncommented", () => {
    const data: unknown = parse(uncommented);
    const parsed = settingsSchema.safeParse(data);
    assert.ok(parsed.success, parsed.error?.message);
    const free = new Set(["sidebarAliases", "redirects", "release.labels"]);
    const shown = new Set(dataPaths(data).map((key) => key.split(".").filter((_, i, all) => !free.has(all.slice(0, i).join("."))).join(".")));
    assert.deepEqual(keyPaths(settingsSchema).filter((key) => !shown.has(key)), [], "settings the starter tree does not show");
  });
});
