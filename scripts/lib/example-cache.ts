import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExampleInputs } from './compile-example.ts';
import { writeFileAtomic } from './files.ts';
import type { RawRun } from './run-example.ts';

// The runner: the modules that compile, run and interpret examples.
const RUNNER_DIRS = [fileURLToPath(new URL('.', import.meta.url)), fileURLToPath(new URL('../runtime/', import.meta.url))];
const SCRIPTS_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * Everything outside code/ that can change what an example prints: the runner's own
 * source (every file under scripts/lib and scripts/runtime), the installed packages (the
 * lockfile) and the Node.js version. Part of every example's cache key.
 */
export async function environmentFingerprint(root: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`node ${process.version}\n`);
  const lockfile = join(root, 'package-lock.json');
  hash.update(`lockfile ${existsSync(lockfile) ? sha256(await readFile(lockfile)) : 'none'}\n`);
  const listed = await Promise.all(RUNNER_DIRS.map((dir) => readdir(dir, { recursive: true, withFileTypes: true })));
  const runner = listed
    .flat()
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of runner) {
    hash.update(`runner ${relative(SCRIPTS_DIR, file).split(sep).join('/')} ${sha256(await readFile(file))}\n`);
  }
  return hash.digest('hex');
}

/** The cache key of one example run: the environment plus the example and every local module it imports. */
export function exampleKey(environment: string, inputs: ExampleInputs): string {
  const hash = createHash('sha256');
  hash.update(`environment ${environment}\n`);
  for (const file of inputs.files) hash.update(`input ${file} ${sha256(inputs.contents.get(file) ?? '')}\n`);
  return hash.digest('hex');
}

/**
 * Stores the raw events of example runs that succeeded, by key, under `.cache/` in the
 * repository. Failed runs are never stored: they run again next time.
 */
export class RunCache {
  readonly #dir: string;

  constructor(root: string) {
    this.#dir = join(root, '.cache', 'verified-docs', 'runs');
  }

  async get(key: string): Promise<RawRun | undefined> {
    try {
      return JSON.parse(await readFile(join(this.#dir, `${key}.json`), 'utf8')) as RawRun;
    } catch {
      return undefined;
    }
  }

  async set(key: string, run: RawRun): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    await writeFileAtomic(join(this.#dir, `${key}.json`), JSON.stringify(run));
  }
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
