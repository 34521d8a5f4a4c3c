// Creating a row together with its associated rows: create(..., { include }) for hasOne,
// hasMany and belongsTo, and the SQL each sends.
// Run it with `npx tsx code/associations/create-with-include.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  Sequelize,
  type CreationAttributes,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
} from 'sequelize';

// One connection at a time. A create with include saves the included rows side by side; on
// a database server each save would take a connection of its own, and which book got the
// first id would be a race. (SQLite in memory always uses a single connection.)
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:', { pool: { max: 1 } });

// #region models
class Author extends Model<InferAttributes<Author>, InferCreationAttributes<Author>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare profile?: NonAttribute<Profile>;
  declare books?: NonAttribute<Book[]>;
}

class Profile extends Model<InferAttributes<Profile>, InferCreationAttributes<Profile>> {
  declare id: CreationOptional<number>;
  declare bio: string;
  declare authorId: ForeignKey<Author['id']>;
}

class Publisher extends Model<InferAttributes<Publisher>, InferCreationAttributes<Publisher>> {
  declare id: CreationOptional<number>;
  declare name: string;
}

class Book extends Model<InferAttributes<Book>, InferCreationAttributes<Book>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare authorId: ForeignKey<Author['id']>;
  declare publisherId: ForeignKey<Publisher['id']>;
  declare publisher?: NonAttribute<Publisher>;
}

const options = { sequelize, timestamps: false };
Author.init(
  { id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true }, name: { type: DataTypes.STRING, allowNull: false } },
  { ...options, modelName: 'author' },
);
Profile.init(
  { id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true }, bio: { type: DataTypes.TEXT, allowNull: false } },
  { ...options, modelName: 'profile' },
);
Publisher.init(
  { id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true }, name: { type: DataTypes.STRING, allowNull: false } },
  { ...options, modelName: 'publisher' },
);
Book.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    title: { type: DataTypes.STRING, allowNull: false, validate: { notEmpty: true } },
  },
  { ...options, modelName: 'book' },
);

Author.hasOne(Profile);
Profile.belongsTo(Author);
Author.hasMany(Book);
Book.belongsTo(Author);
Book.belongsTo(Publisher);
Publisher.hasMany(Book);
await sequelize.sync();
// #endregion

// #region types
type NewBook = CreationAttributes<Book> & { publisher?: CreationAttributes<Publisher> };
type NewAuthor = CreationAttributes<Author> & {
  profile?: CreationAttributes<Profile>;
  books?: NewBook[];
};
// #endregion

// #region has-one-has-many
const ursulaValues: NewAuthor = {
  name: 'Ursula K. Le Guin',
  profile: { bio: 'Wrote about Earthsea and the Hainish worlds.' },
  books: [{ title: 'A Wizard of Earthsea' }, { title: 'The Dispossessed' }],
};
const ursula = await Author.create(ursulaValues, { include: [Profile, Book] });
console.log(ursula.toJSON());
// #endregion

// #region belongs-to
const kindredValues: NewBook = { title: 'Kindred', publisher: { name: 'Doubleday' } };
const kindred = await Book.create(kindredValues, { include: [Publisher] });
console.log(JSON.stringify(kindred));
// #endregion

// #region nested
const octaviaValues: NewAuthor = {
  name: 'Octavia E. Butler',
  books: [{ title: 'Parable of the Sower', publisher: { name: 'Four Walls Eight Windows' } }],
};
const octavia = await Author.create(octaviaValues, { include: [{ model: Book, include: [Publisher] }] });
console.log(octavia.books?.map((book) => `${book.title} (${book.publisher?.name})`));
// #endregion

// #region existing
const doubleday = await Publisher.findOne({ where: { name: 'Doubleday' } });
if (!doubleday) throw new Error('Doubleday was created above');
const wildSeed: NewBook = { title: 'Wild Seed', publisher: doubleday };
try {
  await Book.create(wildSeed, { include: [Publisher] });
} catch (error) {
  console.log(error instanceof Error ? `${error.name}: ${error.message}` : error);
}
const dawn = await Book.create({ title: 'Dawn', publisherId: doubleday.id });
console.log(dawn.toJSON());
// #endregion

// #region partial-failure
const asimovValues: NewAuthor = { name: 'Isaac Asimov', books: [{ title: 'Foundation' }, { title: '' }] };
try {
  await Author.create(asimovValues, { include: [Book] });
} catch (error) {
  console.log(error instanceof Error ? `${error.name}: ${error.message}` : error);
}
console.log(await Author.findAll({ attributes: ['id', 'name'], raw: true }));
console.log(await Book.findAll({ where: { authorId: 3 }, raw: true }));
// #endregion

// #region in-transaction
const herbertValues: NewAuthor = { name: 'Frank Herbert', books: [{ title: 'Dune' }, { title: '' }] };
try {
  await sequelize.transaction((transaction) => Author.create(herbertValues, { include: [Book], transaction }));
} catch (error) {
  console.log(error instanceof Error ? `${error.name}: ${error.message}` : error);
}
console.log(await Author.count({ where: { name: 'Frank Herbert' } }), 'authors named Frank Herbert');
// #endregion

await sequelize.close();
