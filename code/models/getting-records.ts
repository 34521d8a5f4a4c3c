// Reading rows: findAll, findByPk, choosing attributes, and raw results.
// Run it with `npx tsx code/models/getting-records.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  Sequelize,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
} from 'sequelize';

const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:' });

class Book extends Model<InferAttributes<Book>, InferCreationAttributes<Book>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare author: string;
  declare pages: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

Book.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    title: { type: DataTypes.STRING, allowNull: false },
    author: { type: DataTypes.STRING, allowNull: false },
    pages: DataTypes.INTEGER,
    createdAt: DataTypes.DATE,
    updatedAt: DataTypes.DATE,
  },
  { sequelize, modelName: 'book' },
);

await sequelize.sync();
await Book.bulkCreate([
  { title: 'Kindred', author: 'Octavia E. Butler', pages: 264 },
  { title: 'The Dispossessed', author: 'Ursula K. Le Guin', pages: 387 },
  { title: 'Parable of the Sower', author: 'Octavia E. Butler' },
]);

// #region find-all
const books = await Book.findAll();
console.log(books.length, 'books');
for (const book of books) console.log(book.id, book.title, book.pages);
// #endregion

// #region find-by-pk
const second = await Book.findByPk(2);
console.log(second?.title);

const missing = await Book.findByPk(99);
console.log(missing);
// #endregion

// #region attributes
const titles = await Book.findAll({ attributes: ['id', 'title'] });
console.log(JSON.stringify(titles));
console.log('author:', titles[0]?.author);
// #endregion

// #region alias
const renamed = await Book.findAll({ attributes: ['title', ['author', 'writtenBy']] });
console.log(JSON.stringify(renamed[0]));
console.log(renamed[0]?.get('writtenBy'));
// #endregion

// #region exclude
const withoutTimestamps = await Book.findAll({ attributes: { exclude: ['createdAt', 'updatedAt'] } });
console.log(JSON.stringify(withoutTimestamps[0]));
// #endregion

// #region raw
const rows = await Book.findAll({ raw: true });
const first = rows[0];
console.log(JSON.stringify(first));
console.log('a Book?', first instanceof Book);
console.log('createdAt:', typeof first?.createdAt, first?.createdAt instanceof Date);
// #endregion

await sequelize.close();
