/**
 * What an example's process reports to the runner, one JSON object per line on file
 * descriptor 3, as it happens: if the process hangs and is killed, what it did so far
 * (and the region it was in) is still known.
 */
export type CaptureEvent =
  | { kind: 'enter'; region: string }
  | { kind: 'exit'; region: string; schema: SchemaSnapshot }
  | { kind: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { kind: 'error'; name: string; message: string; stack: string }
  /** The example opened a Sequelize instance on this dialect. */
  | { kind: 'database'; dialect: string }
  /** The example called `process.exit(code)`; the stack names the line of the call. */
  | { kind: 'exit-call'; code: number; stack: string };

/** The DDL SQLite holds at the end of a region, with its tables' shape, or why it could not be read. */
export type SchemaSnapshot = { statements: string[]; tables: TableShape[] } | { unavailable: string };

/** A table as the database describes it (SQLite's `PRAGMA table_info`, the servers' catalogues). */
export interface TableShape {
  name: string;
  columns: Array<{ name: string; type: string; notNull: boolean; primaryKey: boolean }>;
  foreignKeys: Array<{ column: string; table: string; to: string }>;
}

/** The file descriptor the capture runtime writes its events to. */
export const EVENT_FD = 3;

/** What the runner writes to an example process's stdin: its modules, compiled, by file URL. */
export interface RunInput {
  modules: Record<string, string>;
}
