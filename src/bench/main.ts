import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../shared/sitePaths.ts";
import { measureDevLoop } from "./devLoop.ts";
import { medianOf, timed, type RunFigures } from "./measure.ts";
import { makeSyntheticCorpus } from "./synthetic.ts";
import { comparedChunkSizes, FIRST_SEARCH_QUERY, indexWithChunkSize, TYPING_KEY_DELAY_MS } from "./search.ts";
import { measureVersions } from "./versions.ts";
import { firstSearchBytes, largestPage, pageWeight } from "./weight.ts";

const CONTENT = path.join(PROJECT_ROOT, "content");
const NODE = process.execPath;
const ELEVENTY = path.join(PROJECT_ROOT, "node_modules/@11ty/eleventy/cmd.cjs");

const ours = (input: string, output: string): RunFigures => timed(NODE, ["bin/gpconnect-docs.mjs", "build", "--input", input, "--output", output], PROJECT_ROOT);
const bare = (input: string, output: string): RunFigures =>
  timed(NODE, [ELEVENTY, `--config=${path.join(PROJECT_ROOT, "src/bench/bare.eleventy.mjs")}`, `--input=${input}`, `--output=${output}`, "--quiet"], PROJECT_ROOT);
const installed = (tool: string): boolean => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const s = (seconds: number): string => `${seconds.toFixed(2)} s`;
const mb = (value: number): string => `${Math.round(value)} MB`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" }, "large-runs": { type: "string", default: "1" }, sizes: { type: "string", default: "1500,15000" }, write: { type: "boolean", default: false }, versions: { type: "string" } } });
  const runs = Number(values.runs);
  const work = mkdtempSync(path.join(tmpdir(), "gpc-bench-"));
  const lines: string[] = [];
  const say = (line = ""): void => {
    lines.push(line);
    console.log(line);
  };

  say(`Machine: ${(await import("node:os")).cpus().length} cores, Node ${process.version}. Medians of ${runs} runs (${values["large-runs"]} for the largest corpus).`);
  say();
  say("| corpus | pages | this project (search included) | peak memory | ms/page | bare Eleventy | peak memory | time ratio | memory ratio |");
  say("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  const corpusOut = path.join(work, "corpus-site");
  const real = medianOf(runs, () => ours(CONTENT, corpusOut));
  const realBare = medianOf(runs, () => bare(CONTENT, path.join(work, "corpus-bare")));
  const pagesBuilt = Number(/Built (\d+) pages/.exec(spawnSync(NODE, ["bin/gpconnect-docs.mjs", "build", "--input", CONTENT, "--output", corpusOut], { cwd: PROJECT_ROOT, encoding: "utf8" }).stdout)?.[1] ?? 0);
  const row = (name: string, pages: number, a: RunFigures, b: RunFigures): void =>
    say(`| ${name} | ${pages} | ${s(a.seconds)} | ${mb(a.peakMb)} | ${((a.seconds * 1000) / pages).toFixed(2)} | ${s(b.seconds)} | ${mb(b.peakMb)} | ${(a.seconds / b.seconds).toFixed(2)}x | ${(a.peakMb / b.peakMb).toFixed(2)}x |`);
  row("real 2018 corpus", pagesBuilt, real, realBare);
  for (const size of values.sizes.split(",").map(Number)) {
    const source = path.join(work, `synthetic-${size}`);
    const pages = makeSyntheticCorpus(CONTENT, source, size);
    const n = size >= 10_000 ? Number(values["large-runs"]) : runs;
    const b = medianOf(n, () => bare(source, path.join(work, `synthetic-${size}-bare`)));
    try {
      row(`synthetic ${size}`, pages, medianOf(n, () => ours(source, path.join(work, `synthetic-${size}-site`))), b);
    } catch (error) {
      // A build that fails at this size (out of memory, say) is a figure too: report it and go on.
      const reason = /heap out of memory/.test(String(error)) ? "out of memory" : "failed";
      say(`| synthetic ${size} | ${pages} | ${reason} | – | – | ${s(b.seconds)} | ${mb(b.peakMb)} | – | – |`);
    }
    rmSync(source, { recursive: true, force: true });
  }
  say();
  for (const tool of ["jekyll", "hugo"]) {
    say(installed(tool) ? `${tool}: installed, but this benchmark has no like-for-like ${tool} build of the tree yet.` : `${tool}: not installed (Debian package \`${tool}\`), skipped. For reference, toolchain notes measured Jekyll 4.3 at about 2.5 s for this corpus and 39 s for 10,000 pages, Hugo about 5 s for 10,000.`);
  }

  say();
  const search = await firstSearchBytes(corpusOut, FIRST_SEARCH_QUERY);
  say(`First search ("${FIRST_SEARCH_QUERY}"), from focusing the box to results shown, gzip, Pagefind's library included: ${kb(search.bodyBytes)} of responses, ${kb(search.bytes)} on the wire with HTTP/1.1 headers, in ${search.requests} requests.`);
  const typed = await firstSearchBytes(corpusOut, FIRST_SEARCH_QUERY, { keyDelayMs: TYPING_KEY_DELAY_MS });
  say(`The same query typed a key every ${TYPING_KEY_DELAY_MS} ms (index fetched for each prefix as it is typed): ${kb(typed.bodyBytes)} of responses, ${kb(typed.bytes)} on the wire, in ${typed.requests} requests.`);
  say();
  say("Index chunk size, before (Pagefind's default) and after; the built corpus indexed again on its own with the build's settings:");
  say();
  say("| chunk size (word locations) | index files | index size | Pagefind indexing time | first search: responses | on the wire (HTTP/1.1) | requests |");
  say("| --- | --- | --- | --- | --- | --- | --- |");
  for (const chunkSize of comparedChunkSizes()) {
    const figures = await indexWithChunkSize(corpusOut, chunkSize, runs);
    say(`| ${chunkSize} | ${figures.files} | ${kb(figures.bytes)} | ${s(figures.seconds)} | ${kb(figures.search.bodyBytes)} | ${kb(figures.search.bytes)} | ${figures.search.requests} |`);
  }

  say();
  say("| page | HTML | CSS | JS | total (gzip, images excluded) |");
  say("| --- | --- | --- | --- | --- |");
  for (const [label, page] of [["home", "index.html"], ["longest page", largestPage(corpusOut)], ["seed: consumer pathway", "overview_consumer_pathway.html"]] as const) {
    const weight = pageWeight(corpusOut, page);
    say(`| ${label} (${page}) | ${kb(weight.html)} | ${kb(weight.css)} | ${kb(weight.js)} | ${kb(weight.total)} |`);
  }

  say();
  const loop = await measureDevLoop(CONTENT, { source: "pages/overview/overview_engage.md", output: "overview_engage.html" });
  say(`Dev loop (npm start, median of 5 saves of overview_engage.md): HTML on disk ${Math.round(loop.html)} ms, search index ${Math.round(loop.index)} ms, browser reloaded ${Math.round(loop.reload)} ms.`);

  if (values.versions) {
    const v = measureVersions(path.resolve(values.versions), work);
    say();
    say(`Every release in one site (\`--versions ${values.versions}\`): cold ${s(v.cold.seconds)} (peak ${mb(v.cold.peakMb)}), warm with nothing changed ${s(v.unchanged.seconds)}, warm with one page changed (${v.changedFile}) ${s(v.onePage.seconds)}.`);
  }

  rmSync(work, { recursive: true, force: true });
  if (values.write) {
    const file = path.join(PROJECT_ROOT, "BENCHMARKS.md");
    const current = readFileSync(file, "utf8");
    writeFileSync(file, current.replace(/(<!-- figures:start -->\n)[\s\S]*?(<!-- figures:end -->)/, `$1${lines.join("\n")}\n$2`));
  }
}

await main();
