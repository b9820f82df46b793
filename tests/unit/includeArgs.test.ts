import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IncludeSyntaxError, parseIncludeArgs } from "../../src/jekyll/includeArgs.ts";

describe("parseIncludeArgs", () => {
  it("reads the include name with no arguments", () => {
    const call = parseIncludeArgs(" developer_journey.html ");
    assert.equal(call.name, "developer_journey.html");
    assert.equal(call.args.size, 0);
  });

  it("keeps Markdown and HTML inside double-quoted values", () => {
    const call = parseIncludeArgs(`important.html content="Read [this](support_faq.html#a---b) <b>now</b>: it's 'quoted'"`);
    assert.deepEqual(call.args.get("content"), { kind: "string", value: "Read [this](support_faq.html#a---b) <b>now</b>: it's 'quoted'" });
  });

  it("reads values over several lines, hyphenated names and single quotes", () => {
    const call = parseIncludeArgs(`image.html file="a.png"\n   max-width="50" alt='A "quoted" alt'`);
    assert.equal(call.args.get("max-width")?.kind, "string");
    assert.deepEqual(call.args.get("alt"), { kind: "string", value: 'A "quoted" alt' });
  });

  it("unescapes backslash-escaped quotes", () => {
    const call = parseIncludeArgs(`note.html content="say \\"hi\\""`);
    assert.deepEqual(call.args.get("content"), { kind: "string", value: 'say "hi"' });
  });

  it("reads unquoted values as variables", () => {
    const call = parseIncludeArgs("tooltip.html type=page.term");
    assert.deepEqual(call.args.get("type"), { kind: "variable", path: "page.term" });
  });

  it("reads a path as the name", () => {
    assert.equal(parseIncludeArgs("accessrecord_structured/meds_request.json").name, "accessrecord_structured/meds_request.json");
  });

  it("reports an unclosed quote with its offset", () => {
    assert.throws(
      () => parseIncludeArgs(`note.html content="never closed`),
      (error: unknown) => error instanceof IncludeSyntaxError && error.offset === 18 && /never closed/.test(error.reason),
    );
  });

  it("reports a key without a value and a repeated key", () => {
    assert.throws(() => parseIncludeArgs("note.html content"), /has no value/);
    assert.throws(() => parseIncludeArgs(`note.html content="a" content="b"`), /given twice/);
  });

  it("reports an include with no name", () => {
    assert.throws(() => parseIncludeArgs("   "), /names no file/);
  });
});
