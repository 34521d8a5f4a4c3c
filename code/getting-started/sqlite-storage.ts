// SQLite's storage: private in-memory databases, a database file that two instances share,
// and the sqlite3 shell reading that file.
// Run it with `npx tsx code/getting-started/sqlite-storage.ts`.
// dialects: sqlite (it is about SQLite's storage: in-memory databases, files, the sqlite3 shell)
import '../support/fixed-clock.ts';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryTypes, Sequelize } from 'sequelize';

// #region memory-private
const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:' });
await sequelize.query('CREATE TABLE notes (body TEXT NOT NULL)');
const other = new Sequelize({ dialect: 'sqlite', storage: ':memory:' });

console.log('first: ', await sequelize.getQueryInterface().showAllTables());
console.log('second:', await other.getQueryInterface().showAllTables());
// #endregion

// #region file
// A private folder for this run, removed once its connections are closed.
const folder = await mkdtemp(join(tmpdir(), 'sequelize-tutorial-'));
const storage = join(folder, 'data', 'notes.sqlite');

const writer = new Sequelize({ dialect: 'sqlite', storage });
await writer.query('CREATE TABLE notes (body TEXT NOT NULL)');
await writer.query("INSERT INTO notes (body) VALUES ('kept on disk')");
console.log('file exists:', existsSync(storage));
// #endregion

// #region file-reader
const reader = new Sequelize({ dialect: 'sqlite', storage });
const notes = await reader.query<{ body: string }>('SELECT body FROM notes', { type: QueryTypes.SELECT });
console.log(notes);
// #endregion

// #region shell
/** Runs the sqlite3 command-line shell on a database file and returns what it printed. */
function sqlite3(file: string, command: string): string {
  try {
    return execFileSync('sqlite3', [file, command], { encoding: 'utf8' });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      throw new Error('The sqlite3 command-line shell is not installed (Debian: apt-get install sqlite3).');
    }
    throw error;
  }
}

for (const command of ['.tables', '.schema', 'SELECT * FROM notes;']) {
  console.log(`sqlite> ${command}`);
  process.stdout.write(sqlite3(storage, command));
}
// #endregion

await sequelize.close();
await other.close();
await writer.close();
await reader.close();
await rm(folder, { recursive: true, force: true });
