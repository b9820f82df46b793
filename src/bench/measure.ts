import { spawnSync } from "node:child_process";

export interface RunFigures {
  readonly seconds: number;
  /** Peak resident memory of the largest process, MB. */
  readonly peakMb: number;
}

/** Runs a command under GNU time and returns its wall time and peak memory; a failed run stops the benchmark. */
export function timed(command: string, args: readonly string[], cwd: string): RunFigures {
  const result = spawnSync("/usr/bin/time", ["-f", "BENCH %e %M", command, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 * 1024 * 1024 });
  const match = /BENCH ([\d.]+) (\d+)/.exec(result.stderr);
  if (result.status !== 0 || !match) throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stderr.slice(-3000)}`);
  return { seconds: Number(match[1]), peakMb: Number(match[2]) / 1024 };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median wall time and peak memory of `runs` runs. */
export function medianOf(runs: number, run: () => RunFigures): RunFigures {
  const figures = Array.from({ length: runs }, run);
  return { seconds: median(figures.map((f) => f.seconds)), peakMb: median(figures.map((f) => f.peakMb)) };
}
