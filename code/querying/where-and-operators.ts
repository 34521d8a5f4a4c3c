// Filtering rows with `where`: plain equality, then the operators of `Op`.
// Run it with `npx tsx code/querying/where-and-operators.ts`.
import '../support/fixed-clock.ts';
import { Op, Sequelize } from 'sequelize';
import { Book, books, defineBook, printBooks } from './bookshop.ts';

// An in-memory SQLite database; Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:' });

// #region setup
defineBook(sequelize);
await sequelize.sync();
await Book.bulkCreate(books);
printBooks(await Book.findAll());
// #endregion

// #region equality
printBooks(await Book.findAll({ where: { author: 'Jane Austen' } }));
// #endregion

// #region implicit-and
printBooks(await Book.findAll({ where: { author: 'J. R. R. Tolkien', year: 1954 } }));
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
  await Book.findAll({ where: { title: { [Op.iLike]: 'the %' } } });
} catch (error) {
  if (!(error instanceof Error)) throw error;
  console.log(`${error.name}: ${error.message}`);
}
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

// #region is-null
printBooks(await Book.findAll({ where: { series: { [Op.is]: null } } }));
// #endregion

// #region null-shorthand
const withoutSeries = await Book.count({ where: { series: null } });
const inSeries = await Book.count({ where: { series: { [Op.not]: null } } });
console.log(`without a series: ${withoutSeries}, in a series: ${inSeries}`);
// #endregion

await sequelize.close();
