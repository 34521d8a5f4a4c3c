import type { Dialect } from './dialect.ts';

/** SQLite, embedded: each example opens its own in-memory database, so a run needs nothing prepared. */
export const sqlite: Dialect = {
  id: 'sqlite',
  name: 'SQLite',
  liteMode: true,
  detect: () => ({ available: true }),
  async prepareRun() {
    return { environment: {}, aliases: {} };
  },
};
