// Project set-up: why the CLI's CommonJS files need a folder of their own in an ES module
// project, and what `sequelize-cli init` creates there. Run it with
// `npx tsx code/migrations/project-setup.ts`.
// dialects: sqlite (sequelize-cli runs on the reader's project, whose db/config.json names SQLite)
import '../support/fixed-clock.ts';
import { CliProject } from './cli-project.ts';

// Two projects in the system's temporary directory, deleted at the end: one with the CLI's
// default layout, and one set up as this page tells you to.
const plain = await CliProject.create();
const project = await CliProject.create();

try {
  // #region module-error
  // The CLI's default layout in your ES module project: a configuration, and a migration.
  await plain.write('config/config.json', '{ "development": { "dialect": "sqlite", "storage": "database.sqlite" } }\n');
  plain.cli('migration:generate', '--name', 'create-users');
  plain.cliFails('db:migrate');
  // #endregion

  // The two files this page tells you to write before `init`.
  await project.writeReaderFile('.sequelizerc');
  await project.writeReaderFile('db/package.json');

  // #region init
  project.cli('init');
  // #endregion

  // #region tree
  await project.tree();
  // #endregion

  // #region generated-config
  await project.show('db/config.json');
  // #endregion

  // #region models-index
  await project.show('db/models/index.js');
  // #endregion

  // The configuration this page tells you to write.
  await project.writeReaderFile('db/config.json');

  // #region first-migrate
  project.cli('db:migrate');
  // #endregion

  // #region tree-after-migrate
  await project.tree('db');
  // #endregion

  // #region env-option
  project.cli('db:migrate', '--env', 'test');
  // #endregion

  // #region js-config
  await project.write(
    'db/config.js',
    `const path = require('path');

// A JavaScript configuration can compute values and read the environment.
module.exports = {
  development: {
    dialect: 'sqlite',
    storage: path.join(__dirname, 'development.sqlite'),
  },
  production: {
    dialect: 'sqlite',
    storage: process.env.DATABASE_FILE,
  },
};
`,
  );
  await project.show('db/config.js');
  // #endregion

  // #region js-config-migrate
  project.cli('db:migrate', '--config', 'db/config.js');
  // #endregion
} finally {
  await plain.remove();
  await project.remove();
}
