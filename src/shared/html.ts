import { decodeHTML } from "entities";

/**
 * One escaping helper for every piece of markup built in TypeScript.
 * `html` escapes every interpolated value unless it was produced by `html` or `raw`.
 */
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks trusted markup (already rendered by markdown-it or built with `html`). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

type Interpolation = string | number | SafeHtml | null | undefined | false | readonly Interpolation[];

function interpolate(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(interpolate).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += interpolate(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** The text a reader sees in an HTML fragment: tags dropped, entities decoded, spaces collapsed. */
export function htmlToText(fragment: string): string {
  return decodeHTML(fragment.replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();
}
