import { spawn } from 'node:child_process';
import { mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { EVENT_FD, type CaptureEvent, type RunInput } from '../runtime/events.ts';
import { codeCacheEnvironment } from './code-cache.ts';
import type { ProcessEnd } from './observe.ts';

export interface RunOptions {
  /** Repository root, holding the example; its path is removed from all output. */
  root: string;
  /** The example's path relative to `root`, e.g. `code/relationships/one-to-one.ts`. */
  file: string;
  /** The example's modules compiled to JavaScript, by file URL (see compile-example.ts). */
  modules: Record<string, string>;
  /** The compiled capture runtime (see runtime-bundle.ts). */
  runtime: string;
  timeoutMs: number;
  /** Variables added to the process's environment (a dialect's connection, say). */
  environment?: Record<string, string>;
  /** Run in V8's lite mode (see below); off for drivers that need WebAssembly. */
  liteMode?: boolean;
  /** Names that vary between runs, replaced in everything the run reports (see dialects/dialect.ts). */
  aliases?: Record<string, string>;
}

/** Everything one run reported, as received: what the observation is made from, and what the store keeps. */
export interface RawRun {
  events: CaptureEvent[];
  end: ProcessEnd;
}

/**
 * Runs one example in its own Node.js process, from the modules compiled for it, with the
 * capture runtime loaded, and collects its events. The process is killed (with anything
 * it started) when it outlives the timeout.
 */
export async function runExample(options: RunOptions): Promise<RawRun> {
  // Each run starts in an empty folder of its own: a file the example writes by a relative
  // path (a database file, say) lands there, is reported, and never reaches the repository.
  const cwd = await realpath(await mkdtemp(join(tmpdir(), 'example-run-')));
  try {
    const run = await runIn(cwd, options);
    const left = await readdir(cwd, { recursive: true });
    return left.length > 0 ? { ...run, end: { ...run.end, leftFiles: left.map((name) => name.split(sep).join('/')).sort() } } : run;
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}

function runIn(cwd: string, { root, file, modules, runtime, timeoutMs, environment = {}, liteMode = true, aliases = {} }: RunOptions): Promise<RawRun> {
  const scrub = (text: string): string => Object.entries(aliases).reduce((result, [name, alias]) => result.replaceAll(name, alias), scrubText(scrubText(text, root), cwd));
  const child = spawn(process.execPath, [...v8Flags(liteMode), '--import', runtime, join(root, file)], {
    cwd,
    // The code cache reaches the processes the example starts too, through NODE_OPTIONS.
    env: { ...process.env, ...environment, TZ: 'UTC', FORCE_COLOR: '0', NO_COLOR: '1', ...codeCacheEnvironment(root, runtime) },
    stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const input: RunInput = { modules };
  child.stdin?.on('error', () => {
    // The process died before reading its input; its exit says why.
  });
  child.stdin?.end(JSON.stringify(input));

  const events: CaptureEvent[] = [];
  const decoder = new TextDecoder();
  let pending = '';
  let stderr = '';
  const eventStream = child.stdio[EVENT_FD];
  eventStream?.on('data', (chunk: Buffer) => {
    pending += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      events.push(parseEvent(scrub(pending.slice(0, newline))));
      pending = pending.slice(newline + 1);
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, timeoutMs);

  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({
        events,
        end: {
          exitCode,
          signal,
          stderr: scrub(stderr),
          ...(timedOut ? { timedOutAfterMs: timeoutMs } : {}),
        },
      });
    });
  });
}

/**
 * The V8 flags of an example's process. Examples live for a fraction of a second: V8's
 * lite mode skips the optimizing compiler they would not live long enough to use, and
 * saves about 15 MB per process. Lite mode cannot run WebAssembly; saying so up front
 * keeps V8 from warning about it on stderr. (Source maps are switched on by the runtime,
 * once Sequelize has loaded; see capture.ts.)
 */
export function v8Flags(liteMode: boolean): string[] {
  return liteMode ? ['--lite-mode', '--no-expose-wasm'] : [];
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Reads one event line (already scrubbed of the machine's paths and the run's own names). */
function parseEvent(line: string): CaptureEvent {
  try {
    return JSON.parse(line) as CaptureEvent;
  } catch {
    // Something other than the capture runtime wrote to its channel.
    return { kind: 'error', name: 'Error', message: `unreadable capture event: ${line.slice(0, 200)}`, stack: '' };
  }
}

function scrubText(text: string, root: string): string {
  const escapedRoot = JSON.stringify(root).slice(1, -1);
  return text.replaceAll(`file://${escapedRoot}/`, '').replaceAll(`${escapedRoot}/`, '').replaceAll(escapedRoot, '.');
}
