// Reading rows: findAll, findByPk, choosing attributes, and raw results.
// Run it with `npx tsx code/models/getting-records.ts`.
import '../support/fixed-clock.ts';
import { Sequelize } from 'sequelize';
import { Book, defineBook, seedBooks } from './book.ts';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region setup
defineBook(sequelize);
await sequelize.sync();
await Book.bulkCreate(seedBooks);
// #endregion

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
