// Connecting: check a connection, keep data in memory or in a file, and close it.
// Run it with `npx tsx code/getting-started/connecting.ts`.
import '../support/fixed-clock.ts';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryTypes, Sequelize } from 'sequelize';

// #region create
const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:' });
// #endregion

// #region authenticate
await sequelize.authenticate();
console.log('The database answered.');
// #endregion

// #region memory-private
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

await other.close();
await writer.close();
await reader.close();
await rm(folder, { recursive: true, force: true });

// #region closed throws
await sequelize.close();
console.log('Closed.');

await sequelize.query('SELECT 1');
// #endregion
