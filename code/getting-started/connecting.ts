// Connecting: create an instance from a connection URL, check it, choose what is logged,
// and close it.
// Run it with `npx tsx code/getting-started/connecting.ts`, or with DATABASE_URL set to
// run it on your own PostgreSQL or MariaDB database.
import '../support/fixed-clock.ts';
import { Sequelize } from 'sequelize';

// #region create
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');
// #endregion

// #region authenticate
await sequelize.authenticate();
console.log('The database answered.');
// #endregion

// #region logging
await sequelize.query('SELECT 2 AS logged');
await sequelize.query('SELECT 3 AS unlogged', { logging: false });

const silent = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:', { logging: false });
await silent.authenticate();

const custom = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:', {
  logging: (message) => console.log(`[db] ${message}`),
});
await custom.authenticate();
// #endregion

await silent.close();
await custom.close();

// #region closed throws
await sequelize.close();
console.log('Closed.');

await sequelize.query('SELECT 1');
// #endregion
