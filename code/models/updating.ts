// Updating rows: set + save, update, changed(), and the static Model.update.
// Run it with `npx tsx code/models/updating.ts`.
import '../support/fixed-clock.ts';
import { Sequelize } from 'sequelize';
import { Book, defineBook, seedBooks } from './book.ts';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region setup
defineBook(sequelize);
await sequelize.sync();
await Book.bulkCreate(seedBooks);
// #endregion

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

// #region returning
const returned = await Book.update({ pages: 301 }, { where: { author: 'Octavia E. Butler' }, returning: true });
console.log(returned.map((part) => (Array.isArray(part) ? part.map((row) => `${row.title}: ${row.pages}`) : part)));
// #endregion

await sequelize.close();
