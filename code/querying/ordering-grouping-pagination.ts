// Sorting with `order`, aggregating with `group`, and paging with `limit`/`offset`.
// Run it with `npx tsx code/querying/ordering-grouping-pagination.ts`.
import '../support/fixed-clock.ts';
import { Op, Sequelize, col, fn, where } from 'sequelize';
import { Book, books, defineBook, printBooks } from './bookshop.ts';

// In-memory SQLite, or the database DATABASE_URL names (postgres://… or mariadb://…).
// Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region setup
defineBook(sequelize);
await sequelize.sync();
await Book.bulkCreate(books);
// #endregion

// #region order
printBooks(
  await Book.findAll({
    order: [
      ['author', 'ASC'],
      ['year', 'DESC'],
    ],
  }),
);
// #endregion

// #region count-group
const perAuthor = await Book.count({ group: ['author'] });
console.log(perAuthor);
// #endregion

// #region group
const authors = await Book.findAll({
  attributes: ['author', [fn('COUNT', col('id')), 'titles'], [fn('SUM', col('stock')), 'copies']],
  group: ['author'],
  order: [
    [col('titles'), 'DESC'],
    ['author', 'ASC'],
  ],
});
for (const row of authors) {
  console.log(`${row.author}: titles ${row.get('titles')}, copies in stock ${row.get('copies')}`);
}
// #endregion

// #region having
const prolific = await Book.findAll({
  attributes: ['author', [fn('COUNT', col('id')), 'titles']],
  group: ['author'],
  having: where(fn('COUNT', col('id')), { [Op.gte]: 2 }),
  order: [['author', 'ASC']],
});
console.log(prolific.map((row) => `${row.author} (${row.get('titles')})`).join(', '));
// #endregion

// #region pages
const pageSize = 5;
for (let page = 1; ; page++) {
  const rows = await Book.findAll({
    order: [
      ['year', 'ASC'],
      ['id', 'ASC'],
    ],
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  console.log(`page ${page}:`);
  printBooks(rows);
  if (rows.length < pageSize) break;
}
// #endregion

// #region count-pages
const perPage = 4;
const page = 3;
const { count, rows } = await Book.findAndCountAll({
  where: { stock: { [Op.gt]: 0 } },
  order: [['title', 'ASC']],
  limit: perPage,
  offset: (page - 1) * perPage,
});
console.log(`${count} books in stock, ${Math.ceil(count / perPage)} pages; page ${page}:`);
printBooks(rows);
// #endregion

// NULLS LAST is a syntax error on MariaDB, so this region comes last.
// #region order-nulls throws:mariadb
printBooks(
  await Book.findAll({
    where: { year: { [Op.gt]: 1900 } },
    order: [
      ['series', 'ASC NULLS LAST'],
      ['year', 'ASC'],
    ],
  }),
);
// #endregion

await sequelize.close();
