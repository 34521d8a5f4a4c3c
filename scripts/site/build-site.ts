/**
 * Builds the site the way `npm run build` does (Hugo with --minify, then Pagefind),
 * but from the sources as they are (no example is run) into a fresh temporary
 * directory, for a given baseURL. Tests and the budget script use it, so they never
 * depend on a previous build nor write into the repository's public/.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findHugo } from '../lib/hugo.ts';
import { REPO_ROOT } from './temp-site.ts';

const run = promisify(execFile);

/** The repository's root. */
export const ROOT = REPO_ROOT;

export interface BuiltSite {
  /** The directory holding the built site (Hugo's destination). */
  dir: string;
  /** The baseURL it was built with, ending in `/`. */
  baseURL: string;
  /** baseURL's path, e.g. `/` or `/sequelize-tutorial/`. */
  basePath: string;
  /** Deletes the directory. */
  remove(): Promise<void>;
}

export interface BuildOptions {
  /** e.g. `http://127.0.0.1:8080/sub/path/`; a trailing slash is added when missing. */
  baseURL: string;
  /** Also index the site with Pagefind, as `npm run build` does (default true). */
  search?: boolean;
}

/** Builds the site into a new temporary directory and returns where it is. */
export async function buildSite(options: BuildOptions): Promise<BuiltSite> {
  const baseURL = options.baseURL.endsWith('/') ? options.baseURL : `${options.baseURL}/`;
  const dir = await mkdtemp(join(tmpdir(), 'site-'));
  const hugo = findHugo(ROOT);
  try {
    await run(hugo.path, ['--source', ROOT, '--destination', dir, '--minify', '--baseURL', baseURL, '--noBuildLock', '--quiet'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    if (options.search ?? true) {
      // The same arguments as scripts/lib/site-steps.ts (npm run build).
      await run(join(ROOT, 'node_modules', '.bin', 'pagefind'), ['--site', dir, '--silent', '--include-characters', '_.$'], { cwd: ROOT });
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    const detail = error as { stderr?: string; message: string };
    throw new Error(`building the site for ${baseURL} failed:\n${detail.stderr || detail.message}`);
  }
  return {
    dir,
    baseURL,
    basePath: new URL(baseURL).pathname,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
