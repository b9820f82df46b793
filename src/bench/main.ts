import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../shared/sitePaths.ts";
import { measureDevLoop } from "./devLoop.ts";
import { alternate, timed, type RunFigures } from "./measure.ts";
import { makeSyntheticCorpus } from "./synthetic.ts";
import { comparedChunkSizes, FIRST_SEARCH_QUERY, indexWithChunkSize, TYPING_KEY_DELAY_MS } from "./search.ts";
import { measureVersions } from "./versions.ts";
import { firstSearchBytes, largestPage, pageWeight } from "./weight.ts";

const CONTENT = path.join(PROJECT_ROOT, "content");
const NODE = process.execPath;
const ELEVENTY = path.join(PROJECT_ROOT, "node_modules/@11ty/eleventy/cmd.cjs");

const ours = (input: string, output: string): Promise<RunFigures> => timed(NODE, ["bin/gpconnect-docs.mjs", "build", "--input", input, "--output", output], PROJECT_ROOT);
const bare = (input: string, output: string): Promise<RunFigures> =>
  timed(NODE, [ELEVENTY, `--config=${path.join(PROJECT_ROOT, "src/bench/bare.eleventy.mjs")}`, `--input=${input}`, `--output=${output}`, "--quiet"], PROJECT_ROOT);
/** Debian's Jekyll 4.3 on the same tree (its theme is in the tree); no disk cache, so every run is cold and the tree stays clean. */
const jekyll = (input: string, output: string, limitSeconds: number | undefined): Promise<RunFigures> =>
  timed("jekyll", ["build", "--source", input, "--destination", output, "--disable-disk-cache", "--quiet"], PROJECT_ROOT, { limitSeconds, env: { JEKYLL_NO_BUNDLER_REQUIRE: "true" } });
const installed = (tool: string): boolean => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const s = (seconds: number): string => `${seconds.toFixed(2)} s`;
const mb = (value: number): string => `${Math.round(value)} MB`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;

