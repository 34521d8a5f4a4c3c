// Combining conditions with Op.or, Op.and and Op.not, and testing for NULL.
// Run it with `npx tsx code/querying/logical-operators.ts`.
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

// #region or
printBooks(
  await Book.findAll({
    where: { [Op.or]: [{ author: 'Mary Shelley' }, { year: { [Op.lt]: 1815 } }] },
  }),
);
// #endregion

// #region and-or
printBooks(
  await Book.findAll({
    where: {
      [Op.and]: [
        { [Op.or]: [{ author: 'Frank Herbert' }, { author: 'Ursula K. Le Guin' }] },
        { [Op.or]: [{ stock: 0 }, { year: 1965 }] },
      ],
    },
  }),
);
// #endregion

// #region ne
printBooks(await Book.findAll({ where: { series: { [Op.ne]: 'The Lord of the Rings' } } }));
// #endregion

// #region ne-or-null
printBooks(
  await Book.findAll({
    where: { [Op.or]: [{ series: { [Op.ne]: 'The Lord of the Rings' } }, { series: null }] },
  }),
);
// #endregion

// #region not
printBooks(
  await Book.findAll({ where: { [Op.not]: { author: 'J. R. R. Tolkien', series: null } } }),
);
// #endregion

// #region is-null
printBooks(await Book.findAll({ where: { series: { [Op.is]: null } } }));
// #endregion

// #region null-shorthand
const withoutSeries = await Book.count({ where: { series: null } });
const inSeries = await Book.count({ where: { series: { [Op.not]: null } } });
console.log(`without a series: ${withoutSeries}, in a series: ${inSeries}`);
// #endregion

await sequelize.close();
