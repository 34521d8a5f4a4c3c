/**
 * Runs the command line's `dev` in a site folder, on a free port of 127.0.0.1, and reads
 * the pages it serves over HTTP: what the dev-server tests and the live-preview benchmark
 * drive. The command gets a process group of its own, so that stopping it can never leave
 * Hugo's server or an example running.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';

const TSX = createRequire(import.meta.url).resolve('tsx');

export interface DevProcess {
  readonly pid: number;
  readonly port: number;
  /** The address of a page, by its path under the site's base URL (e.g. `docs/chapter/first/`). */
  url(path: string): string;
  /** Fetches a page: its status and text, or undefined while nothing answers. */
  fetchPage(path: string): Promise<{ status: number; text: string } | undefined>;
  /** Everything the command printed so far (Hugo's lines included). */
  output(): string;
  /**
   * Stops the command with SIGTERM (it stops Hugo's server itself); kills its whole process
   * group when it has not exited within `graceMs`, or when anything of the group (Hugo, an
   * example) still runs a second after it exited. Resolves to the command lines of those
   * left running (Linux; none elsewhere).
   */
  stop(graceMs?: number): Promise<{ leftovers: string[] }>;
}

export interface StartDevOptions {
  /** The site to serve (its hugo.toml, code/ and content/). */
  site: string;
  /** The command line to run: `scripts/cli.ts` of the repository or of a copy. */
  cli: string;
}

/** Starts `dev` and resolves once the process runs; the caller waits for pages and always calls `stop`. */
export async function startDev({ site, cli }: StartDevOptions): Promise<DevProcess> {
  const port = await freePort();
  const basePath = await baseUrlPath(site);
  const child = spawn(process.execPath, ['--import', TSX, cli, 'dev', '--port', String(port)], {
    cwd: site,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${cli} dev`);
  const url = (path: string): string => `http://127.0.0.1:${port}/${basePath}${path}`;
  return {
    pid,
    port,
    url,
    async fetchPage(path) {
      try {
        const response = await fetch(url(path));
        return { status: response.status, text: await response.text() };
      } catch {
        return undefined;
      }
    },
    output: () => output,
    async stop(graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => killGroup(pid), graceMs);
        await closed;
        clearTimeout(timer);
      }
      // Helpers that end when their parent does (esbuild's service) may take a moment.
      const settled = performance.now() + 1000;
      let leftovers = await runningInGroup(pid);
      while (leftovers.length > 0 && performance.now() < settled) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        leftovers = await runningInGroup(pid);
      }
      killGroup(pid);
      return { leftovers };
    },
  };
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group has no process left.
  }
}

/** The command lines of the processes of group `pgid` that still run (zombies waiting to be reaped do not), read from /proc. */
async function runningInGroup(pgid: number): Promise<string[]> {
  const running: string[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Fields after the command's closing parenthesis: state, parent, process group.
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) !== pgid || state === 'Z') continue;
    const command = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    running.push(command.split('\0').join(' ').trim());
  }
  return running;
}

/** Polls `condition` every 10 ms until it holds; throws `what` after `timeoutMs`. */
export async function waitFor(condition: () => Promise<boolean>, { timeoutMs, what }: { timeoutMs: number; what: string }): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** The path of hugo.toml's `baseURL`, without its leading slash (e.g. `sequelize-tutorial/`). */
async function baseUrlPath(site: string): Promise<string> {
  const config = await readFile(join(site, 'hugo.toml'), 'utf8');
  const baseUrl = /^baseURL\s*=\s*"([^"]+)"/m.exec(config)?.[1] ?? '/';
  return new URL(baseUrl, 'http://localhost').pathname.replace(/^\//, '');
}
