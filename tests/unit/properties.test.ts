import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parse } from "node-html-parser";
import { IncludeSyntaxError, parseIncludeArgs } from "../../src/jekyll/includeArgs.ts";
import { createMarkdown } from "../../src/markdown/index.ts";
import { AttributeListError, parseAttributeList } from "../../src/markdown/kramdownAttributes.ts";

/**
 * Generated input thrown at the two parsers that read authors' syntax: they
 * either parse it or fail with the project's own error and an offset inside
 * the text (which the build turns into file:line), never with anything else.
 */
const RUNS = 10_000;

/** Strings biased towards the characters these grammars care about. */
const syntaxy = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(" ", "=", '"', "'", "\\", ".", "#", "-", "_", ":", "{", "}", "\n", "\t", "[", "]", "<", ">") },
    { weight: 3, arbitrary: fc.constantFrom("a", "b", "content", "type", "on", "x1") },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 2 }) },
  ),
  maxLength: 60,
});

function expectOwnError(error: unknown, text: string, kind: typeof IncludeSyntaxError | typeof AttributeListError): void {
  assert.ok(error instanceof kind, `unexpected ${String(error)} for ${JSON.stringify(text)}`);
  assert.ok(error.offset >= 0 && error.offset <= text.length, `offset ${error.offset} outside ${JSON.stringify(text)}`);
  assert.ok(error.reason.length > 0);
}

describe("property: the include-argument parser", () => {
  it(`parses or reports a located syntax error for ${RUNS} generated tag texts`, () => {
    fc.assert(
      fc.property(syntaxy, (text) => {
        try {
          const call = parseIncludeArgs(text);
          assert.ok(call.name.length > 0 && !/\s/.test(call.name));
        } catch (error) {
          expectOwnError(error, text, IncludeSyntaxError);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it(`reads back every argument it is given, whatever the value holds (${RUNS} runs)`, () => {
    const key = fc.stringMatching(/^[A-Za-z][\w-]{0,10}$/);
    const value = fc.string({ unit: fc.oneof(fc.constantFrom('"', "'", "\\", "=", " ", "\n", "{", "}", "%"), fc.string({ unit: "grapheme", maxLength: 1 })), maxLength: 30 });
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 5 }), fc.boolean(), (args, singleQuotes) => {
        const quote = singleQuotes ? "'" : '"';
        const written = args.map(([k, v]) => `${k}=${quote}${v.replace(/\\/g, "\\\\").replaceAll(quote, `\\${quote}`)}${quote}`).join(" ");
        const call = parseIncludeArgs(`note.html ${written}`);
        assert.equal(call.name, "note.html");
        assert.deepEqual(
          [...call.args].map(([k, v]) => [k, v]),
          args.map(([k, v]) => [k, { kind: "string", value: v }]),
        );
      }),
      { numRuns: RUNS },
    );
  });
});

describe("property: the kramdown attribute converter", () => {
  it(`parses or reports a located error for ${RUNS} generated attribute lists, never keeping an event handler`, () => {
    fc.assert(
      fc.property(syntaxy, (text) => {
        try {
          for (const [name] of parseAttributeList(text).attributes) assert.ok(!name.toLowerCase().startsWith("on"), `kept ${name} from ${JSON.stringify(text)}`);
        } catch (error) {
          expectOwnError(error, text, AttributeListError);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it(`renders any attribute list after a link, an image or a paragraph without throwing, and never as an event handler (${RUNS} runs)`, () => {
    const md = createMarkdown();
    const host = fc.constantFrom("[a link](page.html)", "![an image](images/a.png)", "A paragraph.\n", "* item ");
    fc.assert(
      fc.property(host, syntaxy, (before, list) => {
        const html = md.render(`${before}{:${list}}\n`, {});
        for (const element of parse(html).querySelectorAll("*")) {
          for (const name of Object.keys(element.attributes)) assert.ok(!name.toLowerCase().startsWith("on"), `event handler ${name} from ${JSON.stringify(list)}`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
