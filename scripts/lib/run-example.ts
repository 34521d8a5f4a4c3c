import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { EVENT_FD, EXAMPLE_ENV, type CaptureEvent } from '../runtime/events.ts';
import type { ProcessEnd } from './captures.ts';

const CAPTURE_RUNTIME = fileURLToPath(new URL('../runtime/capture.ts', import.meta.url));
const TSX_LOADER = createRequire(import.meta.url).resolve('tsx');

export interface RunOptions {
  /** Repository root: the example runs there, and its path is removed from all output. */
  root: string;
  /** The example's path relative to `root`, e.g. `code/relationships/one-to-one.ts`. */
  file: string;
  timeoutMs: number;
}

export interface RawRun {
  events: CaptureEvent[];
  end: ProcessEnd;
  durationMs: number;
}

/**
 * Runs one example in its own Node.js process through tsx, with the capture runtime
 * loaded, and collects its events. The process is killed (with anything it started)
 * when it outlives the timeout.
 */
export function runExample({ root, file, timeoutMs }: RunOptions): Promise<RawRun> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', '--no-warnings=ExperimentalWarning', '--import', TSX_LOADER, '--import', CAPTURE_RUNTIME, file],
    {
      cwd: root,
      env: { ...process.env, [EXAMPLE_ENV]: file, TZ: 'UTC', FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );

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
