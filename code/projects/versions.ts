// The versions this tutorial runs on: the range package.json allows, the Sequelize and
// sqlite3 packages package-lock.json installed, and the database the program connects to
// (by default the SQLite library inside sqlite3).
// Run it with `npx tsx code/projects/versions.ts`.
import '../support/fixed-clock.ts';
import { createRequire } from 'node:module';
import { Sequelize } from 'sequelize';

// #region versions
const require = createRequire(import.meta.url);
const project: { dependencies: Record<string, string> } = require('../../package.json');
const installed = (name: string): string => (require(`${name}/package.json`) as { version: string }).version;

console.log('package.json allows: sequelize', project.dependencies.sequelize, '| sqlite3', project.dependencies.sqlite3);
console.log('installed:           sequelize', installed('sequelize'), '| sqlite3', installed('sqlite3'));

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');
// A server's release: PostgreSQL's first number, MariaDB's first two (the rest changes with
// every update of the server's package); SQLite's version, from sqlite3, in full.
const releaseParts: Record<string, number> = { sqlite: 3, postgres: 1, mariadb: 2 };
const release = (await sequelize.databaseVersion()).split('.').slice(0, releaseParts[sequelize.getDialect()]).join('.');
console.log('database:           ', sequelize.getDialect(), release);
await sequelize.close();
// #endregion
