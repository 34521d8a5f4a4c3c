import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './files.ts';

/**
 * How a command uses the cache: `read-write` (build, dev) reuses what is stored;
 * `write-only` (check, `build --no-cache`) makes everything afresh and still stores it.
 */
export type CacheMode = 'read-write' | 'write-only';

/**
 * What the store keeps, one folder each under `.cache/verified-docs/`: the raw events of
 * example runs that succeeded (`runs`), the shortcodes and fences found in each page
 * (`pages`), the local files each example imports (`graphs`), drawn diagrams (`diagrams`)
 * each example's type-check diagnostics (`types`) and what its pages show of its types:
 * tokens, hovers, `^?` answers and declared errors (`annotations`).
 */
export type ShelfName = 'runs' | 'pages' | 'graphs' | 'diagrams' | 'types' | 'annotations';

/** One kind of cached thing, stored as JSON by key. */
export interface Shelf<T> {
  /** The stored value, or undefined when there is none (always, in `write-only` mode). */
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
}

/**
 * The one cache of the build: every kind of cached thing goes through it, with the same
 * mode, so a check can never read what a build stored.
 */
export class Store {
  readonly mode: CacheMode;
  readonly #dir: string;

  constructor(root: string, mode: CacheMode) {
    this.mode = mode;
    this.#dir = join(root, '.cache', 'verified-docs');
  }

  shelf<T>(name: ShelfName): Shelf<T> {
    const dir = join(this.#dir, name);
    const read = this.mode === 'read-write';
    return {
      async get(key) {
        if (!read) return undefined;
        let text: string;
        try {
          text = await readFile(join(dir, `${key}.json`), 'utf8');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw error;
        }
        try {
          return JSON.parse(text) as T;
        } catch {
          // A torn or hand-edited entry is a miss: it is made again and overwritten.
          return undefined;
        }
      },
      async set(key, value) {
        await mkdir(dir, { recursive: true });
        await writeFileAtomic(join(dir, `${key}.json`), JSON.stringify(value));
      },
    };
  }
}

/** A cache key: the SHA-256 of its parts, each on a line of its own. */
export function cacheKey(...parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:${part}\n`);
  return hash.digest('hex');
}

/** The SHA-256 of some content, as hex. */
export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
