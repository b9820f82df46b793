import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildOptions, type BuildOptions } from "../eleventy/context.ts";
import { BuildError } from "../shared/diagnostics.ts";
import type { VersionsOptions } from "../versions/main.ts";
import { isInside, PROJECT_ROOT } from "../shared/sitePaths.ts";

export const USAGE = `Usage: gpconnect-docs <build|serve|fix|stitch> [options]
       gpconnect-docs init [FOLDER]

  --input DIR         source tree in the Jekyll documentation-theme format (default: content)
  --output DIR        where to write the site (default: _site)
  --path-prefix PATH  publish under a sub-path, e.g. /apis/gpconnect/ (default: the tree's baseurl, else /)
  --strict            fail the build on any content warning
  --verbose           list every accepted fault, not only their count
  --report json|FILE  every fault as JSON (code, file, line, column, message, suggestion): on stdout, or into FILE
  --settings FILE     settings file (default: the tree's own _gpconnect-docs.yml, if it has one)
  --commit-dates FILE each file's last commit date as JSON ({"pages/a.md": "2024-03-22T16:40:13Z"}), for a
                      tree that is not a git checkout (--versions passes it; default: from the tree's git)
  --port N            dev server port (serve only; default 8080)
  --host HOST         dev server address (serve only; default 127.0.0.1, this machine only)
  --versions FILE     build every version a versions file lists into one site, each under /<id>/
  --only ID           with --versions: build only that version's part into the cache (one CI job)
  --cache DIR         with --versions: where versions' parts are kept (default: node_modules/.cache/gpconnect-docs/versions)
  --write             fix only: write the repairs it shows (without it nothing changes)
  --version           print the version
  --help              show this help

  fix                 shows, as diffs, the repairs the checks are certain of: mojibake, a broken link
                      or anchor one slip from its one candidate, .htm for .html, a page link missing
                      .html, accepted faults that no longer occur; --write applies them
  stitch              with --versions: joins the parts --only built (in --cache) into the site
  init [FOLDER]       writes a starter tree (_config.yml, a sidebar, two pages, the settings file with
                      every key explained) into FOLDER (default: the working folder); never overwrites`;

/** What the command line asks for: the command, the build's options, and where and how to serve. */
export type Command =
  | { readonly command: "help"; readonly exitCode: number }
  | { readonly command: "version" }
  | { readonly command: "init"; readonly folder: string }
  | { readonly command: "build"; readonly options: BuildOptions; readonly output: string }
  | { readonly command: "fix"; readonly options: BuildOptions; readonly write: boolean }
  | { readonly command: "versions"; readonly options: VersionsOptions; readonly output: string }
  | { readonly command: "serve"; readonly options: BuildOptions; readonly output: string; readonly port: number; readonly host: string };

/** `env`: only GitHub Actions' own variables are read, to annotate faults on their lines there. */
export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Command {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      input: { type: "string", default: "content" },
      output: { type: "string", default: "_site" },
      "path-prefix": { type: "string" },
      strict: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      report: { type: "string" },
      write: { type: "boolean", default: false },
      settings: { type: "string" },
      "commit-dates": { type: "string" },
      port: { type: "string", default: "8080" },
      host: { type: "string", default: "127.0.0.1" },
      help: { type: "boolean", default: false },
      version: { type: "boolean", default: false },
      versions: { type: "string" },
      only: { type: "string" },
      cache: { type: "string" },
    },
  });
  const command = positionals[0] ?? "build";
  if (values.version) return { command: "version" };
  if (command === "init" && !values.help) return { command, folder: path.resolve(positionals[1] ?? ".") };
  if (values.help || !["build", "serve", "fix", "stitch"].includes(command)) return { command: "help", exitCode: values.help ? 0 : 2 };
  if (values.versions !== undefined || command === "stitch") {
    if (values.versions === undefined || (command !== "build" && command !== "stitch")) {
      throw new BuildError({ code: "options", file: "(command line)", message: `${command} ${values.versions === undefined ? "needs --versions FILE" : "does not take --versions"}`, hint: "build every version with: npm run build -- --versions FILE (stitch joins parts built with --only)" });
    }
    const versions: VersionsOptions = { versionsFile: path.resolve(values.versions), only: values.only, stitchOnly: command === "stitch", cache: values.cache, pathPrefix: values["path-prefix"], strict: values.strict, report: values.report };
    return { command: "versions", options: versions, output: path.resolve(values.output) };
  }
  const options = buildOptions({
    contentDir: values.input,
    pathPrefix: values["path-prefix"],
    strict: values.strict,
    settingsFile: values.settings,
    verbose: values.verbose,
    report: values.report,
    annotations: githubActions(env),
    commitDates: values["commit-dates"],
  });
  if (options.settingsFile !== undefined && !existsSync(options.settingsFile)) {
    throw new BuildError({ code: "settings", file: path.relative(process.cwd(), options.settingsFile), message: "the settings file does not exist", hint: "name an existing file with --settings FILE, or leave it out to use the tree's own _gpconnect-docs.yml" });
  }
  if (command === "fix") return { command, options, write: values.write };
  const output = path.resolve(values.output);
  refuseOutput(output, options.contentDir);
  if (command === "build") return { command, options, output };
  return { command: "serve", options, output, port: Number(values.port), host: values.host };
}

/**
 * An output folder is replaced whole by each build, so it may not be the source tree, hold it, lie inside it,
 * hold this project, or be a file system's root (where the build's sibling staging folder cannot go either).
 * Refused before anything is written or deleted, as Jekyll refuses a destination holding its source.
 */
function refuseOutput(output: string, input: string): void {
  const shown = (folder: string): string => path.relative(process.cwd(), folder) || ".";
  const refuse = (message: string): never => {
    throw new BuildError({ code: "output", file: shown(output), message, hint: "choose an output folder of its own beside the tree, such as --output ../site" });
  };
  if (path.dirname(output) === output) refuse("--output is the root of the file system: a build replaces its output folder whole");
  // Checked before the tree: a folder holding both (a shared /tmp, say) is named for what matters most.
  if (output === PROJECT_ROOT || isInside(output, PROJECT_ROOT)) refuse(`--output holds this project (${PROJECT_ROOT}): the build would delete it`);
  if (output === input) refuse(`--output is the source tree (--input ${shown(input)}): the build would delete it`);
  if (isInside(output, input)) refuse(`--output holds the source tree (--input ${shown(input)}): the build would delete it`);
  if (isInside(input, output)) refuse(`--output lies inside the source tree (--input ${shown(input)}): the site would be read back as pages`);
}

/** Under GitHub Actions, faults are also printed as workflow commands naming files from the workspace. */
function githubActions(env: NodeJS.ProcessEnv): { workspace: string } | undefined {
  return env["GITHUB_ACTIONS"] === "true" ? { workspace: path.resolve(env["GITHUB_WORKSPACE"] ?? ".") } : undefined;
}
