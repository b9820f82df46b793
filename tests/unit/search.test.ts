import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { frontMatterText, pageSearchMeta, sidebarLabels } from "../../src/search/pageMeta.ts";
import { closeSearchIndexes, createSearchIndex, INDEX_CHUNK_SIZE, PAGEFIND_DEFAULT_CHUNK_SIZE, PAGEFIND_VERSION } from "../../src/search/indexSettings.ts";
import { META_WEIGHTS, searchTerms, worthPreloading } from "../../src/search/ranking.ts";
import type { Sidebar } from "../../src/source/sidebar.ts";
import { PROJECT_ROOT } from "../../src/shared/sitePaths.ts";

/** Index files Pagefind makes for the same pages with a given chunk size, and the version its binary reports. */
async function indexChunks(chunkSize: number, pages: readonly string[]): Promise<{ chunks: number; version: string }> {
  const index = await createSearchIndex(chunkSize);
  try {
    for (const [i, text] of pages.entries()) {
      const added = await index.addCustomRecord({ url: `/p${i}.html`, content: text, language: "en" });
      assert.deepEqual(added.errors, []);
    }
    const { errors, files } = await index.getFiles();
    assert.deepEqual(errors, []);
    const entry = files.find((file) => file.path === "pagefind-entry.json");
    assert.ok(entry, "Pagefind makes its entry file");
    const { version } = JSON.parse(new TextDecoder().decode(entry.content)) as { version: string };
    return { chunks: files.filter((file) => file.path.startsWith("index/")).length, version };
  } finally {
    await index.deleteIndex();
  }
}

describe("search index settings", () => {
  after(() => closeSearchIndexes());

  it("pins the Pagefind version its chunk size was measured with", () => {
    const manifest = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    assert.equal(manifest.dependencies["pagefind"], PAGEFIND_VERSION, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE is unstable: re-measure with `npm run bench` before moving the pin");
  });

  it("hands the chunk size to Pagefind's process, which cuts the index into that many more chunks", async () => {
    // 3,000 distinct words, one location each: one chunk at Pagefind's default, several at 500.
    const pages = Array.from({ length: 30 }, (_, p) => Array.from({ length: 100 }, (_, w) => `word${p}x${w}`).join(" "));
    const small = await indexChunks(INDEX_CHUNK_SIZE, pages);
    const large = await indexChunks(PAGEFIND_DEFAULT_CHUNK_SIZE, pages);
    assert.equal(small.version, PAGEFIND_VERSION, "the binary that ran is the pinned one");
    assert.equal(large.chunks, 1);
    assert.ok(small.chunks >= 3000 / INDEX_CHUNK_SIZE - 1, `${small.chunks} chunks of ${INDEX_CHUNK_SIZE} word locations`);
    assert.equal(process.env["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"], undefined, "the variable is set for Pagefind's start only");
  });
});

describe("search ranking", () => {
  it("ranks titles and sidebar labels above keywords, keywords above summaries and tags", () => {
    assert.ok(META_WEIGHTS.title >= META_WEIGHTS.sidebar);
    assert.ok(META_WEIGHTS.sidebar > META_WEIGHTS.keywords);
    assert.ok(META_WEIGHTS.keywords > META_WEIGHTS.summary);
    assert.ok(META_WEIGHTS.summary >= META_WEIGHTS.tags && META_WEIGHTS.tags > 1, "every field above body text (1)");
  });

  it("leaves stop words and unindexed symbols out of queries", () => {
    assert.equal(searchTerms("how do I get an ASID"), "ASID");
    assert.equal(searchTerms("  book an appointment "), "book appointment");
    assert.equal(searchTerms("$gpc.getstructuredrecord"), "gpc.getstructuredrecord");
    assert.equal(searchTerms("Patient.identifier"), "Patient.identifier");
    assert.equal(searchTerms("MUST NOT"), "MUST NOT", "RFC 2119 words are searched");
    assert.equal(searchTerms("the"), "the", "a query of stop words alone is searched as typed");
    assert.equal(searchTerms('"how to"'), '"how to"', "a quoted phrase is left whole");
  });

  it("preloads only once the word being typed has three characters", () => {
    assert.equal(worthPreloading("sp"), false);
    assert.equal(worthPreloading("spine se"), false);
    assert.equal(worthPreloading("spine sec"), true);
  });
});

describe("page search metadata", () => {
  const sidebar = (nodes: Sidebar["nodes"]): Sidebar => ({ name: "s", title: "S", nodes, file: "_data/sidebars/s.yml", itemLines: new Map() });

  it("collects every sidebar label of a page, as text", () => {
    const labels = sidebarLabels([
      sidebar([{ kind: "group", key: "g", title: "Pathways", children: [{ kind: "page", key: "a", title: "Consumer <b>supplier</b> pathway", url: "a.html", children: [] }] }]),
      sidebar([{ kind: "page", key: "b", title: "Consumers", url: "a.html", children: [] }]),
    ]);
    assert.deepEqual(labels.get("a.html"), ["Consumer supplier pathway", "Consumers"]);
  });

  it("turns front matter into weighted fields, leaving out empty ones and labels that repeat the title", () => {
    assert.deepEqual(pageSearchMeta({ title: "Consumer pathway", keywords: ["consumer", "supplier"], summary: "Step-by-step <em>guide</em> for FHIR&reg;", tags: ["use_case"] }, ["Consumer pathway", "Suppliers"]), [
      { field: "sidebar", value: "Suppliers" },
      { field: "keywords", value: "consumer, supplier" },
      { field: "summary", value: "Step-by-step guide for FHIR®" },
      { field: "tags", value: "use case" },
    ]);
    assert.deepEqual(pageSearchMeta({ title: "A" }, ["a"]), []);
    assert.equal(frontMatterText({ not: "text" }), "");
  });
});
