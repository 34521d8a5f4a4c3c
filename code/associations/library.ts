// The library that the eager-loading examples of "Associations in depth" query: authors,
// their profiles (hasOne) and their books (hasMany). Each example imports it, creates its
// own in-memory database, and calls `defineLibrary` and then `seedLibrary`.
import {
  DataTypes,
  Model,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';

// #region models
export class Author extends Model<InferAttributes<Author>, InferCreationAttributes<Author>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare profile?: NonAttribute<Profile | null>;
  declare books?: NonAttribute<Book[]>;
}

export class Profile extends Model<InferAttributes<Profile>, InferCreationAttributes<Profile>> {
  declare id: CreationOptional<number>;
  declare bio: string;
  declare authorId: ForeignKey<Author['id']>;
}

export class Book extends Model<InferAttributes<Book>, InferCreationAttributes<Book>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare year: number;
  declare authorId: ForeignKey<Author['id']>;
  declare author?: NonAttribute<Author>;
}

/** Attaches the three models and their associations to a database. */
export function defineLibrary(sequelize: Sequelize): void {
  const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
  Author.init({ id, name: { type: DataTypes.STRING, allowNull: false } }, { sequelize, modelName: 'author', timestamps: false });
  Profile.init({ id, bio: { type: DataTypes.TEXT, allowNull: false } }, { sequelize, modelName: 'profile', timestamps: false });
  Book.init(
    { id, title: { type: DataTypes.STRING, allowNull: false }, year: { type: DataTypes.INTEGER, allowNull: false } },
    { sequelize, modelName: 'book', timestamps: false },
  );
  Author.hasOne(Profile);
  Profile.belongsTo(Author);
  Author.hasMany(Book);
  Book.belongsTo(Author);
}
// #endregion

// #region seed
/** Creates the tables and fills them: four authors, three profiles, six books. */
export async function seedLibrary(sequelize: Sequelize): Promise<void> {
  await sequelize.sync();
  await Author.bulkCreate([{ name: 'Ursula K. Le Guin' }, { name: 'Isaac Asimov' }, { name: 'Mary Shelley' }, { name: 'Ted Chiang' }]);
  await Profile.bulkCreate([
    { bio: 'Earthsea and the Hainish worlds', authorId: 1 },
    { bio: 'Robots and the Foundation', authorId: 2 },
    { bio: 'Short stories about language and time', authorId: 4 },
  ]);
  await Book.bulkCreate([
    { title: 'A Wizard of Earthsea', year: 1968, authorId: 1 },
    { title: 'The Left Hand of Darkness', year: 1969, authorId: 1 },
    { title: 'I, Robot', year: 1950, authorId: 2 },
    { title: 'Foundation', year: 1951, authorId: 2 },
    { title: 'The Gods Themselves', year: 1972, authorId: 2 },
    { title: 'Frankenstein', year: 1818, authorId: 3 },
  ]);
}
// #endregion
