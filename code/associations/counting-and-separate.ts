// findAndCountAll with include (the count of joined rows, and distinct: true), and
// separate queries for a hasMany include: a limit per parent, and hasMany only.
// Run it with `npx tsx code/associations/counting-and-separate.ts`.
import '../support/fixed-clock.ts';
import { BaseError, Sequelize } from 'sequelize';
import { Author, Book, defineLibrary, seedLibrary } from './library.ts';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region setup
defineLibrary(sequelize);
await seedLibrary(sequelize);
// #endregion

// #region count-joined
const page = await Author.findAndCountAll({ include: Book, limit: 2, order: [['id', 'ASC']] });
console.log('count:', page.count, '| rows:', page.rows.map((author) => author.name));
// #endregion

// #region count-distinct
const fixed = await Author.findAndCountAll({ include: Book, distinct: true, limit: 2, order: [['id', 'ASC']] });
console.log('count:', fixed.count, '| rows:', fixed.rows.map((author) => author.name));
// #endregion

// #region separate-limit
const newest = await Author.findAll({
  include: { model: Book, separate: true, limit: 1, order: [['year', 'DESC']] },
  order: [['id', 'ASC']],
});
for (const author of newest) console.log(`${author.name}: ${author.books?.[0]?.title ?? '(no books)'}`);
// #endregion

// #region separate-belongs-to
try {
  await Book.findAll({ include: { model: Author, separate: true } });
} catch (error) {
  console.log(error instanceof Error ? `${error.name}: ${error.message}` : error);
  console.log('a Sequelize BaseError?', error instanceof BaseError);
}
// #endregion

await sequelize.close();
