/**
 * `npm run dev`: Hugo's server with live reload, and the pages kept verified. Every save
 * under code/ or content/ (an edit, a save by rename, a new or deleted file) re-runs the
 * affected examples and rewrites the pages whose output changed, which Hugo then
 * re-renders and reloads in the browser. While verification fails, no page is written and
 * every page shows the problems in a banner (dev-banner.ts) until they are fixed.
 */
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { prepareProblemBanner, type ProblemBanner } from './dev-banner.ts';
import { writeFileAtomic } from './files.ts';
import { internalProblem, type Problem } from './problem.ts';
import type { PageUpdate, VerifyResult } from './verify.ts';
import { watchSources } from './watch-sources.ts';

/** What one verification gave: the result, its pages written; or the problems, and nothing written. */
export type DevUpdate = { written: VerifyResult } | { problems: readonly Problem[] };

export interface DevServerOptions {
  root: string;
  hugo: string;
  port: number | undefined;
  /** Verifies and, when nothing failed, writes the pages (only changed examples run, thanks to the cache). */
  update: () => Promise<DevUpdate>;
}

/** The folders whose files the pages are verified from. */
const SOURCES = ['code', 'content'] as const;

/** Serves the site until Hugo's server stops (or this process gets SIGINT or SIGTERM), and returns Hugo's exit code. */
export async function serveWithLiveExamples({ root, hugo, port, update }: DevServerOptions): Promise<number> {
  const banner = await prepareProblemBanner(root);
  const verifier = new Reverifier(root, banner, update);
  // Watch before the first verification, so that no save made while it runs is missed.
  const watcher = await watchSources({ root, dirs: SOURCES, onChange: (files) => verifier.changed(files) });
  try {
    await verifier.verifyAll();
    const args = ['server', '--source', root, '--bind', '127.0.0.1', '--config', banner.hugoConfig];
    if (port !== undefined) args.push('--port', String(port));
    const server = spawn(hugo, args, { stdio: 'inherit' });
    const stop = (): void => void server.kill('SIGTERM');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      return await new Promise<number>((resolve) => {
        server.once('error', (error) => {
          console.error(`could not start Hugo's server: ${error.message}`);
          resolve(1);
        });
        server.once('close', (code) => resolve(code ?? 0));
      });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  } finally {
    await watcher.close();
    await verifier.idle();
  }
}

/**
 * Runs one verification at a time; files changed meanwhile make one more run after it.
 * A batch of changes that leaves every file as the last run saw or wrote it (the pages a
 * run writes coming back as changes, an editor's temporary file come and gone) causes no
 * run.
 */
class Reverifier {
  readonly #root: string;
  readonly #banner: ProblemBanner;
  readonly #update: () => Promise<DevUpdate>;
  readonly #pending = new Set<string>();
  /** Examples changed since the last successful run. */
  readonly #changedCode = new Set<string>();
  /** What each file reported by the watcher held when a run last started or wrote it (undefined: absent). */
  readonly #known = new Map<string, FileState>();
  #busy = false;
  #draining: Promise<void> = Promise.resolve();

  constructor(root: string, banner: ProblemBanner, update: () => Promise<DevUpdate>) {
    this.#root = root;
    this.#banner = banner;
    this.#update = update;
  }

  /** Verifies every page now (at start-up), then whatever changed meanwhile. */
  async verifyAll(): Promise<void> {
    this.#busy = true;
    this.#draining = this.#verify().then(() => this.#drain());
    await this.#draining;
  }

  /** Takes files the watcher saw change (paths relative to the root). */
  changed(files: readonly string[]): void {
    for (const file of files) this.#pending.add(file);
    if (this.#busy) return;
    this.#busy = true;
    this.#draining = this.#drain();
  }

  /** Resolves once no verification is running. */
  idle(): Promise<void> {
    return this.#draining;
  }

  async #drain(): Promise<void> {
    while (this.#pending.size > 0) {
      const files = [...this.#pending];
      this.#pending.clear();
      const states = await Promise.all(files.map((file) => fileState(join(this.#root, file))));
      if (files.every((file, i) => this.#known.has(file) && this.#known.get(file) === states[i])) continue;
      files.forEach((file, i) => this.#known.set(file, states[i]));
      for (const file of files) if (file.startsWith('code/')) this.#changedCode.add(file);
      await this.#verify();
    }
    this.#busy = false;
  }

  async #verify(): Promise<void> {
    const started = performance.now();
    let outcome: DevUpdate;
    try {
      outcome = await this.#update();
    } catch (error) {
      outcome = { problems: [internalProblem('verifying the pages', error)] };
    }
    try {
      if ('problems' in outcome) {
        await this.#banner.show(outcome.problems);
        console.error('the pages show these problems until they are fixed');
        return;
      }
      await this.#refresh(outcome.written.pages);
      await this.#banner.show([]);
      console.log(`verified in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      // The server goes on: the next save tries again.
      console.error(error);
    }
  }

  /** Records the pages a successful run wrote, and makes Hugo render again those showing a changed example. */
  async #refresh(pages: readonly PageUpdate[]): Promise<void> {
    for (const page of pages) if (page.current !== page.updated) this.#known.set(page.file, page.updated);
    // Hugo does not watch code/, yet `fullcode` boxes show it: pages that quote a changed
    // example but whose bodies did not change are rewritten as they are, so that Hugo
    // renders them again.
    const untouched = pages.filter((page) => page.current === page.updated && page.examples.some((file) => this.#changedCode.has(file)));
    for (const page of untouched) {
      await writeFileAtomic(join(this.#root, page.file), page.current);
      this.#known.set(page.file, page.current);
    }
    this.#changedCode.clear();
  }
}

/** A file's text, a marker for a folder or a file that cannot be read, undefined when nothing is there. */
type FileState = string | undefined;

async function fileState(path: string): Promise<FileState> {
  try {
    return (await stat(path)).isDirectory() ? '\0directory' : await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : `\0unreadable: ${code}`;
  }
}
