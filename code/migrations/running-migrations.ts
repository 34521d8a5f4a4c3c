// Running migrations: db:migrate, db:migrate:status, db:migrate:undo and
// db:migrate:undo:all, with the schema after each. Run it with
// `npx tsx code/migrations/running-migrations.ts`.
// dialects: sqlite (sequelize-cli runs on the reader's project, whose db/config.json names SQLite)
import '../support/fixed-clock.ts';
import { QueryTypes, Sequelize } from 'sequelize';
import { CliProject } from './cli-project.ts';

// The project of the previous pages: two migrations, generated at 09:01 and 09:02.
const project = await CliProject.afterGenerating();
// This program's own connection to the project's database, to look at what the CLI did.
const sequelize = new Sequelize({ dialect: 'sqlite', storage: project.path('db/development.sqlite') });

/** Prints the names of the migrations the database has recorded as run. */
async function printSequelizeMeta(): Promise<void> {
  const rows = await sequelize.query('SELECT name FROM SequelizeMeta ORDER BY name', { type: QueryTypes.SELECT });
  console.log('SequelizeMeta:', rows);
}

try {
  // #region migrate
  project.cli('db:migrate');
  // #endregion

  // #region after-migrate
  await printSequelizeMeta();
  // #endregion

  // #region status
  project.cli('db:migrate:status');
  // #endregion

  // #region migrate-again
  project.cli('db:migrate');
  // #endregion

  // #region undo
  project.cli('db:migrate:undo');
  // #endregion

  // #region after-undo
  await printSequelizeMeta();
  // #endregion

  // #region status-after-undo
  project.cli('db:migrate:status');
  // #endregion

  // #region undo-all
  project.cli('db:migrate:undo:all');
  // #endregion

  // #region after-undo-all
  await printSequelizeMeta();
  // #endregion

  // #region migrate-to
  project.cli('db:migrate', '--to', '20240101090100-create-user.js');
  project.cli('db:migrate:status');
  // #endregion
} finally {
  await sequelize.close();
  await project.remove();
}
