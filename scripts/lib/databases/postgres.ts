/**
 * Private PostgreSQL servers for the examples: `initdb` into a temporary folder, then the
 * `postgres` binary itself (not pg_ctl, so its process id is the one we stop), never a
 * cluster of the system's (Debian's /var/lib/postgresql is not touched).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { findExecutable } from '../probe.ts';
import {
  LOOPBACK,
  serverProvider,
  versionOf,
  type Account,
  type AdminConnection,
  type DatabaseServerProvider,
  type ServerSpec,
} from './database-server.ts';

/** The database superuser every connection uses (trust authentication, loopback only). */
const SUPERUSER = 'postgres';
/** The system user the server runs as when we are root; Debian's package creates it. */
const SYSTEM_USER = 'postgres';

const INSTALL_HINT = [
  'PostgreSQL was not found (its server binaries `initdb` and `postgres`). Install it in one of these ways:',
  '  - on Debian or Ubuntu: `sudo apt-get install postgresql` (Debian 12 ships PostgreSQL 15; the examples are verified with 15);',
  '  - any other way, then put its bin folder on the PATH, or point to it: `POSTGRES_BIN=/usr/lib/postgresql/15/bin`.',
].join('\n');

/**
 * Settings for a throw-away server: no durability (the data is deleted on stop), UTC,
 * and listening on the loopback interface only (no Unix socket, whose path length is
 * limited).
 */
const SETTINGS = {
  listen_addresses: LOOPBACK,
  unix_socket_directories: '',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  timezone: 'UTC',
  log_timezone: 'UTC',
};

interface Binaries {
  initdb: string;
  postgres: string;
  version: string;
}

/** The bin folders to look in: `POSTGRES_BIN`, then Debian's per-version folders, newest first. */
function candidateFolders(env: NodeJS.ProcessEnv): string[] {
  if (env.POSTGRES_BIN) return [env.POSTGRES_BIN];
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.map((version) => join(debian, version, 'bin'));
}

function findBinaries(env: NodeJS.ProcessEnv): Binaries | undefined {
  const folders = candidateFolders(env);
  const searchPath = env.POSTGRES_BIN ? { ...env, PATH: '' } : env;
  const postgres = findExecutable(['postgres'], folders, searchPath);
  if (!postgres) return undefined;
  // initdb from the same installation as the server.
  const initdb = findExecutable(['initdb'], [join(postgres, '..')], { PATH: '' });
  if (!initdb) return undefined;
  const version = versionOf(postgres, /\(PostgreSQL\)\s+(\d+(?:\.\d+)*)/);
  return version ? { initdb, postgres, version } : undefined;
}

async function connect(port: number): Promise<AdminConnection> {
  const client = new pg.Client({ host: LOOPBACK, port, user: SUPERUSER, database: 'postgres' });
  // A server that goes away must not crash this process through an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    query: async (sql) => (await client.query(sql)).rows as Array<Record<string, unknown>>,
    close: () => client.end(),
  };
}

function spec(binaries: Binaries, account: Account): ServerSpec {
  return {
    kind: 'postgres',
    version: binaries.version,
    account,
    async init({ dataDir, run }) {
      // The C locale sorts text by code point, as SQLite does.
      await run(binaries.initdb, ['-D', dataDir, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    },
    command({ dataDir, port }) {
      const settings = Object.entries(SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
      return { file: binaries.postgres, args: ['-D', dataDir, '-p', String(port), ...settings] };
    },
    connect,
    dataDirectoryQuery: 'SHOW data_directory',
    // Fast shutdown (ends the sessions), then immediate shutdown.
    stopSignals: ['SIGINT', 'SIGQUIT'],
    async createDatabase(admin, name) {
      // Copying the template's files is quicker than writing them to the WAL (the default
      // since PostgreSQL 15), with fsync off.
      const strategy = Number.parseInt(binaries.version, 10) >= 15 ? ' STRATEGY = FILE_COPY' : '';
      await admin.query(`CREATE DATABASE ${name}${strategy}`);
    },
    async dropDatabase(admin, name) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
    username: SUPERUSER,
  };
}

/** Private PostgreSQL servers, from the binaries found on this machine. */
export const postgres: DatabaseServerProvider = serverProvider({
  kind: 'postgres',
  title: 'PostgreSQL',
  systemUser: SYSTEM_USER,
  installHint: INSTALL_HINT,
  findBinaries,
  spec,
});
