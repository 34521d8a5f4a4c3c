// The Book model every example of the "Working with models" chapter uses, and the three
// books that the reading and updating examples start from. Each example imports it and
// creates its own in-memory database.
import {
  DataTypes,
  Model,
  type CreationAttributes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

// #region model
export class Book extends Model<InferAttributes<Book>, InferCreationAttributes<Book>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare author: string;
  declare pages: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Attaches Book to a database; call it once, before `sequelize.sync()`. */
export function defineBook(sequelize: Sequelize): void {
  Book.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      title: { type: DataTypes.STRING, allowNull: false },
      author: { type: DataTypes.STRING, allowNull: false },
      pages: DataTypes.INTEGER,
      createdAt: { type: DataTypes.DATE, allowNull: false },
      updatedAt: { type: DataTypes.DATE, allowNull: false },
    },
    { sequelize, modelName: 'book' },
  );
}
// #endregion

// #region seed-books
export const seedBooks: CreationAttributes<Book>[] = [
  { title: 'Kindred', author: 'Octavia E. Butler', pages: 264 },
  { title: 'The Dispossessed', author: 'Ursula K. Le Guin', pages: 387 },
  { title: 'Parable of the Sower', author: 'Octavia E. Butler' },
];
// #endregion
