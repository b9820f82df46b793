import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface RunFigures {
  readonly seconds: number;
  /** Peak resident memory of the command and every process it started (Pagefind's included), summed, MB. */
  readonly peakMb: number;
  /** The run was stopped at its time limit: `seconds` is that limit. */
  readonly timedOut?: boolean;
  /** The run failed, and the contender is left out (Jekyll lacking a plugin the tree names, say). */
  readonly failed?: boolean;
  /** The end of what it printed on stdout (its closing line). */
  readonly stdout?: string;
  /**
   * CPU seconds of the command and every process it waited for (user, system): unlike wall time, hardly
   * inflated by other work on a shared machine. Undefined where Linux's /proc is not there.
   */
  readonly cpu?: { readonly user: number; readonly system: number } | undefined;
}

let clockTicks: number | undefined;

/**
 * CPU seconds of this process's children that have ended and been waited for (`cutime`, `cstime` of
 * /proc/self/stat, which count their own waited-for children too), or undefined without /proc.
 */
function childrenCpu(): { user: number; system: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync("/proc/self/stat", "utf8");
  } catch {
    return undefined;
  }
  clockTicks ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  // Fields after the command name (which may hold spaces): state is field 3, cutime 16, cstime 17.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { user: Number(fields[13]) / clockTicks, system: Number(fields[14]) / clockTicks };
}

/** How often the process tree's memory is sampled. */
const SAMPLE_MS = 100;

/** The process and all its descendants, by Linux's `/proc/PID/task/TID/children`. */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${tree[i]}/task`);
    } catch {
      continue; // it has ended since it was listed
    }
    for (const task of tasks) {
      try {
        tree.push(...readFileSync(`/proc/${tree[i]}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number));
      } catch {
        // the task ended
      }
    }
  }
  return tree;
}

/** Resident memory of the processes, summed, in KB (a process that has ended counts nothing). */
function residentKb(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // ended
    }
  }
  return total;
}

/**
 * Runs a command and returns its wall time and the peak of the memory its whole process tree holds at
 * once (sampled; Pagefind indexes in a process of its own, which a child's own peak leaves out).
 * A failed run stops the benchmark; with `limitSeconds`, a run still going then is stopped and reported as timed out.
 */
export function timed(command: string, args: readonly string[], cwd: string, options: { limitSeconds?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunFigures> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpuBefore = childrenCpu();
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: "1", ...options.env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stderr = "";
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-3000)));
    let peakKb = 0;
    let timedOut = false;
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-3000)));
    const sampler = setInterval(() => {
      if (child.pid) peakKb = Math.max(peakKb, residentKb(processTree(child.pid)));
    }, SAMPLE_MS);
    const limit =
      options.limitSeconds === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            // The whole group: the command and whatever it started.
            if (child.pid) process.kill(-child.pid, "SIGKILL");
          }, options.limitSeconds * 1000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearInterval(sampler);
      if (limit) clearTimeout(limit);
      const seconds = (performance.now() - started) / 1000;
      const cpuAfter = childrenCpu();
      const cpu = cpuBefore && cpuAfter ? { user: cpuAfter.user - cpuBefore.user, system: cpuAfter.system - cpuBefore.system } : undefined;
      if (timedOut) resolve({ seconds: options.limitSeconds!, peakMb: peakKb / 1024, timedOut });
      else if (status !== 0) reject(new Error(`${command} ${args.join(" ")} failed (${status}):\n${stderr}`));
      else resolve({ seconds, peakMb: peakKb / 1024, stdout, cpu });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median wall time and peak memory of several runs; timed out (or failed) when a run was. */
export function medianFigures(figures: readonly RunFigures[]): RunFigures {
  const stopped = figures.find((f) => f.timedOut || f.failed);
  if (stopped) return stopped;
  return { seconds: median(figures.map((f) => f.seconds)), peakMb: median(figures.map((f) => f.peakMb)), stdout: figures.at(-1)?.stdout ?? "" };
}

/**
 * Runs each contender `runs` times in alternation (A, B, C, A, B, C, …), so a change in the machine's
 * load falls on all of them alike, and returns each one's medians, by name.
 */
export async function alternate<Name extends string>(runs: number, contenders: Record<Name, () => Promise<RunFigures>>): Promise<Record<Name, RunFigures>> {
  const names = Object.keys(contenders) as Name[];
  const figures = new Map<Name, RunFigures[]>(names.map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (const name of names) {
      const previous = figures.get(name)!;
      // A contender that hit its time limit (or failed) once is not run again: it would only do so again.
      if (previous.some((f) => f.timedOut || f.failed)) continue;
      previous.push(await contenders[name]());
    }
  }
  return Object.fromEntries(names.map((name) => [name, medianFigures(figures.get(name)!)])) as Record<Name, RunFigures>;
}
