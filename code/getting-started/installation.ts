// A first program: open a database with Sequelize and ask both for their versions.
// Run it with `npx tsx code/getting-started/installation.ts`.
import '../support/fixed-clock.ts';
import { createRequire } from 'node:module';
import { Sequelize } from 'sequelize';

// #region connect
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');
// #endregion

// #region versions
const require = createRequire(import.meta.url);
const sequelizePackage: { version: string } = require('sequelize/package.json');
console.log('Sequelize', sequelizePackage.version);

console.log('Dialect:', sequelize.getDialect());
// A server's full version changes with every update of its package: print its release, one
// number for PostgreSQL, two for MariaDB. SQLite's version is that of the library inside
// the sqlite3 package, which package-lock.json pins: print all three numbers.
const releaseParts: Record<string, number> = { sqlite: 3, postgres: 1, mariadb: 2 };
const version = await sequelize.databaseVersion();
console.log('Database version:', version.split('.').slice(0, releaseParts[sequelize.getDialect()]).join('.'));
// #endregion

// #region static-version
// Defined at run time, but absent from v6's type declarations: `Sequelize.version` does not compile.
const staticVersion: unknown = Reflect.get(Sequelize, 'version');
console.log('Sequelize.version:', staticVersion);
// #endregion

await sequelize.close();
