import type { Diagnostic } from "../shared/diagnostics.ts";

export interface TextFault extends Omit<Diagnostic, "file" | "line"> {
  /** 1-based line in the text examined. */
  readonly line: number;
}

const lineAt = (text: string, index: number): number => text.slice(0, index).split("\n").length;
const columnAt = (text: string, index: number): number => index - text.lastIndexOf("\n", index - 1);

/** Windows-1252's characters for bytes 0x80–0x9F (0xA0–0xFF are Latin-1's); Node's own decoder treats it as Latin-1. */
const CP1252_HIGH = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const WINDOWS_1252 = new Map([...CP1252_HIGH].map((ch, i) => [ch, 0x80 + i]));

/** A UTF-8 continuation byte (0x80–0xBF) as Windows-1252 shows it. */
const CONTINUATION = `[${CP1252_HIGH}\u00a0-\u00bf]`;

/** UTF-8 read as Windows-1252: a lead byte of Latin-1 (Â, Ã) or punctuation (â) followed by its continuation bytes. */
const MOJIBAKE = new RegExp(`[\u00c2\u00c3]${CONTINUATION}|\u00e2${CONTINUATION}{2}`, "g");

/** The text a mojibake sequence was meant to be ("â€“" → "–"), when it decodes cleanly. */
export function repairMojibake(sequence: string): string | undefined {
  const bytes = [...sequence].map((ch) => WINDOWS_1252.get(ch) ?? ch.charCodeAt(0));
  if (bytes.some((b) => b > 0xff)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Faults visible in a page's text before it is rendered: a binary file with a
 * page's extension, bytes that are not UTF-8, an empty file, and text that was
 * saved through the wrong encoding once ("â€“" for "–"). `hasFrontMatter` is
 * asked only of a blank text (it reads the file).
 */
export function findTextFaults(text: string, hasFrontMatter: () => boolean): TextFault[] {
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    return [
      {
        severity: "error",
        code: "binary-file",
        line: lineAt(text, nul),
        message: "is not text: it looks like a binary file with a page's extension, so it is not published",
        hint: "give the file its real extension (.png, .pdf, .xlsx…) to publish it as a download, or replace it with the page's text",
      },
    ];
  }
  const faults: TextFault[] = [];
  if (text.trim() === "" && !hasFrontMatter()) {
    faults.push({ severity: "warning", code: "empty-page", line: 1, message: "is empty: it is published as a blank page", hint: "write the page (front matter with a title, then its text) or delete the file" });
  }
  const invalid = text.indexOf("\ufffd");
  if (invalid >= 0) {
    faults.push({ severity: "warning", code: "encoding", line: lineAt(text, invalid), message: "has bytes that are not UTF-8; readers see � in their place", hint: "save the file as UTF-8" });
  }
  for (const match of text.matchAll(MOJIBAKE)) {
    const repaired = repairMojibake(match[0]);
    if (repaired === undefined) continue;
    faults.push({
      severity: "warning",
      code: "mojibake",
      line: lineAt(text, match.index),
      column: columnAt(text, match.index),
      message: `"${match[0]}" is "${repaired}" decoded with the wrong encoding`,
      hint: `replace "${match[0]}" with "${repaired}"`,
      repair: { find: match[0], replace: repaired },
    });
  }
  return faults;
}
