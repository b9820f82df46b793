#!/usr/bin/env node
// The steps of action.yml, as one script that tests/build/package.test.ts runs the same way:
//   node run.mjs build     builds the tree with the installed CLI and writes its JSON fault report; under
//                          GitHub Actions the CLI prints each fault as an annotation on its line (from that report)
//   node run.mjs summary   lists in the job summary the pages the changed files publish, with the preview's link
// Everything comes from the environment action.yml sets; nothing from the tree is run.
import { spawnSync } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";

const env = process.env;
const input = env.GPCONNECT_DOCS_INPUT || ".";
const report = env.GPCONNECT_DOCS_REPORT || "gpconnect-docs-report.json";

function build() {
  const args = ["build", "--input", input, "--output", env.GPCONNECT_DOCS_OUTPUT || "_site", "--report", report];
  if (env.GPCONNECT_DOCS_PATH_PREFIX) args.push("--path-prefix", env.GPCONNECT_DOCS_PATH_PREFIX);
  if (env.GPCONNECT_DOCS_STRICT === "true") args.push("--strict");
  if (env.GPCONNECT_DOCS_VERSIONS) args.push("--versions", env.GPCONNECT_DOCS_VERSIONS);
  const cli = path.join(env.GPCONNECT_DOCS_HOME || ".", "node_modules/gpconnect-docs/bin/gpconnect-docs.mjs");
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `report=${path.resolve(report)}\n`);
  return spawnSync(process.execPath, [cli, ...args], { stdio: "inherit" }).status ?? 1;
}

/** The tree's files that differ from `base` (relative to the tree), or why they cannot be listed. */
function changedFiles(base) {
  const diff = spawnSync("git", ["diff", "--name-only", "--relative", base, "HEAD"], { cwd: input, encoding: "utf8" });
  if (diff.status !== 0) return { reason: `git could not compare with ${base} (check out with fetch-depth: 0): ${diff.stderr.trim()}` };
  return { files: diff.stdout.split("\n").filter(Boolean) };
}

function summary() {
  const { sources, faults } = JSON.parse(readFileSync(report, "utf8"));
  const prefix = `/${(env.GPCONNECT_DOCS_PATH_PREFIX || "").replace(/^\/+|\/+$/g, "")}/`.replace("//", "/");
  const open = faults.filter((fault) => !fault.accepted);
  const lines = ["## Documentation preview", ""];
  if (env.GPCONNECT_DOCS_PREVIEW_URL) lines.push(`[Download the built site](${env.GPCONNECT_DOCS_PREVIEW_URL}) (unzip it and serve the folder, e.g. \`npx http-server\`).`, "");
  lines.push(open.length === 0 ? "No content faults." : `${open.length} content fault${open.length === 1 ? "" : "s"}: see the annotations on the changed lines.`, "");
  const changed = env.GPCONNECT_DOCS_BASE ? changedFiles(env.GPCONNECT_DOCS_BASE) : { reason: "no base commit to compare with" };
  if (changed.files) {
    const published = new Set(Object.values(sources));
    const pages = Object.entries(sources).filter(([, source]) => changed.files.includes(source)).map(([page]) => page).sort();
    lines.push(`### Pages this change publishes (${pages.length})`, "", ...(pages.length ? pages.map((page) => `- \`${prefix}${page}\``) : ["None."]), "");
    const shared = changed.files.filter((file) => !published.has(file));
    if (shared.length) lines.push("### Other files changed (sidebars, includes, data: may change any page)", "", ...shared.map((file) => `- \`${file}\``), "");
  } else {
    lines.push(`The changed pages are not listed: ${changed.reason}.`, "");
  }
  const text = `${lines.join("\n")}\n`;
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, text);
  else process.stdout.write(text);
  return 0;
}

const step = { build, summary }[process.argv[2]];
if (!step) {
  console.error("usage: node run.mjs build|summary");
  process.exitCode = 2;
} else process.exitCode = step();
