import path from "node:path";
import { parseArgs } from "node:util";
import Eleventy from "@11ty/eleventy";
import siteConfig from "../../.eleventy.ts";
import { explainFailure } from "./errors.ts";
import { withListenHost } from "./listenHost.ts";
import { explainRebuildFailures } from "./rebuildErrors.ts";
import { buildIntoPlace } from "./stagedOutput.ts";

const USAGE = `Usage: gpconnect-docs <build|serve> [options]

  --input DIR         source tree in the Jekyll documentation-theme format (default: content)
  --output DIR        where to write the site (default: _site)
  --path-prefix PATH  publish under a sub-path, e.g. /apis/gpconnect/ (default: the tree's baseurl, else /)
  --strict            fail the build on any content warning
  --port N            dev server port (serve only; default 8080)
  --host HOST         dev server address (serve only; default 127.0.0.1, this machine only)
  --help              show this help`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      input: { type: "string", default: "content" },
      output: { type: "string", default: "_site" },
      "path-prefix": { type: "string" },
      strict: { type: "boolean", default: false },
      port: { type: "string", default: "8080" },
      host: { type: "string", default: "127.0.0.1" },
      help: { type: "boolean", default: false },
    },
  });
  const command = positionals[0] ?? "build";
  if (values.help || !["build", "serve"].includes(command)) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const input = path.resolve(values.input);
  const output = path.resolve(values.output);
  process.env["GPC_STRICT"] = values.strict ? "1" : "0";
  if (values["path-prefix"] === undefined) delete process.env["GPC_PATH_PREFIX"];
  else process.env["GPC_PATH_PREFIX"] = values["path-prefix"];
  if (command === "serve") {
    process.env["GPC_RELEASE_PAGES"] = "0";
    const eleventy = await createEleventy(input, output, values["path-prefix"] ?? "/", "serve");
    // A saved page is re-rendered alone (the site model, other pages and the search index carry over).
    eleventy.setIncrementalBuild(true);
    explainRebuildFailures(eleventy);
    await eleventy.watch();
    await withListenHost(values.host, () => eleventy.serve(Number(values.port)));
    return -1;
  }
  process.env["GPC_RELEASE_PAGES"] = "1";
  await buildIntoPlace(output, async (staging) => {
    const eleventy = await createEleventy(input, staging, values["path-prefix"] ?? "/", "build");
    renderOnly(eleventy);
    // Our own summary replaces Eleventy's log; its error log would repeat the failure with a stack trace.
    eleventy.disableLogger();
    await eleventy.write();
  });
  return 0;
}

async function createEleventy(input: string, output: string, pathPrefix: string, runMode: "build" | "serve"): Promise<Eleventy> {
  // Eleventy maps passthrough globs to output paths only for an input given relative to the working folder.
  const eleventy = new Eleventy(path.relative(process.cwd(), input) || ".", output, {
    // The configuration is imported with the CLI (so it is bundled with it), not loaded from a file by Eleventy.
    configPath: "",
    config: siteConfig,
    pathPrefix,
    quietMode: true,
    runMode,
  });
  await eleventy.init();
  quietTimingWarnings(eleventy);
  return eleventy;
}

/**
 * In a build, pages are written by the page-output transform as they render (src/output/), and Eleventy's
 * template writer only renders: it would otherwise keep every page's HTML until the build ends.
 * Passthrough copies are still Eleventy's.
 */
function renderOnly(eleventy: Eleventy): void {
  // TemplateWriter is not in Eleventy's types; it is created by init() and passes dry run to each template.
  const writer = (eleventy as unknown as { writer?: { setDryRun?: (dryRun: boolean) => void } }).writer;
  if (typeof writer?.setDryRun !== "function") throw new Error("this Eleventy version has no TemplateWriter.setDryRun; src/cli/main.ts renderOnly needs updating for it");
  writer.setDryRun(true);
}

/**
 * Pages are written in a transform, which Eleventy's timing warnings would single out on every build
 * ("page-output Transform 17%"); its benchmark groups made while the config loads stay verbose whatever
 * quietMode says. `npm run bench` measures instead.
 */
function quietTimingWarnings(eleventy: Eleventy): void {
  const groups = (eleventy as unknown as { bench?: { getAll(): Record<string, { setIsVerbose(verbose: boolean): void }> } }).bench?.getAll() ?? {};
  for (const group of Object.values(groups)) group.setIsVerbose(false);
}

let failed = false;
const fail = (error: unknown): void => {
  if (!failed) console.error(explainFailure(error));
  failed = true;
  process.exitCode = 1;
};
// When a template fails, Eleventy goes on copying passthrough files into the staging folder that is being removed,
// and those copies fail with nobody waiting on them: the first failure is the one the author needs, never a stack trace.
process.on("unhandledRejection", fail);

main(process.argv.slice(2)).then((code) => {
  if (code >= 0 && !failed) process.exitCode = code;
}, fail);
