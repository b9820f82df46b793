import { buildSite, serveSite } from "../eleventy/run.ts";
import { explainFailure } from "./errors.ts";
import { parseCommand, USAGE } from "./options.ts";
import { buildIntoPlace } from "./stagedOutput.ts";

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv);
  switch (parsed.command) {
    case "help":
      console.log(USAGE);
      return parsed.exitCode;
    case "serve":
      await serveSite(parsed.options, parsed.output, { port: parsed.port, host: parsed.host, explain: explainFailure });
      return -1;
    case "build":
      await buildIntoPlace(parsed.output, (staging) => buildSite(parsed.options, staging));
      return 0;
  }
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
