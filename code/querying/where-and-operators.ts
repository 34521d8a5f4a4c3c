// Filtering rows with `where`: the bookshop's books, plain equality, and several attributes.
// Run it with `npx tsx code/querying/where-and-operators.ts`.
import '../support/fixed-clock.ts';
import { Sequelize } from 'sequelize';
import { Book, books, defineBook, printBooks } from './bookshop.ts';

// In-memory SQLite, or the database DATABASE_URL names (postgres://… or mariadb://…).
// Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

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

await sequelize.close();