/** Corpora of this many pages or more are large: fewer runs, and Jekyll gets a time limit. */
const LARGE = 10_000;
/** ms/page at the largest size may exceed ms/page at the smallest synthetic size (1,500) by this much: the build's cost grows linearly. */
const SCALING_TOLERANCE = 1.25;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "3" },
      "large-runs": { type: "string", default: "1" },
      sizes: { type: "string", default: "1500,15000" },
      "jekyll-limit": { type: "string", default: "300" },
      write: { type: "boolean", default: false },
      versions: { type: "string" },
      "versions-only": { type: "boolean", default: false },
    },
  });
  const runs = Number(values.runs);
  const jekyllLimit = Number(values["jekyll-limit"]);
  const withJekyll = installed("jekyll");
  const work = mkdtempSync(path.join(tmpdir(), "gpc-bench-"));
  const lines: string[] = [];
  const say = (line = ""): void => {
    lines.push(line);
    console.log(line);
  };

  const cpu = (f: RunFigures): string => (f.cpu ? `, CPU ${s(f.cpu.user + f.cpu.system)} (user ${s(f.cpu.user)}, system ${s(f.cpu.system)})` : "");
  const versionsFigures = async (file: string): Promise<void> => {
    const v = await measureVersions(path.resolve(file), work);
    say(`Every release in one site (\`--versions ${file}\`), wall time and the CPU time of the build and every process it started: cold ${s(v.cold.seconds)} (peak ${mb(v.cold.peakMb)}${cpu(v.cold)}), warm with nothing changed ${s(v.unchanged.seconds)}${cpu(v.unchanged)}, warm with one page changed (${v.changedFile}) ${s(v.onePage.seconds)}${cpu(v.onePage)}.`);
  };
  if (values["versions-only"]) {
    // The versions figures alone (the corpora take many minutes): a shared machine's CPU time is the figure to compare.
    if (!values.versions) throw new Error("--versions-only needs --versions FILE");
    say(`Machine: ${(await import("node:os")).cpus().length} cores, Node ${process.version}.`);
    await versionsFigures(values.versions);
    rmSync(work, { recursive: true, force: true });
    return;
  }

  say(`Machine: ${(await import("node:os")).cpus().length} cores, Node ${process.version}. Medians of ${runs} runs (${values["large-runs"]} for corpora of ${LARGE.toLocaleString("en-GB")} pages or more), this project, bare Eleventy and Jekyll in alternation.`);
  say("Peak memory is the whole process tree's at once (Pagefind's own process included).");
  say();
  say("| corpus | pages | this project (search included) | peak memory | ms/page | bare Eleventy | peak memory | time vs bare | memory vs bare | Jekyll 4.3 | peak memory | time vs Jekyll |");
  say("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  const corpusOut = path.join(work, "corpus-site");
  const jekyllNotes: string[] = [];
  const row = (name: string, pages: number, figures: Record<string, RunFigures>): number => {
    const { ours: a, bare: b, jekyll: j } = figures as { ours: RunFigures; bare: RunFigures; jekyll?: RunFigures };
    const perPage = (a.seconds * 1000) / pages;
    const jekyllCells = !j || j.failed ? ["–", "–", "–"] : j.timedOut ? [`> ${j.seconds.toFixed(0)} s`, "–", `< ${ratio(a.seconds, j.seconds)}`] : [s(j.seconds), mb(j.peakMb), ratio(a.seconds, j.seconds)];
    say(`| ${name} | ${pages} | ${s(a.seconds)} | ${mb(a.peakMb)} | ${perPage.toFixed(2)} | ${s(b.seconds)} | ${mb(b.peakMb)} | ${ratio(a.seconds, b.seconds)} | ${ratio(a.peakMb, b.peakMb)} | ${jekyllCells.join(" | ")} |`);
    return perPage;
  };
  const measure = async (source: string, name: string, n: number, limit: number | undefined): Promise<Record<string, RunFigures>> => {
    const contenders: Record<string, () => Promise<RunFigures>> = {
      ours: () => ours(source, name === "corpus" ? corpusOut : path.join(work, `${name}-site`)),
      bare: () => bare(source, path.join(work, `${name}-bare`)),
    };
    if (withJekyll) {
      // A tree Jekyll cannot build (a plugin it names is not installed, say) leaves Jekyll's cells empty, with the reason below.
      contenders["jekyll"] = () =>
        jekyll(source, path.join(work, `${name}-jekyll`), limit).catch((error: unknown) => {
          // The first line is the command; Jekyll's own reason follows, in colour.
          const reason = String(error).replace(/\x1b\[[\d;]*m/g, "").split("\n").slice(1).find((line) => /Exception|Error/.test(line));
          jekyllNotes.push(`Jekyll could not build ${name}: ${reason?.trim() ?? "see its output"}`);
          return { seconds: Number.NaN, peakMb: Number.NaN, failed: true };
        });
    }
    return alternate(n, contenders);
  };

  const realSource = path.join(work, "corpus-source");
  cpSync(CONTENT, realSource, { recursive: true });
  const real = await measure(realSource, "corpus", runs, undefined);
  const pagesBuilt = Number(/Built (\d+) pages/.exec(real["ours"]?.stdout ?? "")?.[1] ?? 0);
  row("real 2018 corpus", pagesBuilt, real);
  const perPage = new Map<number, number>();
  for (const size of values.sizes.split(",").map(Number)) {
    const source = path.join(work, `synthetic-${size}`);
    const pages = makeSyntheticCorpus(CONTENT, source, size);
    const large = size >= LARGE;
    try {
      perPage.set(pages, row(`synthetic ${size}`, pages, await measure(source, `synthetic-${size}`, large ? Number(values["large-runs"]) : runs, large ? jekyllLimit : undefined)));
    } catch (error) {
      // A build that fails at this size (out of memory, say) is a figure too: report it and go on.
      const reason = /heap out of memory/.test(String(error)) ? "out of memory" : "failed";
      say(`| synthetic ${size} | ${pages} | ${reason} | – | – | – | – | – | – | – | – | – |`);
    }
    rmSync(source, { recursive: true, force: true });
  }
  say();
  if (!withJekyll) say("jekyll: not installed (Debian packages `jekyll ruby-jekyll-github-metadata ruby-jekyll-redirect-from ruby-jekyll-sitemap ruby-jekyll-seo-tag`), its column is empty.");
  else say(`Jekyll: Debian's \`jekyll build --disable-disk-cache\` of the same tree; at ${LARGE.toLocaleString("en-GB")} pages or more it is stopped after ${jekyllLimit} s (\`--jekyll-limit\`).`);
  for (const note of new Set(jekyllNotes)) say(note);
  say(installed("hugo") ? "hugo: installed, but this benchmark has no like-for-like hugo build of the tree yet." : "hugo: not installed (Debian package `hugo`), skipped; toolchain notes measured about 5 s for 10,000 simple pages.");

  // The build's cost must grow linearly with the site: ms/page at the largest size against the smallest synthetic size.
  const sizes = [...perPage.keys()].sort((a, b) => a - b);
  let scalingFailed = false;
  if (sizes.length >= 2) {
    const small = sizes[0]!;
    const largest = sizes.at(-1)!;
    const growth = perPage.get(largest)! / perPage.get(small)!;
    scalingFailed = growth > SCALING_TOLERANCE;
    say(
      scalingFailed
        ? `SCALING CHECK FAILED: ${perPage.get(largest)!.toFixed(2)} ms/page at ${largest} pages is ${growth.toFixed(2)}x the ${perPage.get(small)!.toFixed(2)} ms/page at ${small} (at most ${SCALING_TOLERANCE}x): some work grows faster than the site.`
        : `Scaling: ${perPage.get(largest)!.toFixed(2)} ms/page at ${largest} pages is ${growth.toFixed(2)}x the ${perPage.get(small)!.toFixed(2)} ms/page at ${small} (at most ${SCALING_TOLERANCE}x): passed.`,
    );
  } else say("Scaling: not checked (it needs two synthetic sizes, --sizes 1500,15000).");
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
    say();
    await versionsFigures(values.versions);
  }

  rmSync(work, { recursive: true, force: true });
  if (values.write) {
    const file = path.join(PROJECT_ROOT, "BENCHMARKS.md");
    const current = readFileSync(file, "utf8");
    writeFileSync(file, current.replace(/(<!-- figures:start -->\n)[\s\S]*?(<!-- figures:end -->)/, `$1${lines.join("\n")}\n$2`));
  }
  if (scalingFailed) process.exitCode = 1;
}

await main();
