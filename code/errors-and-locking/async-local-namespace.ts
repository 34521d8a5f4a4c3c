// A namespace for Sequelize.useCLS() built on Node.js's AsyncLocalStorage, instead of the
// cls-hooked package: Sequelize v6 needs an object with run() and bind(), and calls its
// get() and set() to keep the current transaction.
import { AsyncLocalStorage } from 'node:async_hooks';

// #region namespace
type Context = Map<string, unknown>;

const storage = new AsyncLocalStorage<Context>();

/** What Sequelize.useCLS() accepts: run a function in a new context, and read or write it. */
export const namespace = {
  run<T>(fn: (context: Context) => T): T {
    // A nested run starts from a copy of the outer context, as cls-hooked does.
    const context: Context = new Map(storage.getStore());
    return storage.run(context, () => fn(context));
  },
  bind<F extends (...args: never[]) => unknown>(fn: F): F {
    return AsyncLocalStorage.bind(fn);
  },
  get(key: string): unknown {
    return storage.getStore()?.get(key);
  },
  set(key: string, value: unknown): void {
    storage.getStore()?.set(key, value);
  },
};
// #endregion
