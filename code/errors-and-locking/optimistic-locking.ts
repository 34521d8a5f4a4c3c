// Optimistic locking: a version column that makes a save from a stale copy fail instead of
// silently overwriting someone else's change; two concurrent updates, and a retry.
// Run it with `npx tsx code/errors-and-locking/optimistic-locking.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  OptimisticLockError,
  Sequelize,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
} from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region model
class Article extends Model<InferAttributes<Article>, InferCreationAttributes<Article>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare tags: CreationOptional<string>;
  declare version: CreationOptional<number>;
}

Article.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    title: { type: DataTypes.STRING, allowNull: false },
    tags: { type: DataTypes.STRING, allowNull: false, defaultValue: '' },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  },
  { sequelize, modelName: 'article', timestamps: false, version: true },
);
await sequelize.sync();
// #endregion

// #region create
const created = await Article.create({ title: 'Optimistic locking' });
console.log(created.toJSON());
// #endregion

// #region concurrent
// Two requests load the same article before either of them saves.
const editorCopy = await Article.findByPk(1, { rejectOnEmpty: true });
const taggerCopy = await Article.findByPk(1, { rejectOnEmpty: true });

await editorCopy.update({ title: 'Optimistic locking in Sequelize' });
console.log('editor: saved version', editorCopy.version);
try {
  await taggerCopy.update({ tags: 'concurrency' });
} catch (error) {
  if (!(error instanceof OptimisticLockError)) throw error;
  console.log('tagger:', error.message);
}
console.log(await Article.findByPk(1, { raw: true }));
// #endregion

// #region retry
/** Applies a change to a fresh copy, and again to a fresher one if someone saved in between. */
async function updateWithRetry(article: Article, change: Partial<Pick<Article, 'title' | 'tags'>>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await article.update(change);
      console.log(`attempt ${attempt}: saved version ${article.version}`);
      return;
    } catch (error) {
      if (!(error instanceof OptimisticLockError) || attempt === 3) throw error;
      console.log(`attempt ${attempt}: stale, reloading`);
      await article.reload();
    }
  }
}

const mine = await Article.findByPk(1, { rejectOnEmpty: true });
const theirs = await Article.findByPk(1, { rejectOnEmpty: true });
await theirs.update({ title: 'Locking, optimistically' });
await updateWithRetry(mine, { tags: 'concurrency, orm' });
console.log(await Article.findByPk(1, { raw: true }));
// #endregion

// #region lock
await sequelize.transaction(async (transaction) => {
  const locked = await Article.findByPk(1, { lock: true, transaction, rejectOnEmpty: true });
  console.log('read version', locked.version, 'with lock: true');
});
// #endregion

// #region bulk
await Article.update({ title: 'Changed in bulk' }, { where: { id: 1 } });
console.log(await Article.findByPk(1, { raw: true }));
// #endregion

await sequelize.close();
