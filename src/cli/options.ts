import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildOptions, type BuildOptions } from "../eleventy/context.ts";
import { BuildError } from "../shared/diagnostics.ts";

export const USAGE = `Usage: gpconnect-docs <build|serve> [options]

  --input DIR         source tree in the Jekyll documentation-theme format (default: content)
  --output DIR        where to write the site (default: _site)
  --path-prefix PATH  publish under a sub-path, e.g. /apis/gpconnect/ (default: the tree's baseurl, else /)
  --strict            fail the build on any content warning
  --settings FILE     settings file (default: the tree's own _gpconnect-docs.yml, if it has one)
  --port N            dev server port (serve only; default 8080)
  --host HOST         dev server address (serve only; default 127.0.0.1, this machine only)
  --help              show this help`;

/** What the command line asks for: the command, the build's options, and where and how to serve. */
export type Command =
  | { readonly command: "help"; readonly exitCode: number }
  | { readonly command: "build"; readonly options: BuildOptions; readonly output: string }
  | { readonly command: "serve"; readonly options: BuildOptions; readonly output: string; readonly port: number; readonly host: string };

export function parseCommand(argv: readonly string[]): Command {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      input: { type: "string", default: "content" },
      output: { type: "string", default: "_site" },
      "path-prefix": { type: "string" },
      strict: { type: "boolean", default: false },
      settings: { type: "string" },
      port: { type: "string", default: "8080" },
      host: { type: "string", default: "127.0.0.1" },
      help: { type: "boolean", default: false },
    },
  });
  const command = positionals[0] ?? "build";
  if (values.help || (command !== "build" && command !== "serve")) return { command: "help", exitCode: values.help ? 0 : 2 };
  const options = buildOptions({ contentDir: values.input, pathPrefix: values["path-prefix"], strict: values.strict, settingsFile: values.settings });
  if (options.settingsFile !== undefined && !existsSync(options.settingsFile)) {
    throw new BuildError({ code: "settings", file: path.relative(process.cwd(), options.settingsFile), message: "the settings file does not exist", hint: "name an existing file with --settings FILE, or leave it out to use the tree's own _gpconnect-docs.yml" });
  }
  const output = path.resolve(values.output);
  if (command === "build") return { command, options, output };
  return { command, options, output, port: Number(values.port), host: values.host };
}

