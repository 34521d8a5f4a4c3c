/**
 * Starts a private database server and holds it until killed, for the tests that check
 * the server is stopped when its parent process is interrupted or exits without stopping it.
 * Usage: `node --import tsx test/support/hold-database-server.ts <postgres|mariadb> <hold|exit> [folder]`;
 * prints `{"pid": ..., "dir": ...}` once the server accepts connections.
 */
import { mariadb } from '../../scripts/lib/databases/mariadb.ts';
import { postgres } from '../../scripts/lib/databases/postgres.ts';

const [kind, mode, dir] = process.argv.slice(2);
const provider = kind === 'mariadb' ? mariadb : postgres;
const server = await provider.start({ dir });
process.stdout.write(`${JSON.stringify({ pid: server.pid, dir: server.dir })}\n`);
if (mode === 'exit') {
  // Leaves without stopping the server: the exit handler must do it.
  process.exit(0);
}
setInterval(() => undefined, 60_000);
