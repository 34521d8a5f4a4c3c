// Comparing one column with a value, a list, a range or a text pattern: Op.eq, Op.ne, Op.in, Op.between, Op.gt and friends, Op.like.
// Run it with `npx tsx code/querying/comparison-operators.ts`.
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

// #region eq-ne
const byTolkien = await Book.count({ where: { author: { [Op.eq]: 'J. R. R. Tolkien' } } });
const notByTolkien = await Book.count({ where: { author: { [Op.ne]: 'J. R. R. Tolkien' } } });
console.log(`by Tolkien: ${byTolkien}, not by Tolkien: ${notByTolkien}`);
// #endregion

// #region in
printBooks(await Book.findAll({ where: { author: { [Op.in]: ['Mary Shelley', 'Émile Zola'] } } }));
// #endregion

// #region in-shorthand
printBooks(await Book.findAll({ where: { year: [1954, 1969] } }));
// #endregion

// #region not-in
printBooks(
  await Book.findAll({
    where: { author: { [Op.notIn]: ['J. R. R. Tolkien', 'Jane Austen', 'Frank Herbert'] } },
  }),
);
// #endregion

// #region between
printBooks(await Book.findAll({ where: { year: { [Op.between]: [1954, 1965] } } }));
// #endregion

// #region comparisons
printBooks(await Book.findAll({ where: { price: { [Op.gte]: 10, [Op.lt]: 12 } } }));
printBooks(await Book.findAll({ where: { stock: { [Op.lte]: 1 }, year: { [Op.gt]: 1900 } } }));
// #endregion

// #region like
printBooks(await Book.findAll({ where: { title: { [Op.like]: 'the %' } } }));
// #endregion

// #region not-like
printBooks(await Book.findAll({ where: { title: { [Op.notLike]: '%the%' } } }));
// #endregion

// #region like-accents
for (const pattern of ['ÉMILE%', 'émile%', 'Émile%']) {
  const found = await Book.findAll({ where: { author: { [Op.like]: pattern } } });
  console.log(`${pattern}: ${found.length} book(s)`);
}
// #endregion

// #region ilike
try {
  printBooks(await Book.findAll({ where: { title: { [Op.iLike]: 'the %' } } }));
} catch (error) {
  if (!(error instanceof Error)) throw error;
  console.log(`${error.name}: ${error.message}`);
}
// #endregion

await sequelize.close();
