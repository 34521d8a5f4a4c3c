// Migrations in TypeScript, run in-process by Umzug, the library sequelize-cli is built on.
// Run it with `npx tsx code/migrations/umzug.ts`.
// dialects: sqlite (the migrations chapter works on SQLite, as the reader's project of its CLI pages does)
import '../support/fixed-clock.ts';
import { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import * as createUsers from './umzug-migrations/20240101090000-create-users.ts';
import * as createPosts from './umzug-migrations/20240101090100-create-posts.ts';

const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:' });

// #region umzug
const umzug = new Umzug({
  // Every migration with the name it is recorded under, in the order they run.
  migrations: [
    { name: '20240101090000-create-users', up: createUsers.up, down: createUsers.down },
    { name: '20240101090100-create-posts', up: createPosts.up, down: createPosts.down },
  ],
  // What every migration receives as `context`.
  context: sequelize.getQueryInterface(),
  // Where to record the migrations that ran: a SequelizeMeta table, as the CLI does.
  storage: new SequelizeStorage({ sequelize }),
  logger: console,
});
// #endregion

// #region pending
console.log('pending:', (await umzug.pending()).map((migration) => migration.name));
// #endregion

// #region up
await umzug.up();
// #endregion

// #region executed
console.log('executed:', (await umzug.executed()).map((migration) => migration.name));
// #endregion

// #region down
await umzug.down();
// #endregion

// #region down-all
await umzug.down({ to: 0 });
// #endregion

await sequelize.close();
