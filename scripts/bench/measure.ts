/** Measuring processes on Linux: elapsed time, CPU time of children, memory of a process tree. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';

/** Runs `task` and returns how long it took, in milliseconds. */
export function timed(task: () => void): number {
  const started = performance.now();
  task();
  return performance.now() - started;
}

/** Awaits `task` and returns its result and how long it took, in milliseconds. */
export async function timedAsync<T>(task: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await task();
  return { result, ms: performance.now() - started };
}

/** The median of some measurements (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/** Memory of a process tree at one moment, in bytes. */
export interface TreeMemory {
  /** The resident sets added up: a page shared by several processes counts once per process. */
  rss: number;
  /**
   * The proportional set sizes added up: a shared page is divided among the processes that
   * share it (PostgreSQL's shared buffers mapped by every backend, Node.js's binary by every
   * process), so the total is the memory the tree really takes.
   */
  pss: number;
}

/** Memory of a process and all its descendants, read from /proc (Linux). */
export async function treeMemory(rootPid: number): Promise<TreeMemory> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const inTree = (pid: number): boolean => {
    for (let current: number | undefined = pid; current; current = parents.get(current)) if (current === rootPid) return true;
    return false;
  };
  const total: TreeMemory = { rss: 0, pss: 0 };
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    total.rss += Number(/^Rss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
    total.pss += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
  }
  return total;
}

/**
 * The CPU time (user and system) of this process's children that have ended, and of their
 * own children, read from /proc (Linux; NaN elsewhere). On a shared machine it varies far
 * less than the elapsed time.
 */
export function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of the file (cutime, cstime), counted after the command name (field 2).
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicksPerSecond();
  } catch {
    return Number.NaN;
  }
}

let ticksPerSecond: number | undefined;
function clockTicksPerSecond(): number {
  ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return ticksPerSecond;
}

/** Milliseconds as seconds, e.g. `12.34 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Bytes as whole megabytes (MiB), e.g. `537 MB`. */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** `a / b` to two decimals, e.g. `0.33`. */
export function ratio(a: number, b: number): string {
  return (a / b).toFixed(2);
}
