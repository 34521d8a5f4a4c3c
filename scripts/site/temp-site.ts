/**
 * Assembles a site in a new temporary folder: parts of the repository copied, the
 * repository's node_modules linked, and files written on top. The one place the tests,
 * the theme checks and the benchmarks make a site to work on, so the repository itself is
 * never touched.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The theme and what it reads besides pages: enough for Hugo to render pages written by a test. */
export const THEME = ['layouts', 'assets', 'static', 'data', 'hugo.toml'] as const;

/** Everything `npm run build` reads: a copy the build can run in as in the repository. */
export const SOURCES = [...THEME, 'archetypes', 'code', 'content', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json'] as const;

export interface TempSiteOptions {
  /** Paths of the repository to copy (missing ones are skipped). */
  copy: readonly string[];
  /** Files to write, by path in the site; written after the copies, so they replace them. */
  files?: Record<string, string>;
  /** Link the repository's node_modules, for sites that run examples or the command line. */
  linkPackages?: boolean;
  /** The start of the temporary folder's name. */
  prefix?: string;
}

/** Creates the site and returns its folder; the caller removes it. */
export async function createTempSite({ copy, files = {}, linkPackages = false, prefix = 'verified-site-' }: TempSiteOptions): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  for (const entry of copy) {
    if (existsSync(join(REPO_ROOT, entry))) await cp(join(REPO_ROOT, entry), join(dir, entry), { recursive: true });
  }
  if (linkPackages) await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFiles(dir, files);
  return dir;
}

/** Writes files into a folder, creating the folders they need. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}
