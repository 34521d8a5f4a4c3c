// Seeding: seed:generate, a seeder filled in by hand, db:seed:all and db:seed:undo:all,
// with the rows they leave in the table. Run it with `npx tsx code/migrations/seeding.ts`.
import '../support/fixed-clock.ts';
import { QueryTypes, Sequelize } from 'sequelize';
import { CliProject } from './cli-project.ts';

const project = await CliProject.create();
// This program's own connection to the project's database, to look at what the CLI did.
const sequelize = new Sequelize({ dialect: 'sqlite', storage: project.path('database.sqlite') });

/** Prints the rows of the `Users` table as a table. */
async function printUsers(): Promise<void> {
  const users = await sequelize.query('SELECT id, name, email, createdAt FROM Users ORDER BY id', {
    type: QueryTypes.SELECT,
  });
  if (users.length === 0) console.log('Users: no rows');
  else console.table(users);
}

try {
  // The project of the previous pages, with the `Users` table migrated.
  project.cli('init');
  await project.write(
    'config/config.json',
    `${JSON.stringify({ development: { dialect: 'sqlite', storage: 'database.sqlite', logging: true } }, null, 2)}\n`,
  );
  project.cli('model:generate', '--name', 'User', '--attributes', 'name:string,email:string');
  project.cli('db:migrate');

  // #region seed-generate
  project.cli('seed:generate', '--name', 'demo-users');
  // #endregion

  // #region skeleton
  // The CLI's clock said 09:03 when it ran (see cli-project.ts), hence the file's name.
  await project.show('seeders/20240101090300-demo-users.js');
  // #endregion

  // #region write-seeder
  await project.write(
    'seeders/20240101090300-demo-users.js',
    `'use strict';

const emails = ['ada@example.com', 'alan@example.com', 'grace@example.com'];

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    // bulkInsert bypasses the models: the timestamps have to be given.
    const now = new Date();
    await queryInterface.bulkInsert('Users', [
      { name: 'Ada Lovelace', email: emails[0], createdAt: now, updatedAt: now },
      { name: 'Alan Turing', email: emails[1], createdAt: now, updatedAt: now },
      { name: 'Grace Hopper', email: emails[2], createdAt: now, updatedAt: now },
    ]);
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('Users', { email: emails });
  },
};
`,
  );
  await project.show('seeders/20240101090300-demo-users.js');
  // #endregion

  // #region seed-all
  project.cli('db:seed:all');
  // #endregion

  // #region rows
  await printUsers();
  // #endregion

  // #region seed-again
  project.cli('db:seed:all');
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
      storage: 'database.sqlite',
      logging: true,
      seederStorage: 'sequelize',
    },
  };
  await project.write('config/config.json', `${JSON.stringify(config, null, 2)}\n`);
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
