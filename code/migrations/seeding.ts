// Seeding: seed:generate, a seeder filled in by hand, db:seed:all and db:seed:undo:all,
// with the rows they leave in the table. Run it with `npx tsx code/migrations/seeding.ts`.
// dialects: sqlite (sequelize-cli runs on the reader's project, whose db/config.json names SQLite)
import '../support/fixed-clock.ts';
import { QueryTypes, Sequelize } from 'sequelize';
import { CliProject } from './cli-project.ts';

const DEMO_USERS_SEEDER = 'db/seeders/20240101090400-demo-users.js';

// The project as the previous page left it: both migrations generated, and only the
// first one applied (its last command was `db:migrate --to ...create-user.js`, at 09:03).
const project = await CliProject.afterGenerating();
project.cli('db:migrate', '--to', '20240101090100-create-user.js');
// This program's own connection to the project's database, to look at what the CLI did.
const sequelize = new Sequelize({ dialect: 'sqlite', storage: project.path('db/development.sqlite') });

/** Prints the rows of the `Users` table as a table. */
async function printUsers(): Promise<void> {
  const users = await sequelize.query('SELECT id, name, email, createdAt FROM Users ORDER BY id', {
    type: QueryTypes.SELECT,
  });
  if (users.length === 0) console.log('Users: no rows');
  else console.table(users);
}

try {
  // #region seed-generate
  project.cli('seed:generate', '--name', 'demo-users');
  // #endregion

  // #region skeleton
  // The CLI's clock said 09:04 when it ran (see cli-project.ts), hence the file's name.
  await project.show(DEMO_USERS_SEEDER);
  // #endregion

  // The seeder this page tells you to write into the skeleton.
  await project.writeReaderFile(DEMO_USERS_SEEDER);

  // #region seed-all
  project.cli('db:seed:all');
  // #endregion

  // #region rows
  await printUsers();
  // #endregion

  // #region seed-again
  project.cli('db:seed:all');
  // #endregion

  // #region rows-again
  await printUsers();
  // #endregion

  // #region undo-all
  project.cli('db:seed:undo:all');
  // #endregion

  // #region rows-after-undo
  await printUsers();
  // #endregion

  // #region seeder-storage
  const config = {
    development: {
      dialect: 'sqlite',
      storage: 'db/development.sqlite',
      logging: true,
      seederStorage: 'sequelize',
    },
  };
  await project.write('db/config.json', `${JSON.stringify(config, null, 2)}\n`);
  project.cli('db:seed:all');
  project.cli('db:seed:all');
  // #endregion

  // #region seeder-storage-rows
  await printUsers();
  console.log('SequelizeData:', await sequelize.query('SELECT name FROM SequelizeData', { type: QueryTypes.SELECT }));
  // #endregion
} finally {
  await sequelize.close();
  await project.remove();
}
