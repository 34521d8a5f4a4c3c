import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheKey, sha256 } from './store.ts';

const SCRIPTS_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * The modules whose code decides what an example's run records: the compiler and the
 * instrumentation of regions, the process runner and the capture runtime. Editing any
 * other module (a parser, a renderer) never re-runs an example. test/fingerprints.test.ts
 * checks that this list holds every local module these import.
 */
export const RUNNER_MODULES = [
  'lib/code-cache.ts',
  'lib/compile-example.ts',
  'lib/regions.ts',
  'lib/run-example.ts',
  'lib/runtime-bundle.ts',
  'runtime/capture.ts',
  'runtime/code-cache.ts',
  'runtime/events.ts',
  'runtime/module-hooks.ts',
  'runtime/schema-mariadb.ts',
  'runtime/schema-postgres.ts',
  'runtime/schema-server.ts',
] as const;

/** What a cached thing depends on outside the pages and examples themselves. */
export interface Fingerprints {
  /** Node.js, the installed packages (the lockfile) and the runner modules: part of every run's key. */
  runner: string;
  /** Node.js, the lockfile and every module of the build: part of the key of parsed pages and drawn diagrams. */
  renderers: string;
}

/** Computes both fingerprints; `scriptsDir` is the folder holding `lib/` and `runtime/` (tests point it at a copy). */
export async function computeFingerprints(root: string, scriptsDir: string = SCRIPTS_DIR): Promise<Fingerprints> {
  const lockfile = join(root, 'package-lock.json');
  const environment = [`node ${process.version}`, `lockfile ${existsSync(lockfile) ? sha256(await readFile(lockfile)) : 'none'}`];
  const hashed = async (files: readonly string[]): Promise<string[]> =>
    Promise.all(files.map(async (file) => `${file} ${sha256(await readFile(join(scriptsDir, file)))}`));
  const everyModule = (await Promise.all(['lib', 'runtime'].map((dir) => readdir(join(scriptsDir, dir), { recursive: true, withFileTypes: true }))))
    .flat()
    .filter((entry) => entry.isFile())
    .map((entry) => relative(scriptsDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  return {
    runner: cacheKey('runner', ...environment, ...(await hashed(RUNNER_MODULES))),
    renderers: cacheKey('renderers', ...environment, ...(await hashed(everyModule))),
  };
}
