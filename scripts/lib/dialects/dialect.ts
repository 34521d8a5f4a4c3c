import type { Session } from '../session.ts';

/** A database the examples run against, and what a run needs to use it. */
export interface Dialect {
  /** The id used in cache keys, problems and the site data, e.g. `sqlite`. */
  id: string;
  /** The name readers see, e.g. `SQLite`. */
  name: string;
  /**
   * Makes what one run needs ready (a server started once per session, a fresh database
   * per run) and returns the environment variables the example process gets.
   */
  prepareRun(session: Session, job: { id: string }): Promise<Record<string, string>>;
}
