// The finder methods: findOne, findByPk, findOrCreate and findAndCountAll.
// Run it with `npx tsx code/querying/finders.ts`.
import '../support/fixed-clock.ts';
import { Op, Sequelize } from 'sequelize';
import { Book, books, defineBook, printBooks } from './bookshop.ts';

// In-memory SQLite, or the database DATABASE_URL names (postgres://… or mariadb://…).
// Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region setup
defineBook(sequelize);
await sequelize.sync();
await Book.bulkCreate(books);
// #endregion

// #region find-one
const latest = await Book.findOne({
  where: { author: 'Frank Herbert' },
  order: [['year', 'DESC']],
});
console.log('latest Herbert:', latest?.title, latest?.year);

const missing = await Book.findOne({ where: { author: 'Virginia Woolf' } });
console.log('Woolf:', missing);
// #endregion

// #region find-by-pk
const ninth = await Book.findByPk(9);
console.log('book 9:', ninth?.title);
// #endregion

// #region find-or-create-first
const childrenOfDune = { title: 'Children of Dune', author: 'Frank Herbert' };
const [created, wasCreated] = await Book.findOrCreate({
  where: childrenOfDune,
  defaults: { ...childrenOfDune, year: 1976, price: 11.25, stock: 3, series: 'Dune' },
});
console.log('created:', wasCreated);
printBooks([created]);
// #endregion

// #region find-or-create-second
const [found, wasCreatedAgain] = await Book.findOrCreate({
  where: childrenOfDune,
  defaults: { ...childrenOfDune, year: 1976, price: 99, stock: 50, series: 'Dune' },
});
console.log('created:', wasCreatedAgain);
printBooks([found]);
// #endregion

// #region find-or-create-in-transaction
const wasCreatedInTransaction = await sequelize.transaction(async (transaction) => {
  const godEmperor = { title: 'God Emperor of Dune', author: 'Frank Herbert' };
  const [, flag] = await Book.findOrCreate({
    where: godEmperor,
    defaults: { ...godEmperor, year: 1981, price: 12, stock: 1, series: 'Dune' },
    transaction,
  });
  return flag;
});
console.log('created:', wasCreatedInTransaction);
// #endregion

// #region find-and-count-all
const { count, rows } = await Book.findAndCountAll({
  where: { price: { [Op.lt]: 10 } },
  order: [
    ['price', 'ASC'],
    ['title', 'ASC'],
  ],
});
console.log('count:', count);
printBooks(rows);
// #endregion

await sequelize.close();
