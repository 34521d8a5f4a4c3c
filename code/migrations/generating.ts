// Generating files: a model with its migration, and an empty migration filled in by hand.
// Run it with `npx tsx code/migrations/generating.ts`.
import '../support/fixed-clock.ts';
import { ADD_BIRTHDAY_MIGRATION, CliProject } from './cli-project.ts';

const project = await CliProject.create();

try {
  // The project of the previous page: `init`, then a configuration for SQLite.
  project.cli('init');
  await project.write(
    'config/config.json',
    `${JSON.stringify({ development: { dialect: 'sqlite', storage: 'database.sqlite' } }, null, 2)}\n`,
  );

  // #region model-generate
  project.cli('model:generate', '--name', 'User', '--attributes', 'name:string,email:string');
  // #endregion

  // #region model-file
  await project.show('models/user.js');
  // #endregion

  // #region migration-file
  // The CLI's clock said 09:01 when it ran (see cli-project.ts), hence the file's name.
  await project.show('migrations/20240101090100-create-user.js');
  // #endregion

  // #region migration-generate
  project.cli('migration:generate', '--name', 'add-birthday-to-users');
  // #endregion

  // #region skeleton
  await project.show('migrations/20240101090200-add-birthday-to-users.js');
  // #endregion

  // #region write-migration
  await project.write(ADD_BIRTHDAY_MIGRATION.file, ADD_BIRTHDAY_MIGRATION.source);
  await project.show(ADD_BIRTHDAY_MIGRATION.file);
  // #endregion

  // #region model-exists
  project.cliFails('model:generate', '--name', 'User', '--attributes', 'name:string');
  // #endregion

  // #region tree
  await project.tree();
  // #endregion
} finally {
  await project.remove();
}
