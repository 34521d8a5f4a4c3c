// Updating rows: set + save, update, changed(), and the static Model.update.
// Run it with `npx tsx code/models/updating.ts`.
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

// #region load
const book = await Book.findByPk(1);
if (!book) throw new Error('book 1 was just created');
console.log('changed:', book.changed());
// #endregion

// #region set
book.set('title', 'Kindred (25th anniversary edition)');
book.pages = 287;
console.log('changed:', book.changed());
console.log('title changed?', book.changed('title'));
console.log('previous title:', book.previous('title'));
// #endregion

// #region save
await book.save();
console.log('changed:', book.changed());
// #endregion

// #region save-unchanged
const before = book.updatedAt.toISOString();
await book.save();
console.log('updatedAt before:', before);
console.log('updatedAt after: ', book.updatedAt.toISOString());
// #endregion

// #region same-value
book.pages = 287;
console.log('changed:', book.changed());
// #endregion

// #region update
await book.update({ pages: 288 });
console.log(book.pages, book.changed());
// #endregion

// #region static-update
const result = await Book.update({ pages: 300 }, { where: { author: 'Octavia E. Butler' } });
console.log(result);
console.log('book.pages in memory:', book.pages);
// #endregion

// #region reload
await book.reload();
console.log('after reload:', book.pages);
// #endregion

await sequelize.close();
