// Project set-up: what `sequelize-cli init` creates, with the default layout and with a
// `.sequelizerc` that moves things around. Run it with `npx tsx code/migrations/project-setup.ts`.
import '../support/fixed-clock.ts';
import { CliProject } from './cli-project.ts';

// Two empty projects in the system's temporary directory, deleted at the end.
const project = await CliProject.create();
const custom = await CliProject.create();

try {
  // #region init
  project.cli('init');
  // #endregion

  // #region tree
  await project.tree();
  // #endregion

  // #region generated-config
  await project.show('config/config.json');
  // #endregion

  // #region models-index
  await project.show('models/index.js');
  // #endregion

  // #region sqlite-config
  const config = {
    development: { dialect: 'sqlite', storage: 'database.sqlite' },
    test: { dialect: 'sqlite', storage: ':memory:' },
    production: { dialect: 'sqlite', storage: 'production.sqlite' },
  };
  await project.write('config/config.json', `${JSON.stringify(config, null, 2)}\n`);
  // #endregion

  // #region first-migrate
  project.cli('db:migrate');
  await project.tree();
  // #endregion

  // #region env-option
  project.cli('db:migrate', '--env', 'test');
  // #endregion

  // #region sequelizerc
  await custom.write(
    '.sequelizerc',
    `const path = require('path');

module.exports = {
  config: path.resolve('db', 'config.js'),
  'models-path': path.resolve('src', 'models'),
  'migrations-path': path.resolve('db', 'migrations'),
  'seeders-path': path.resolve('db', 'seeders'),
};
`,
  );
  await custom.show('.sequelizerc');
  // #endregion

  // #region custom-init
  custom.cli('init');
  await custom.tree();
  // #endregion

  // #region custom-models-index
  await custom.show('src/models/index.js', { matching: 'config.js' });
  // #endregion

  // #region custom-generated-config
  await custom.show('db/config.js');
  // #endregion

  // #region custom-config-fails
  custom.cliFails('db:migrate');
  // #endregion

  // #region js-config
  await custom.write(
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
  await custom.show('db/config.js');
  // #endregion

  // #region custom-migrate
  custom.cli('db:migrate');
  await custom.tree();
  // #endregion
} finally {
  await project.remove();
  await custom.remove();
}
