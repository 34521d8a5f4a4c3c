// SQL functions and aggregates: fn, col, literal, where, Model.count/sum/max/min,
// and the JavaScript types SQLite hands back.
// Run it with `npx tsx code/querying/sql-functions.ts`.
import '../support/fixed-clock.ts';
import { DataTypes, Op, Sequelize } from 'sequelize';
import { Book, books, defineBook } from './bookshop.ts';

// In-memory SQLite, or the database DATABASE_URL names (postgres://… or mariadb://…).
// Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region typed
/** Shows a value as JSON (so strings keep their quotes) with its JavaScript type. */
function typed(value: unknown): string {
  return `${JSON.stringify(value)} (${value === null ? 'null' : typeof value})`;
}
// #endregion

// #region setup
defineBook(sequelize);
await sequelize.sync();
await Book.bulkCreate(books);
// #endregion

// #region fn-col
const longTitles = await Book.findAll({
  attributes: ['title', [sequelize.fn('LENGTH', sequelize.col('title')), 'letters']],
  where: sequelize.where(sequelize.fn('LENGTH', sequelize.col('title')), { [Op.gt]: 20 }),
});
for (const book of longTitles) {
  console.log(`${book.title}: ${typed(book.get('letters'))}`);
}
// #endregion

// #region literal
const stockValue = await Book.findAll({
  attributes: ['title', 'price', 'stock', [sequelize.literal('price * stock'), 'value']],
  where: { author: 'J. R. R. Tolkien' },
  order: [[sequelize.literal('value'), 'DESC']],
});
for (const book of stockValue) {
  console.log(`${book.title}: ${book.stock} × ${book.price} = ${typed(book.get('value'))}`);
}
// #endregion

// #region model-aggregates
console.log('count    ', typed(await Book.count()));
console.log('sum stock', typed(await Book.sum('stock')));
console.log('sum price', typed(await Book.sum('price')));
console.log('max year ', typed(await Book.max('year')));
console.log('min price', typed(await Book.min('price')));
console.log('max title', typed(await Book.max('title')));
console.log('avg price', typed(await Book.aggregate('price', 'avg')));
// #endregion

// #region aggregate-type
console.log('avg year         ', typed(await Book.aggregate('year', 'avg')));
console.log('avg year, FLOAT  ', typed(await Book.aggregate('year', 'avg', { dataType: DataTypes.FLOAT })));
// #endregion

// #region empty-aggregates
const nobody = { where: { author: 'Virginia Woolf' } };
console.log('count    ', typed(await Book.count(nobody)));
console.log('sum stock', typed(await Book.sum('stock', nobody)));
console.log('max year ', typed(await Book.max('year', nobody)));
// #endregion

// #region attribute-aggregates
const summary = await Book.findOne({
  attributes: [
    [sequelize.fn('COUNT', sequelize.col('id')), 'n'],
    [sequelize.fn('SUM', sequelize.col('stock')), 'copies'],
    [sequelize.fn('AVG', sequelize.col('price')), 'averagePrice'],
    [sequelize.fn('ROUND', sequelize.fn('AVG', sequelize.col('year'))), 'averageYear'],
    [sequelize.fn('MIN', sequelize.col('title')), 'firstTitle'],
  ],
});
if (!summary) throw new Error('an aggregate query always returns one row');
for (const name of ['n', 'copies', 'averagePrice', 'averageYear', 'firstTitle']) {
  console.log(name.padEnd(12), typed(summary.get(name)));
}
// #endregion

await sequelize.close();
