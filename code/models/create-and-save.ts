// Creating rows: build + save, create, bulkCreate, and turning an instance into plain data.
// Run it with `npx tsx code/models/create-and-save.ts`.
import '../support/fixed-clock.ts';
import { isDeepStrictEqual } from 'node:util';
import { Sequelize } from 'sequelize';
import { Book, defineBook } from './book.ts';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region setup
defineBook(sequelize);
await sequelize.sync();
// #endregion

// #region build
const draft = Book.build({ title: 'Kindred', author: 'Octavia E. Butler' });
console.log('isNewRecord:', draft.isNewRecord);
console.log('id:', draft.id);
// #endregion

// #region save
draft.pages = 264;
await draft.save();
console.log('isNewRecord:', draft.isNewRecord);
console.log('id:', draft.id);
// #endregion

// #region create
const created = await Book.create({ title: 'The Left Hand of Darkness', author: 'Ursula K. Le Guin', pages: 304 });
console.log('isNewRecord:', created.isNewRecord);
console.log('id:', created.id);
// #endregion

// #region bulk-create
const many = await Book.bulkCreate([
  { title: 'The Dispossessed', author: 'Ursula K. Le Guin', pages: 387 },
  { title: 'A Wizard of Earthsea', author: 'Ursula K. Le Guin', pages: 183 },
  { title: 'Parable of the Sower', author: 'Octavia E. Butler' },
]);
console.log(many.map((book) => `${book.id}: ${book.title}`));
// #endregion

// #region plain
const plain = created.toJSON();
console.log('keys:', Object.keys(plain));
console.log('a Book?', plain instanceof Book);
console.log('createdAt is a Date?', plain.createdAt instanceof Date);
console.log('same data as get({ plain: true })?', isDeepStrictEqual(plain, created.get({ plain: true })));
console.log('toJSON() is dataValues?', plain === created.dataValues);
console.log('get({ plain: true }) is dataValues?', created.get({ plain: true }) === created.dataValues);
// #endregion

// #region stringify
console.log(JSON.stringify(created, null, 2));
// #endregion

// A book without an author does not compile, and would not be saved either. The error
// ends the program, so this region comes last and leaves the database open.
// #region missing-author throws
// @ts-expect-error TS2345: `author` is required by InferCreationAttributes<Book>.
await Book.create({ title: 'The Word for World Is Forest' });
// #endregion
