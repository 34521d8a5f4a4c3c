/**
 * Loaded with `--import` into the process that runs one example (compiled by
 * scripts/lib/runtime-bundle.ts). It installs the example's compiled modules, records
 * everything the example prints and the schema SQLite holds at the end of each region,
 * and streams it all to the runner as events.
 */
import { readFileSync, writeSync } from 'node:fs';
import { register } from 'node:module';
import { Sequelize } from 'sequelize';
import { EVENT_FD, type CaptureEvent, type RunInput, type SchemaSnapshot, type TableShape } from './events.ts';

function emit(event: CaptureEvent): void {
  writeSync(EVENT_FD, `${JSON.stringify(event)}\n`);
}

declare global {
  // Called by the lines `instrumentRegions` adds to the example; absent in plain runs.
  var __docsCapture: { enter(region: string): Promise<void>; exit(region: string): Promise<void> } | undefined;
}

// Stack traces name the example's lines through the source maps of its compiled modules.
// Switched on only now, after Sequelize has loaded: with `--enable-source-maps`, Node
// would parse the maps of every package file too, a sixth of an example's start-up time.
process.setSourceMapsEnabled(true);

// The runner writes the compiled modules to stdin; the loader hooks serve them.
const input = JSON.parse(readFileSync(0, 'utf8')) as RunInput;
register(new URL('./module-hooks.mjs', import.meta.url), { data: { modules: input.modules } });
captureOutput();
trackDatabases();

// An example that ends itself with process.exit(n) says where: the line of the call.
const exit = process.exit.bind(process);
process.exit = ((code?: number | string | null) => {
  emit({ kind: 'exit-call', code: Number(code ?? process.exitCode ?? 0), stack: new Error('process.exit').stack ?? '' });
  return exit(code);
}) as typeof process.exit;

process.on('uncaughtExceptionMonitor', (error: unknown) => {
  const failure = error instanceof Error ? error : new Error(String(error));
  emit({ kind: 'error', name: failure.name, message: failure.message, stack: failure.stack ?? '' });
});

/** Records stdout and stderr writes instead of printing them. */
function captureOutput(): void {
  const decoder = new TextDecoder();
  for (const stream of ['stdout', 'stderr'] as const) {
    const target = process[stream];
    const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk);
      emit({ kind: 'output', stream, text });
      const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
      callback?.();
      return true;
    };
    target.write = write as typeof target.write;
  }
}

/** Keeps every Sequelize instance the example creates, to read its schema at region ends. */
function trackDatabases(): void {
  const databases: Sequelize[] = [];
  Sequelize.afterInit((sequelize) => {
    databases.push(sequelize);
    emit({ kind: 'database', dialect: sequelize.getDialect() });
  });
  globalThis.__docsCapture = {
    async enter(region) {
      emit({ kind: 'enter', region });
    },
    async exit(region) {
      emit({ kind: 'exit', region, schema: await readSchema(databases) });
    },
  };
}

interface RawSqliteDatabase {
  /** node-sqlite3 sets this once the database is open, and clears it when closed. */
  open?: boolean;
  all(sql: string, callback: (error: Error | null, rows: Array<Record<string, unknown>>) => void): void;
}

function query(connection: RawSqliteDatabase, sql: string): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    connection.all(sql, (error, rows) => (error ? reject(error) : resolve(rows)));
  });
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function readTable(connection: RawSqliteDatabase, name: string): Promise<TableShape> {
  const columns = await query(connection, `PRAGMA table_info(${quoteIdentifier(name)})`);
  const foreignKeys = await query(connection, `PRAGMA foreign_key_list(${quoteIdentifier(name)})`);
  return {
    name,
    columns: columns.map((column) => ({
      name: String(column.name),
      type: String(column.type),
      notNull: column.notnull === 1,
      primaryKey: Number(column.pk) > 0,
    })),
    foreignKeys: foreignKeys.map((key) => ({ column: String(key.from), table: String(key.table), to: String(key.to ?? '') })),
  };
}

/**
 * Reads the DDL the databases hold: SQLite's straight from its catalogue over the open
 * connection; a server's over a connection of its own. Either way Sequelize is bypassed,
 * so the read is neither logged nor part of the example's transactions.
 */
async function readSchema(databases: readonly Sequelize[]): Promise<SchemaSnapshot> {
  const statements: string[] = [];
  const tables: TableShape[] = [];
  for (const sequelize of databases) {
    const dialect = sequelize.getDialect();
    if (dialect === 'postgres' || dialect === 'mariadb') {
      const schema = await readServerSchema(sequelize, dialect);
      statements.push(...schema.statements);
      tables.push(...schema.tables);
      continue;
    }
    if (dialect !== 'sqlite') continue;
    // The SQLite connection manager keeps its open connections here; it has no public accessor.
    const open = (sequelize.connectionManager as unknown as { connections: Record<string, RawSqliteDatabase> }).connections;
    // Skip closed databases and ones that failed to open: they hold nothing to show,
    // and a query on them would fail (or never answer).
    const connection = Object.values(open).find((candidate) => candidate.open === true);
    if (!connection) continue;
    try {
      const rows = await query(
        connection,
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
      );
      statements.push(...rows.map((row) => `${String(row.sql)};`));
      for (const row of rows.filter((row) => row.type === 'table')) tables.push(await readTable(connection, String(row.name)));
    } catch {
      // The example closed this database while the schema was read; it has no schema to show.
    }
  }
  return statements.length > 0 ? { statements, tables } : { unavailable: 'no open database held any table' };
}

/** Reads a PostgreSQL or MariaDB database's schema with the driver the example uses; the driver loads only then. */
async function readServerSchema(sequelize: Sequelize, dialect: 'postgres' | 'mariadb'): Promise<{ statements: string[]; tables: TableShape[] }> {
  const { host, port, username, password, database } = sequelize.config;
  const where = { host: host ?? '127.0.0.1', port: Number(port), user: username, password: password ?? '', database };
  if (dialect === 'postgres') {
    const [{ default: pg }, { readPostgresSchema }] = await Promise.all([import('pg'), import('./schema-postgres.ts')]);
    const client = new pg.Client(where);
    await client.connect();
    try {
      return await readPostgresSchema(async (sql) => (await client.query(sql)).rows as Array<Record<string, unknown>>);
    } finally {
      await client.end();
    }
  }
  const [{ default: mariadb }, { readMariadbSchema }] = await Promise.all([import('mariadb'), import('./schema-mariadb.ts')]);
  const connection = await mariadb.createConnection(where);
  try {
    return await readMariadbSchema(async (sql) => (await connection.query(sql)) as Array<Record<string, unknown>>);
  } finally {
    await connection.end();
  }
}
