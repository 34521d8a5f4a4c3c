// Model basics: describe a table as a model, with sequelize.define or a class, let sync() create it,
// then see what the data types, defaults and allowNull do with the values of one book.
// Run it with `npx tsx code/getting-started/model-basics.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  Sequelize,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
} from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region define
interface Author extends Model<InferAttributes<Author>, InferCreationAttributes<Author>> {
  id: CreationOptional<number>;
  name: string;
}

const Author = sequelize.define<Author>('author', {
  id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
  name: { type: DataTypes.STRING, allowNull: false },
});
// #endregion

// #region init
class Book extends Model<InferAttributes<Book>, InferCreationAttributes<Book>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare summary: string | null;
  declare pages: number | null;
  declare inPrint: CreationOptional<boolean>;
  declare publishedOn: string | null;
  declare lastBorrowedAt: Date | null;
  declare rating: number | null;
  declare price: CreationOptional<number>;
  declare format: CreationOptional<'hardcover' | 'paperback' | 'ebook'>;
  declare details: CreationOptional<{ isbn?: string; tags: string[] }>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

Book.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    title: { type: DataTypes.STRING(200), allowNull: false },
    summary: DataTypes.TEXT,
    pages: DataTypes.INTEGER,
    inPrint: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    publishedOn: DataTypes.DATEONLY,
    lastBorrowedAt: DataTypes.DATE,
    rating: DataTypes.FLOAT,
    price: { type: DataTypes.DECIMAL(10, 2), allowNull: false, defaultValue: 0 },
    format: { type: DataTypes.ENUM('hardcover', 'paperback', 'ebook'), allowNull: false, defaultValue: 'paperback' },
    details: { type: DataTypes.JSON, allowNull: false, defaultValue: { tags: [] } },
    createdAt: DataTypes.DATE,
    updatedAt: DataTypes.DATE,
  },
  { sequelize, modelName: 'book' },
);
// #endregion

// #region sync
await sequelize.sync();
// #endregion

// #region round-trip
const created = await Book.create({
  title: 'Notes on the Analytical Engine',
  summary: 'Translator\'s notes that grew longer than the article.',
  pages: 65,
  publishedOn: '1843-09-01',
  lastBorrowedAt: new Date('2023-12-24T18:30:00Z'),
  rating: 4.5,
  price: 12.5,
  format: 'hardcover',
  details: { isbn: '978-0-00-000000-0', tags: ['computing', 'history'] },
});

const book = await Book.findByPk(created.id);
if (!book) throw new Error('the book was just created');
for (const [name, value] of Object.entries(book.get({ plain: true }))) {
  const kind = value instanceof Date ? 'Date' : typeof value;
  console.log(name.padEnd(15), kind.padEnd(8), JSON.stringify(value));
}
// #endregion

// #region length
try {
  const long = await Book.create({ title: 'x'.repeat(250) });
  const reread = await Book.findByPk(long.id, { attributes: ['title'] });
  console.log('characters stored:', reread?.title.length);
} catch (error) {
  console.log(error instanceof Error ? `${error.name}: ${error.message}` : error);
}
// #endregion

// #region defaults
const minimal = await Book.create({ title: 'A Short Book' });
console.log(JSON.stringify(minimal, null, 2));
// #endregion

// #region not-null
try {
  await Book.build().save();
} catch (error) {
  if (error instanceof Error) console.log(`${error.name}: ${error.message}`);
}
// #endregion

await sequelize.close();
