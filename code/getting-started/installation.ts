// A first program: open an SQLite database with Sequelize and ask both for their versions.
// Run it with `npx tsx code/getting-started/installation.ts`.
import '../support/fixed-clock.ts';
import { createRequire } from 'node:module';
import { QueryTypes, Sequelize } from 'sequelize';

// #region connect
const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:' });
// #endregion

// #region versions
const require = createRequire(import.meta.url);
const sequelizePackage: { version: string } = require('sequelize/package.json');
console.log('Sequelize', sequelizePackage.version);

const row = await sequelize.query<{ version: string }>('SELECT sqlite_version() AS version', {
  type: QueryTypes.SELECT,
  plain: true,
});
console.log('SQLite', row?.version);
// #endregion

// #region static-version
// Defined at run time, but absent from v6's type declarations: `Sequelize.version` does not compile.
const staticVersion: unknown = Reflect.get(Sequelize, 'version');
console.log('Sequelize.version:', staticVersion);
// #endregion

// #region database-version
console.log('databaseVersion():', await sequelize.databaseVersion());
// #endregion

await sequelize.close();
