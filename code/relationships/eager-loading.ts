// Eager loading in depth: authors, their books and the books' reviews, loaded lazily in
// loops and eagerly with `include`, counting the SQL statements each approach sends.
// Run it with `npx tsx code/relationships/eager-loading.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  Op,
  Sequelize,
  type CreationOptional,
  type ForeignKey,
  type HasManyGetAssociationsMixin,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
} from 'sequelize';

// In-memory SQLite, or the database DATABASE_URL names (postgres://… or mariadb://…).
// Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region define
class Author extends Model<InferAttributes<Author>, InferCreationAttributes<Author>> {
  declare id: CreationOptional<number>;
  declare name: string;

  declare books?: NonAttribute<Book[]>;
  declare getBooks: HasManyGetAssociationsMixin<Book>;
}

class Book extends Model<InferAttributes<Book>, InferCreationAttributes<Book>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare year: number;
  declare authorId: ForeignKey<Author['id']>;

  declare reviews?: NonAttribute<Review[]>;
  declare getReviews: HasManyGetAssociationsMixin<Review>;
}

class Review extends Model<InferAttributes<Review>, InferCreationAttributes<Review>> {
  declare id: CreationOptional<number>;
  declare stars: number;
  declare bookId: ForeignKey<Book['id']>;
}

Author.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    name: { type: DataTypes.STRING, allowNull: false },
  },
  { sequelize, modelName: 'author', timestamps: false },
);

Book.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    title: { type: DataTypes.STRING, allowNull: false },
    year: { type: DataTypes.INTEGER, allowNull: false },
  },
  { sequelize, modelName: 'book', timestamps: false },
);

Review.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    stars: { type: DataTypes.INTEGER, allowNull: false },
  },
  { sequelize, modelName: 'review', timestamps: false },
);

Author.hasMany(Book);
Book.belongsTo(Author);
Book.hasMany(Review);
Review.belongsTo(Book);
// #endregion

// #region counter
// Sequelize runs the `afterQuery` hook once for every statement it sends to the database.
let statements = 0;
sequelize.addHook('afterQuery', () => {
  statements += 1;
});
// #endregion

// #region sync
await sequelize.sync();
// #endregion

// #region seed
await Author.bulkCreate([
  { name: 'Ursula K. Le Guin' },
  { name: 'Isaac Asimov' },
  { name: 'Mary Shelley' },
  { name: 'Ted Chiang' },
]);
await Book.bulkCreate([
  { title: 'A Wizard of Earthsea', year: 1968, authorId: 1 },
  { title: 'The Left Hand of Darkness', year: 1969, authorId: 1 },
  { title: 'I, Robot', year: 1950, authorId: 2 },
  { title: 'Foundation', year: 1951, authorId: 2 },
  { title: 'Frankenstein', year: 1818, authorId: 3 },
]);
await Review.bulkCreate([
  { stars: 5, bookId: 1 },
  { stars: 4, bookId: 1 },
  { stars: 5, bookId: 2 },
  { stars: 3, bookId: 4 },
  { stars: 5, bookId: 5 },
]);
// #endregion

// #region lazy-loop
statements = 0;
const authors = await Author.findAll({ order: [['id', 'ASC']] });
for (const author of authors) {
  const books = await author.getBooks({ order: [['id', 'ASC']] });
  console.log(`${author.name}: ${books.map((book) => book.title).join(', ') || '(no books)'}`);
}
console.log(`statements: ${statements}`);
// #endregion

// #region include
statements = 0;
const withBooks = await Author.findAll({
  include: Book,
  order: [
    ['id', 'ASC'],
    [Book, 'id', 'ASC'],
  ],
});
for (const author of withBooks) {
  console.log(`${author.name}: ${author.books?.map((book) => book.title).join(', ') || '(no books)'}`);
}
console.log(`statements: ${statements}`);
// #endregion

// #region nested-lazy
statements = 0;
for (const author of await Author.findAll({ order: [['id', 'ASC']] })) {
  for (const book of await author.getBooks({ order: [['id', 'ASC']] })) {
    const reviews = await book.getReviews({ order: [['id', 'ASC']] });
    console.log(`${book.title}: ${reviews.map((review) => `${review.stars}★`).join(' ') || '-'}`);
  }
}
console.log(`statements: ${statements}`);
// #endregion

// #region nested
statements = 0;
const catalogue = await Author.findAll({
  include: { model: Book, include: [Review] },
  order: [
    ['id', 'ASC'],
    [Book, 'id', 'ASC'],
    [Book, Review, 'id', 'ASC'],
  ],
});
for (const author of catalogue) {
  console.log(author.name);
  if (!author.books?.length) console.log('  (no books)');
  for (const book of author.books ?? []) {
    console.log(`  ${book.title}: ${book.reviews?.map((review) => `${review.stars}★`).join(' ') || '-'}`);
  }
}
console.log(`statements: ${statements}`);
// #endregion

// #region nested-json
console.log(JSON.stringify(catalogue[2], null, 2));
// #endregion

// #region separate
statements = 0;
const separately = await Author.findAll({
  include: { model: Book, separate: true, order: [['id', 'ASC']] },
  order: [['id', 'ASC']],
});
for (const author of separately) {
  console.log(`${author.name}: ${author.books?.map((book) => book.title).join(', ') || '(no books)'}`);
}
console.log(`statements: ${statements}`);
// #endregion

// #region separate-nested
statements = 0;
const tree = await Author.findAll({
  include: {
    model: Book,
    separate: true,
    order: [['id', 'ASC']],
    include: [{ model: Review, separate: true, order: [['id', 'ASC']] }],
  },
  order: [['id', 'ASC']],
});
for (const book of tree.flatMap((author) => author.books ?? [])) {
  console.log(`${book.title}: ${book.reviews?.map((review) => `${review.stars}★`).join(' ') || '-'}`);
}
console.log(`statements: ${statements}`);
// #endregion

// #region required
const onlyWithBooks = await Author.findAll({
  include: { model: Book, required: true },
  order: [
    ['id', 'ASC'],
    [Book, 'id', 'ASC'],
  ],
});
console.log(onlyWithBooks.map((author) => `${author.name} (${author.books?.length})`));
// #endregion

// #region include-where
const before1960 = await Author.findAll({
  include: { model: Book, where: { year: { [Op.lt]: 1960 } } },
  order: [
    ['id', 'ASC'],
    [Book, 'id', 'ASC'],
  ],
});
for (const author of before1960) {
  console.log(`${author.name}: ${author.books?.map((book) => `${book.title} (${book.year})`).join(', ')}`);
}
// #endregion

// #region include-where-optional
const everyAuthor = await Author.findAll({
  include: { model: Book, where: { year: { [Op.lt]: 1960 } }, required: false },
  order: [
    ['id', 'ASC'],
    [Book, 'id', 'ASC'],
  ],
});
for (const author of everyAuthor) {
  console.log(`${author.name}: ${author.books?.map((book) => book.title).join(', ') || '(none before 1960)'}`);
}
// #endregion

// #region limit
const firstTwo = await Author.findAll({
  include: Book,
  limit: 2,
  order: [
    ['id', 'ASC'],
    [Book, 'id', 'ASC'],
  ],
});
console.log(firstTwo.map((author) => `${author.name} (${author.books?.length})`));
// #endregion

await sequelize.close();
