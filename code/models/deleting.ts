// Deleting rows: destroy on an instance or with where, truncate, and paranoid (soft-deleting) models.
// Run it with `npx tsx code/models/deleting.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  Sequelize,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
} from 'sequelize';
import { Book, defineBook } from './book.ts';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// The chapter's Book deletes its rows for real. Soft deletion needs a model declared
// with `paranoid: true`, which only this example uses, so it is defined here.
defineBook(sequelize);

// #region paranoid-model
class Note extends Model<InferAttributes<Note>, InferCreationAttributes<Note>> {
  declare id: CreationOptional<number>;
  declare text: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: Date | null;
}

Note.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    text: { type: DataTypes.STRING, allowNull: false },
    createdAt: { type: DataTypes.DATE, allowNull: false },
    updatedAt: { type: DataTypes.DATE, allowNull: false },
    deletedAt: DataTypes.DATE,
  },
  { sequelize, modelName: 'note', paranoid: true },
);
// #endregion

// #region sync
await sequelize.sync();
// #endregion

await Book.bulkCreate([
  { title: 'Kindred', author: 'Octavia E. Butler' },
  { title: 'The Dispossessed', author: 'Ursula K. Le Guin' },
  { title: 'A Wizard of Earthsea', author: 'Ursula K. Le Guin' },
  { title: 'Parable of the Sower', author: 'Octavia E. Butler' },
  { title: 'Dawn', author: 'Octavia E. Butler' },
]);

// #region destroy-instance
const kindred = await Book.findByPk(1);
if (!kindred) throw new Error('book 1 was just created');
await kindred.destroy();
console.log('books left:', await Book.count());
// #endregion

// #region destroy-where
const removed = await Book.destroy({ where: { author: 'Ursula K. Le Guin' } });
console.log('removed:', removed);
// #endregion

// #region truncate
await Book.destroy({ truncate: true });
console.log('books left:', await Book.count());
// #endregion

// #region after-truncate
const next = await Book.create({ title: 'Wild Seed', author: 'Octavia E. Butler' });
console.log('id of the next book:', next.id);
// #endregion

await Note.bulkCreate([{ text: 'buy milk' }, { text: 'call Ada' }]);

// #region soft-delete
const milk = await Note.findOne({ where: { text: 'buy milk' } });
if (!milk) throw new Error('the note was just created');
await milk.destroy();
console.log('deletedAt:', milk.deletedAt?.toISOString());
// #endregion

// #region hidden
const visible = await Note.findAll();
console.log(visible.map((note) => note.text));
// #endregion

// #region paranoid-false
const everything = await Note.findAll({ paranoid: false, order: [['id', 'ASC']] });
console.log(everything.map((note) => `${note.text} (deletedAt: ${note.deletedAt?.toISOString() ?? null})`));
// #endregion

// #region restore
await milk.restore();
console.log('deletedAt:', milk.deletedAt);
console.log('notes visible:', await Note.count());
// #endregion

// #region force
await milk.destroy({ force: true });
console.log('rows in the table:', await Note.count({ paranoid: false }));
// #endregion

await sequelize.close();
