import type { Session } from '../session.ts';

/** Whether a dialect can be verified on this machine, or how to make it so. */
export type Availability = { available: true } | { available: false; hint: string };

/** A database the examples run against, and what a run needs to use it. */
export interface Dialect {
  /** The id used in cache keys, problems, page bodies and the site data, e.g. `sqlite`. */
  id: string;
  /** The name readers see, e.g. `SQLite`. */
  name: string;
  /**
   * Whether its driver loads in V8's lite mode, which saves memory per run but has no
   * WebAssembly (`pg` reaches Node's fetch, whose HTTP parser is WebAssembly).
   */
  liteMode: boolean;
  /** Whether this machine can run it (a server dialect needs the server installed). */
  detect(): Availability;
  /** Makes what one run needs ready (a server started once per session, a fresh database per run). */
  prepareRun(session: Session, job: { id: string }): Promise<PreparedRun>;
}

/** What one run of an example on a dialect gets. */
export interface PreparedRun {
  /** Variables added to the example's environment (its connection). */
  environment: Record<string, string>;
  /**
   * Names that differ from run to run, and what output shows instead: a run's private
   * database is shown under the name a reader would give theirs.
   */
  aliases: Record<string, string>;
}

/** The database name pages show for a server's database (the run's own name varies). */
export const SHOWN_DATABASE = 'tutorial';

/** The variable an example reads its connection from; unset, it uses in-memory SQLite. */
export const DATABASE_URL = 'DATABASE_URL';
