import { spawn } from 'node:child_process';
import { EVENT_FD, type CaptureEvent, type RunInput } from '../runtime/events.ts';
import type { ProcessEnd } from './captures.ts';
import { codeCacheEnvironment } from './code-cache.ts';

export interface RunOptions {
  /** Repository root: the example runs there, and its path is removed from all output. */
  root: string;
  /** The example's path relative to `root`, e.g. `code/relationships/one-to-one.ts`. */
  file: string;
  /** The example's modules compiled to JavaScript, by file URL (see compile-example.ts). */
  modules: Record<string, string>;
  /** The compiled capture runtime (see runtime-bundle.ts). */
  runtime: string;
  timeoutMs: number;
}

export interface RawRun {
  events: CaptureEvent[];
  end: ProcessEnd;
  durationMs: number;
}

/**
 * Runs one example in its own Node.js process, from the modules compiled for it, with the
 * capture runtime loaded, and collects its events. The process is killed (with anything
 * it started) when it outlives the timeout.
 */
export function runExample({ root, file, modules, runtime, timeoutMs }: RunOptions): Promise<RawRun> {
  const started = performance.now();
  // Examples live for a fraction of a second: V8's lite mode skips the optimizing compiler
  // they would not live long enough to use, and saves about 15 MB per process. Lite mode
  // cannot run WebAssembly; saying so up front keeps V8 from warning about it on stderr.
  // (Source maps are switched on by the runtime, once Sequelize has loaded; see capture.ts.)
  const child = spawn(process.execPath, ['--lite-mode', '--no-expose-wasm', '--import', runtime, file], {
    cwd: root,
    // The code cache reaches the processes the example starts too, through NODE_OPTIONS.
    env: { ...process.env, TZ: 'UTC', FORCE_COLOR: '0', NO_COLOR: '1', ...codeCacheEnvironment(root, runtime) },
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
      events.push(scrubPaths(JSON.parse(pending.slice(0, newline)) as CaptureEvent, root));
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
          stderr: scrubText(stderr, root),
          ...(timedOut ? { timedOutAfterMs: timeoutMs } : {}),
        },
        durationMs: performance.now() - started,
      });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Removes the machine's checkout path from everything an example reported. */
function scrubPaths(event: CaptureEvent, root: string): CaptureEvent {
  return JSON.parse(scrubText(JSON.stringify(event), root)) as CaptureEvent;
}

function scrubText(text: string, root: string): string {
  const escapedRoot = JSON.stringify(root).slice(1, -1);
  return text.replaceAll(`file://${escapedRoot}/`, '').replaceAll(`${escapedRoot}/`, '').replaceAll(escapedRoot, '.');
}
