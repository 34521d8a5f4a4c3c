// Generating files: a model with its migration, and an empty migration filled in by hand.
// Run it with `npx tsx code/migrations/generating.ts`.
// dialects: sqlite (sequelize-cli runs on the reader's project, whose db/config.json names SQLite)
import '../support/fixed-clock.ts';
import { ADD_BIRTHDAY_MIGRATION, CliProject } from './cli-project.ts';

// The project of the previous page: `init` at 09:00, then the SQLite configuration.
const project = await CliProject.afterSetUp();

try {
  // #region model-generate
  project.cli('model:generate', '--name', 'User', '--attributes', 'name:string,email:string');
  // #endregion

  // #region model-file
  await project.show('db/models/user.js');
  // #endregion

  // #region migration-file
  // The CLI's clock said 09:01 when it ran (see cli-project.ts), hence the file's name.
  await project.show('db/migrations/20240101090100-create-user.js');
  // #endregion

  // #region migration-generate
  project.cli('migration:generate', '--name', 'add-birthday-to-users');
  // #endregion

  // #region skeleton
  await project.show(ADD_BIRTHDAY_MIGRATION);
  // #endregion

  // The migration this page tells you to write into the skeleton.
  await project.writeReaderFile(ADD_BIRTHDAY_MIGRATION);

  // #region model-exists
  project.cliFails('model:generate', '--name', 'User', '--attributes', 'name:string');
  // #endregion

  // #region tree
  await project.tree('db');
  // #endregion
} finally {
  await project.remove();
}
