// Conditions on included columns: '$association.column$' in the top-level where, and what
// happens when it meets limit on a hasMany include (the subquery, subQuery: false).
// Run it with `npx tsx code/associations/include-conditions.ts`.
import '../support/fixed-clock.ts';
import { Op, Sequelize } from 'sequelize';
import { Author, Book, Profile, defineLibrary, seedLibrary } from './library.ts';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region setup
defineLibrary(sequelize);
await seedLibrary(sequelize);
// #endregion

// #region or-across-tables
const found = await Author.findAll({
  include: Profile,
  where: {
    [Op.or]: [{ name: { [Op.like]: '%Shelley%' } }, { '$profile.bio$': { [Op.like]: '%Robots%' } }],
  },
  order: [['id', 'ASC']],
});
console.log(found.map((author) => author.name));
// #endregion

// #region without-books
const withoutBooks = await Author.findAll({
  include: { model: Book, attributes: [] },
  where: { '$books.id$': null },
});
console.log(withoutBooks.map((author) => author.name));
// #endregion

// #region has-many-limit
try {
  await Author.findAll({
    include: Book,
    where: { '$books.year$': { [Op.gt]: 1960 } },
    limit: 2,
    order: [['id', 'ASC']],
  });
} catch (error) {
  console.log(error instanceof Error ? `${error.name}: ${error.message}` : error);
}
// #endregion

// #region sub-query-false
const rowsLimited = await Author.findAll({
  include: Book,
  where: { '$books.year$': { [Op.gt]: 1960 } },
  limit: 2,
  subQuery: false,
  order: [['id', 'ASC'], [Book, 'id', 'ASC']],
});
for (const author of rowsLimited) console.log(author.name, author.books?.map((book) => book.title));
// #endregion

// #region required-where
const authorsLimited = await Author.findAll({
  include: { model: Book, where: { year: { [Op.gt]: 1960 } } },
  limit: 2,
  order: [['id', 'ASC'], [Book, 'id', 'ASC']],
});
for (const author of authorsLimited) console.log(author.name, author.books?.map((book) => book.title));
// #endregion

await sequelize.close();
