// Connection options: logging (off, to a function, with benchmark and with query
// parameters), the pool settings and their defaults, and what replication looks like.
// Run it with `npx tsx code/projects/connection-options.ts`.
import '../support/fixed-clock.ts';
import { DataTypes, Model, Sequelize, type InferAttributes, type InferCreationAttributes, type Options } from 'sequelize';

class Note extends Model<InferAttributes<Note>, InferCreationAttributes<Note>> {
  declare text: string;
}

/** A new instance with the given options (in-memory SQLite, or DATABASE_URL's database) and a notes table. */
async function open(options: Options): Promise<Sequelize> {
  const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:', options);
  Note.init({ text: DataTypes.STRING }, { sequelize, modelName: 'note', timestamps: false });
  await sequelize.sync({ logging: false });
  return sequelize;
}

// #region default
const plain = await open({});
await Note.create({ text: 'logged by default' });
await plain.close();
// #endregion

// #region off
const quiet = await open({ logging: false });
await Note.create({ text: 'not logged' });
await Note.create({ text: 'logged for this call only' }, { logging: console.log });
await quiet.close();
// #endregion

// #region function
const prefixed = await open({ logging: (sql) => console.log(`[db] ${sql}`) });
await Note.findAll({ where: { text: 'x' } });
await prefixed.close();
// #endregion

// #region parameters
const withParameters = await open({ logQueryParameters: true });
await Note.create({ text: 'see my value' });
await withParameters.close();
// #endregion

// #region benchmark
const timed = await open({
  benchmark: true,
  logging: (sql, elapsed) => console.log(`${sql} | elapsed is a ${typeof elapsed}`),
});
await Note.count();
await timed.close();
// #endregion

// #region pool
const pooled = await open({ logging: false, pool: { max: 10, idle: 30_000 } });
console.log('given:', pooled.config.pool);
// The settings in effect, with Sequelize's defaults filled in, live on an internal object.
const manager = pooled.connectionManager as unknown as { config: { pool: Record<string, unknown> } };
const { validate: _validate, ...effective } = manager.config.pool;
console.log('in effect:', effective);
await pooled.close();
// #endregion

// #region replication
const replicated: Options = {
  dialect: 'postgres',
  database: 'shop',
  username: 'app',
  replication: {
    write: { host: 'primary.db.internal', password: 'from-the-environment' },
    read: [
      { host: 'replica-1.db.internal', password: 'from-the-environment' },
      { host: 'replica-2.db.internal', password: 'from-the-environment' },
    ],
  },
};
console.log('reads go to', replicated.replication ? replicated.replication.read.map((server) => server.host) : []);
// #endregion
