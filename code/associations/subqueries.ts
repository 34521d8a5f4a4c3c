// Subqueries written with sequelize.literal: a computed attribute, ordering and filtering
// by it, and the same count done with include and group for comparison.
// Run it with `npx tsx code/associations/subqueries.ts`.
import '../support/fixed-clock.ts';
import { Op, Sequelize } from 'sequelize';
import { Author, Book, defineLibrary, seedLibrary } from './library.ts';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region setup
defineLibrary(sequelize);
await seedLibrary(sequelize);
// #endregion

// #region attribute
// PostgreSQL folds unquoted names to lower case: a camelCase column must be quoted, and
// each database quotes in its own way.
const quote = (name: string): string => sequelize.getQueryInterface().quoteIdentifier(name);
const bookCount = sequelize.literal(`(SELECT COUNT(*) FROM books WHERE books.${quote('authorId')} = author.id)`);
const authors = await Author.findAll({
  attributes: ['name', [bookCount, 'bookCount']],
  order: [[bookCount, 'DESC'], ['name', 'ASC']],
  limit: 3,
});
console.log(authors.map((author) => `${author.name}: ${author.get('bookCount')}`));
// #endregion

// #region filter
const prolific = await Author.findAll({
  attributes: ['name'],
  where: sequelize.where(bookCount, Op.gte, 2),
});
console.log(prolific.map((author) => author.name));

const recent = await Author.findAll({
  attributes: ['name'],
  where: { id: { [Op.in]: sequelize.literal(`(SELECT ${quote('authorId')} FROM books WHERE year > :after)`) } },
  replacements: { after: 1960 },
});
console.log(recent.map((author) => author.name));
// #endregion

// #region include-group
try {
  await Author.findAll({
    attributes: ['name', [sequelize.fn('COUNT', sequelize.col('books.id')), 'bookCount']],
    include: { model: Book, attributes: [] },
    group: ['author.id'],
    order: [[sequelize.literal(quote('bookCount')), 'DESC'], ['name', 'ASC']],
    limit: 3,
  });
} catch (error) {
  console.log(error instanceof Error ? `${error.name}: ${error.message}` : error);
}
// #endregion

// #region include-group-fixed
const grouped = await Author.findAll({
  attributes: ['name', [sequelize.fn('COUNT', sequelize.col('books.id')), 'bookCount']],
  include: { model: Book, attributes: [] },
  group: ['author.id'],
  order: [[sequelize.literal(quote('bookCount')), 'DESC'], ['name', 'ASC']],
  limit: 3,
  subQuery: false,
});
console.log(grouped.map((author) => `${author.name}: ${author.get('bookCount')}`));
// #endregion

// The same literal without the quotes, which PostgreSQL rejects: it comes last.
// #region unquoted throws:postgres
const unquoted = sequelize.literal('(SELECT COUNT(*) FROM books WHERE books.authorId = author.id)');
const first = await Author.findAll({ attributes: ['name', [unquoted, 'bookCount']], order: [['name', 'ASC']], limit: 1 });
console.log(first.map((author) => `${author.name}: ${author.get('bookCount')}`));
// #endregion

await sequelize.close();
