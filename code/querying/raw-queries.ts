// Raw SQL with sequelize.query: result types, replacements, bind parameters,
// why both stop SQL injection, and turning rows into model instances.
// Run it with `npx tsx code/querying/raw-queries.ts`.
import '../support/fixed-clock.ts';
import { QueryTypes, Sequelize } from 'sequelize';
import { Book, books, defineBook, printBooks } from './bookshop.ts';

// In-memory SQLite, or the database DATABASE_URL names (postgres://… or mariadb://…).
// Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region setup
defineBook(sequelize);
await sequelize.sync();
await Book.bulkCreate(books);
// #endregion

// #region untyped
const result = await sequelize.query('SELECT COUNT(*) AS n FROM books');
console.log(result);
// #endregion

// #region select
interface TitleRow {
  title: string;
  year: number;
}

const austen = await sequelize.query<TitleRow>(
  'SELECT title, year FROM books WHERE author = :author ORDER BY year',
  { type: QueryTypes.SELECT, replacements: { author: 'Jane Austen' } },
);
console.log(austen);
// #endregion

// #region positional
const herbert = await sequelize.query<TitleRow>(
  'SELECT title, year FROM books WHERE author = ? AND year > ?',
  { type: QueryTypes.SELECT, replacements: ['Frank Herbert', 1966] },
);
console.log(herbert);
// #endregion

// #region replacement-list
const twoAuthors = await sequelize.query<TitleRow>(
  'SELECT title, year FROM books WHERE author IN (:authors) ORDER BY year',
  { type: QueryTypes.SELECT, replacements: { authors: ['Mary Shelley', 'Émile Zola'] } },
);
console.log(twoAuthors);
// #endregion

// #region bind
const leGuin = await sequelize.query<TitleRow>(
  'SELECT title, year FROM books WHERE author = $1 AND stock > $2',
  { type: QueryTypes.SELECT, bind: ['Ursula K. Le Guin', 2] },
);
console.log(leGuin);
// #endregion

// #region bind-named
const cheap = await sequelize.query<TitleRow>(
  'SELECT title, year FROM books WHERE price < $max ORDER BY price',
  { type: QueryTypes.SELECT, bind: { max: 9 } },
);
console.log(cheap);
// #endregion

// #region injection
// A search term as it might arrive from a web form, crafted to match every row.
const input = "nobody' OR '1'='1";

const unsafe = await sequelize.query<TitleRow>(
  `SELECT title, year FROM books WHERE author = '${input}'`,
  { type: QueryTypes.SELECT },
);
console.log(`string concatenation: ${unsafe.length} rows`);
// #endregion

// #region injection-replacements
const replaced = await sequelize.query<TitleRow>(
  'SELECT title, year FROM books WHERE author = :author',
  { type: QueryTypes.SELECT, replacements: { author: input } },
);
console.log(`replacements: ${replaced.length} rows`);
// #endregion

// #region injection-bind
const bound = await sequelize.query<TitleRow>(
  'SELECT title, year FROM books WHERE author = $1',
  { type: QueryTypes.SELECT, bind: [input] },
);
console.log(`bind parameters: ${bound.length} rows`);
// #endregion

// #region apostrophe
const author = "Flannery O'Connor";
await Book.create({ title: 'Wise Blood', author, year: 1952, price: 9, stock: 2, series: null });

try {
  await sequelize.query(`SELECT title, year FROM books WHERE author = '${author}'`, {
    type: QueryTypes.SELECT,
  });
} catch (error) {
  if (!(error instanceof Error)) throw error;
  console.log(`string concatenation: ${error.name}: ${error.message}`);
}

const oConnor = await sequelize.query<TitleRow>(
  'SELECT title, year FROM books WHERE author = :author',
  { type: QueryTypes.SELECT, replacements: { author } },
);
console.log('replacements:', oConnor);
// #endregion

// #region model
const inSeries = await sequelize.query(
  'SELECT * FROM books WHERE series = :series ORDER BY year, id',
  { model: Book, replacements: { series: 'The Lord of the Rings' } },
);
console.log(inSeries.every((book) => book instanceof Book));
printBooks(inSeries);
// #endregion

await sequelize.close();
