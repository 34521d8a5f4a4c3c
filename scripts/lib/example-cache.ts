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
export async function environmentFingerprint(root: string, runnerDirs: readonly string[] = RUNNER_DIRS): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`node ${process.version}\n`);
  const lockfile = join(root, 'package-lock.json');
  hash.update(`lockfile ${existsSync(lockfile) ? sha256(await readFile(lockfile)) : 'none'}\n`);
  const listed = await Promise.all(runnerDirs.map((dir) => readdir(dir, { recursive: true, withFileTypes: true })));
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

/** A key for any text processed by the runner: the environment plus the text's name and content. */
export function contentKey(environment: string, name: string, content: string): string {
  return createHash('sha256').update(`environment ${environment}\n${name}\n`).update(content).digest('hex');
}

/**
 * Results stored by key as JSON files under `.cache/verified-docs/<kind>/` in the
 * repository: the raw events of example runs that succeeded (`runs`; failed runs are never
 * stored, they run again next time), the shortcodes found in each page (`pages`), and
 * the local files each example imports (`graphs`).
 */
export class JsonCache<T> {
  readonly #dir: string;

  constructor(root: string, kind: 'runs' | 'pages' | 'graphs') {
    this.#dir = join(root, '.cache', 'verified-docs', kind);
  }

  async get(key: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(join(this.#dir, `${key}.json`), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: T): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    await writeFileAtomic(join(this.#dir, `${key}.json`), JSON.stringify(value));
  }
}

/** The cache of example runs. */
export type RunCache = JsonCache<RawRun>;

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
