import { readFileSync } from "node:fs";
import path from "node:path";
import { brokenSave } from "../checks/brokenSave.ts";
import { errorChain } from "../checks/failures.ts";
import { ContentFaultsError } from "../eleventy/checksPlugin.ts";
import { buildSite, serveSite } from "../eleventy/run.ts";
import { PROJECT_ROOT, relativePath } from "../shared/sitePaths.ts";
import { explainFailure } from "./errors.ts";
import { parseCommand, USAGE } from "./options.ts";
import { buildIntoPlace } from "./stagedOutput.ts";
import { loadJekyllConfig } from "../source/jekyllConfig.ts";

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv);
  switch (parsed.command) {
    case "help":
      console.log(USAGE);
      return parsed.exitCode;
    case "version":
      console.log((JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version);
      return 0;
    // Commands only some runs use are loaded when they run (with the packages they alone need: the versions layer's HTML parser and diff).
    case "init": {
      const { initTree } = await import("./init.ts");
      const files = await initTree(parsed.folder);
      const shown = relativePath(process.cwd(), parsed.folder) || ".";
      console.log(`Wrote a starter tree to ${shown}/: ${files.join(", ")}.\nPreview it: gpconnect-docs serve --input ${shown}`);
      return 0;
    }
    case "serve":
      await serveSite(parsed.options, parsed.output, { port: parsed.port, host: parsed.host, explain: explainRebuildFailure });
      return -1;
    case "build":
      await buildIntoPlace(parsed.output, (staging) => buildSite(parsed.options, staging), loadJekyllConfig(parsed.options.contentDir).keep_files);
      return 0;
    case "versions": {
      const { buildVersions } = await import("../versions/main.ts");
      if (parsed.options.only !== undefined) await buildVersions(parsed.options, undefined);
      else await buildIntoPlace(parsed.output, (staging) => buildVersions(parsed.options, staging));
      return 0;
    }
    case "fix": {
      const { runFix } = await import("../fix/main.ts");
      return runFix({ options: parsed.options, write: parsed.write, cli: process.argv[1]! });
    }
  }
}

/** A failed dev-server rebuild: content faults give the broken-save panel each page's own; any other failure says what it is. */
function explainRebuildFailure(error: unknown): string {
  const message = explainFailure(error);
  if (!errorChain(error).some((e) => e instanceof ContentFaultsError)) brokenSave.failWithout(message);
  return message;
}

/** Runs the command and sets the exit code: the first failure is the one reported. */
function run(argv: string[]): void {
  let failed = false;
  const fail = (error: unknown): void => {
    if (!failed) console.error(explainFailure(error));
    failed = true;
    process.exitCode = 1;
  };
  // When a template fails, Eleventy goes on copying passthrough files into the staging folder that is being removed,
  // and those copies fail with nobody waiting on them: the first failure is the one the author needs, never a stack trace.
  process.on("unhandledRejection", fail);
  main(argv).then((code) => {
    if (code >= 0 && !failed) process.exitCode = code;
  }, fail);
}

run(process.argv.slice(2));
