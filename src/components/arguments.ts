import { z } from "zod";
import type { Component } from "./types.ts";

export interface ArgumentProblem {
  readonly argument: string;
  readonly missing: boolean;
  /** What happened, as the end of a sentence starting with the include's name. */
  readonly message: string;
}

/** What a component could make of an include's arguments: the arguments to render with, and what the author should hear about. */
export interface ReadArguments {
  readonly args: unknown;
  /** Each argument that was missing or could not be used (the include is rendered all the same). */
  readonly problems: readonly ArgumentProblem[];
}

/**
 * A value as Jekyll's include prints it with `{{ include.x }}`: nil prints nothing (so the argument counts
 * as not given), a list runs its items together, a number or `true` is its text. A hash prints as data
 * (Ruby's `{"a"=>1}`; JSON here), still readable.
 */
function liquidText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((item) => liquidText(item) ?? "").join("");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The argument names a component reads (`content`, `type`, …). */
export function componentArgumentNames(component: Component): readonly string[] {
  return component.args instanceof z.ZodObject ? Object.keys(component.args.shape) : [];
}

/**
 * Reads an include's arguments the way Jekyll's include would take them, so no argument ever costs the
 * include: values become the text the theme's include would print; one the component cannot use
 * (`type="pink"`) is dropped, and one it needs but was not given is empty, as `{{ include.x }}` of nil is.
 * Each is a problem to report; the component still renders with what is left.
 */
export function readComponentArguments(component: Component, given: Readonly<Record<string, unknown>>): ReadArguments {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(given)) {
    const text = liquidText(value);
    if (text !== undefined) values[key] = text;
  }
  const problems: ArgumentProblem[] = [];
  const emptied = new Set<string>();
  for (;;) {
    const parsed = component.args.safeParse(values);
    if (parsed.success) return { args: parsed.data, problems };
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      // Every component must render from empty text; one that cannot is a defect here, not the author's fault.
      if (emptied.has(key) || key === "") throw new Error(`${component.name} cannot render without the argument "${key}": ${issue.message}`);
      if (key in values) {
        problems.push({ argument: key, missing: false, message: `argument "${key}" (${JSON.stringify(values[key])}) cannot be used: ${issue.message}; it is ignored` });
        delete values[key];
      } else {
        problems.push({ argument: key, missing: true, message: `needs the argument "${key}"; it is shown without it` });
        values[key] = "";
        emptied.add(key);
      }
    }
  }
}
