import { computeFingerprints, type Fingerprints } from './fingerprints.ts';
import { prepareRuntime } from './runtime-bundle.ts';
import { Store, type CacheMode } from './store.ts';

export interface SessionOptions {
  /** Repository root, holding `content/` and `code/`. */
  root: string;
  cacheMode: CacheMode;
}

/**
 * What lives as long as one command, or as the dev server: the store, the fingerprints,
 * the compiled capture runtime, and the resources later stages start (database servers,
 * the TypeScript project). Computed once, on first use; closed once, on every exit path.
 */
export class Session implements AsyncDisposable {
  readonly root: string;
  readonly store: Store;
  #fingerprints: Promise<Fingerprints> | undefined;
  #runtime: Promise<string> | undefined;
  readonly #cleanups: Array<() => Promise<void>> = [];

  constructor({ root, cacheMode }: SessionOptions) {
    this.root = root;
    this.store = new Store(root, cacheMode);
  }

  /** The fingerprints of the environment and the build's own code (see fingerprints.ts). */
  fingerprints(): Promise<Fingerprints> {
    this.#fingerprints ??= computeFingerprints(this.root);
    return this.#fingerprints;
  }

  /** The path of the compiled capture runtime that example processes preload. */
  runtime(): Promise<string> {
    this.#runtime ??= prepareRuntime(this.root);
    return this.#runtime;
  }

  /** Registers something to release when the session closes (a server to stop, say), last in first out. */
  onClose(cleanup: () => Promise<void>): void {
    this.#cleanups.push(cleanup);
  }

  /** Releases everything registered with `onClose`, even when one of them fails. */
  async close(): Promise<void> {
    const errors: unknown[] = [];
    for (const cleanup of this.#cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'closing the session failed');
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
