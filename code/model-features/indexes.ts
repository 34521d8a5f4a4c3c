// Indexes declared on the model: unique, composite, partial, and what SQLite does with them.
// Run it with `npx tsx code/model-features/indexes.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  QueryTypes,
  Sequelize,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
} from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region define
class Article extends Model<InferAttributes<Article>, InferCreationAttributes<Article>> {
  declare id: CreationOptional<number>;
  declare isbn: string;
  declare author: string;
  declare year: number;
  declare slug: string;
  declare archived: CreationOptional<boolean>;
}

Article.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    isbn: { type: DataTypes.STRING, allowNull: false, unique: true },
    author: { type: DataTypes.STRING, allowNull: false },
    year: { type: DataTypes.INTEGER, allowNull: false },
    slug: { type: DataTypes.STRING, allowNull: false },
    archived: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
  },
  {
    sequelize,
    modelName: 'article',
    timestamps: false,
    indexes: [
      { fields: ['author', { name: 'year', order: 'DESC' }] },
      { name: 'articles_live_slug', unique: true, fields: ['slug'], where: { archived: false } },
    ],
  },
);
// #endregion

// #region sync
await sequelize.sync();
// #endregion

// #region partial
const articles = [
  { isbn: '978-0-441-47812-5', author: 'Le Guin', year: 1969, slug: 'left-hand', archived: true },
  { isbn: '978-0-441-47813-2', author: 'Le Guin', year: 1969, slug: 'left-hand' },
  { isbn: '978-0-441-47814-9', author: 'Le Guin', year: 1970, slug: 'left-hand' },
];
for (const article of articles) {
  try {
    await Article.create(article);
    console.log(article.isbn, 'created');
  } catch (error) {
    console.log(article.isbn, error instanceof Error ? `${error.name}: ${error.message}` : error);
  }
}
console.log(await Article.count({ where: { slug: 'left-hand' } }), 'articles with that slug');
// #endregion

// EXPLAIN QUERY PLAN is SQLite's own statement: the other databases reject it, so it comes last.
// #region query-plan throws:postgres,mariadb
async function explain(sql: string): Promise<void> {
  const plan = await sequelize.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, { type: QueryTypes.SELECT });
  console.log(`${sql}\n  ${plan.map((step) => step.detail).join('; ')}`);
}

await explain("SELECT * FROM articles WHERE author = 'Le Guin' ORDER BY year DESC");
await explain('SELECT * FROM articles WHERE year = 1969');
// #endregion

await sequelize.close();
