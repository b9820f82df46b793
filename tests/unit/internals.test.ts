import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type Eleventy from "@11ty/eleventy";
import { checkInternals, EleventyInternalsError } from "../../src/eleventy/internals.ts";

describe("Eleventy internals, checked at start-up", () => {
  const writer = { setDryRun: () => undefined };
  const bench = { getAll: () => ({}) };

  it("name the touch point that is missing and what to do", () => {
    assert.throws(
      () => checkInternals({ bench } as unknown as Eleventy, false),
      (error: unknown) => error instanceof EleventyInternalsError && /TemplateWriter#setDryRun .*installed \d/.test(error.message) && /npm ci/.test(error.message),
    );
  });

  it("check the dev server's touch points only when serving", () => {
    assert.doesNotThrow(() => checkInternals({ writer, bench } as unknown as Eleventy, false));
    assert.throws(() => checkInternals({ writer, bench } as unknown as Eleventy, true), /EleventyServe#sendError/);
    assert.doesNotThrow(() => checkInternals({ writer, bench, eleventyServe: { sendError: async () => undefined }, errorHandler: { once: () => undefined } } as unknown as Eleventy, true));
  });
});
