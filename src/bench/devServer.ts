import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { PROJECT_ROOT as ROOT } from "../shared/sitePaths.ts";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface DevServer {
  readonly url: string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** How to run the CLI: the checkout's (`npm start`), or an installed package's through npx. */
export interface CliCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

const CHECKOUT_CLI: CliCommand = { command: process.execPath, args: [path.join(ROOT, "bin/gpconnect-docs.mjs")], cwd: ROOT };

/** Runs the CLI's `serve` on a source tree, and waits until it answers and has built. */
export async function startDevServer(input: string, output: string, cli: CliCommand = CHECKOUT_CLI): Promise<DevServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(cli.command, [...cli.args, "serve", "--input", input, "--output", output, "--port", String(port)], {
    cwd: cli.cwd,
    env: { ...process.env, NO_COLOR: "1" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(url + "index.html")).ok && log.includes("Built ")) break;
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the dev server did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    output: () => log,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
}
