/**
 * Private MariaDB servers for the examples: `mariadb-install-db` into a temporary folder,
 * then `mariadbd` with `--no-defaults`, so no option file of the system's is read and the
 * system's server (Debian's /var/lib/mysql) is never touched.
 */
import { dirname, join } from 'node:path';
import mariadbDriver from 'mariadb';
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

/** The account every connection uses: `root` with no password, created by `mariadb-install-db` for 127.0.0.1. */
const ROOT = 'root';
/** The system user the server runs as when we are root; Debian's package creates it. */
const SYSTEM_USER = 'mysql';

const INSTALL_HINT = [
  'MariaDB was not found (its server binaries `mariadbd` and `mariadb-install-db`). Install it in one of these ways:',
  '  - on Debian or Ubuntu: `sudo apt-get install mariadb-server` (Debian 12 ships MariaDB 10.11; the examples are verified with 10.11);',
  '  - any other way, then put the folder holding `mariadbd` on the PATH, or point to it: `MARIADB_BIN=/usr/sbin`.',
].join('\n');

/**
 * Options for a throw-away server, given to both `mariadb-install-db` and `mariadbd`: no
 * durability (the data is deleted on stop), small InnoDB files, UTC, and the character set
 * Debian's own configuration sets (with `--no-defaults` the compiled-in default is latin1).
 * The examples' databases hold a few rows each, so the caches are small: about 50 MB of
 * memory instead of 95 MB with the defaults (measured after 20 databases were created).
 */
const OPTIONS = [
  '--skip-name-resolve',
  '--character-set-server=utf8mb4',
  '--collation-server=utf8mb4_general_ci',
  '--default-time-zone=+00:00',
  '--innodb-buffer-pool-size=8M',
  '--aria-pagecache-buffer-size=1M',
  '--key-buffer-size=1M',
  '--performance-schema=OFF',
  '--innodb-log-buffer-size=2M',
  '--table-open-cache=64',
  '--innodb-ft-cache-size=1600000',
  '--innodb-log-file-size=16M',
  '--innodb-flush-log-at-trx-commit=0',
  '--innodb-doublewrite=0',
];

interface Binaries {
  server: string;
  installDb: string;
  version: string;
}

const SYSTEM_FOLDERS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];

function findBinaries(env: NodeJS.ProcessEnv): Binaries | undefined {
  const folders = env.MARIADB_BIN ? [env.MARIADB_BIN] : SYSTEM_FOLDERS;
  const searchPath = env.MARIADB_BIN ? { ...env, PATH: '' } : env;
  const server = findExecutable(['mariadbd', 'mysqld'], folders, searchPath);
  if (!server) return undefined;
  // The install script sits next to the server in a tarball, in /usr/bin beside /usr/sbin on Debian.
  const beside = [dirname(server), join(dirname(server), '..', 'bin'), join(dirname(server), '..', 'scripts')];
  const installDb = findExecutable(['mariadb-install-db', 'mysql_install_db'], beside, searchPath);
  if (!installDb) return undefined;
  // `mysqld` may be MySQL's: only MariaDB's server will do.
  const version = versionOf(server, /Ver\s+(\d+\.\d+\.\d+)-MariaDB/);
  return version ? { server, installDb, version } : undefined;
}

async function connect(port: number): Promise<AdminConnection> {
  const connection = await mariadbDriver.createConnection({ host: LOOPBACK, port, user: ROOT, password: '', connectTimeout: 2000 });
  // A server that goes away must not crash this process through an unhandled 'error' event.
  connection.on('error', () => undefined);
  return {
    query: async (sql) => {
      // Rows for a SELECT; for other statements an OK packet, which has no rows.
      const result: unknown = await connection.query(sql);
      return Array.isArray(result) ? [...(result as Array<Record<string, unknown>>)] : [];
    },
    close: () => connection.end(),
  };
}

async function dropDatabase(admin: AdminConnection, name: string): Promise<void> {
  // DROP DATABASE waits for the connections that use it; end them first.
  const sessions = await admin.query(
    `SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = '${name}' AND ID <> CONNECTION_ID()`,
  );
  for (const session of sessions) await admin.query(`KILL ${Number(session.id)}`).catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
}

function spec(binaries: Binaries, account: Account): ServerSpec {
  return {
    kind: 'mariadb',
    version: binaries.version,
    account,
    async init({ dataDir, run }) {
      await run(binaries.installDb, [
        '--no-defaults',
        `--datadir=${dataDir}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        ...OPTIONS,
      ]);
    },
    command({ dataDir, dir, port }) {
      return {
        file: binaries.server,
        args: [
          '--no-defaults', // must come first
          `--datadir=${dataDir}`,
          `--socket=${join(dir, 'mariadb.sock')}`,
          `--pid-file=${join(dir, 'mariadb.pid')}`,
          `--port=${port}`,
          `--bind-address=${LOOPBACK}`,
          ...OPTIONS,
        ],
      };
    },
    connect,
    dataDirectoryQuery: 'SELECT @@datadir',
    // A clean shutdown, then the kill (MariaDB has no immediate shutdown signal).
    stopSignals: ['SIGTERM', 'SIGKILL'],
    async createDatabase(admin, name) {
      await admin.query(`CREATE DATABASE ${name}`);
    },
    dropDatabase,
    username: ROOT,
  };
}

/** Private MariaDB servers, from the binaries found on this machine. */
export const mariadb: DatabaseServerProvider = serverProvider({
  kind: 'mariadb',
  title: 'MariaDB',
  systemUser: SYSTEM_USER,
  installHint: INSTALL_HINT,
  findBinaries,
  spec,
});
