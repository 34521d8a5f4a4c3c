// The application's one Sequelize instance, configured from the environment. Every other
// module imports the instance and the models from here.
// #region db
import { Sequelize } from 'sequelize';
import { readConfig } from './config.ts';
import { initModels } from './models/index.ts';

const config = readConfig(process.env);

export const sequelize = new Sequelize(config.url, {
  logging: config.logging ? console.log : false,
});

export const { User, Post } = initModels(sequelize);
// #endregion
