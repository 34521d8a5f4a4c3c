// The bookshop every example of the "Querying" chapter searches: one Book model,
// twelve books to load with `Book.bulkCreate(books)`, and a function that prints rows
// as a small table. Each example imports it and creates its own in-memory database.
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
  declare year: number;
  declare price: number;
  declare stock: number;
  declare series: string | null;
}

/** Attaches Book to a database; call it once, before `sequelize.sync()`. */
export function defineBook(sequelize: Sequelize): void {
  Book.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      title: { type: DataTypes.STRING, allowNull: false },
      author: { type: DataTypes.STRING, allowNull: false },
      year: { type: DataTypes.INTEGER, allowNull: false },
      price: {
        type: DataTypes.DECIMAL(6, 2),
        allowNull: false,
        // PostgreSQL's driver returns a DECIMAL as a string, to keep every digit: make it a number.
        get() {
          return Number(this.getDataValue('price'));
        },
      },
      stock: { type: DataTypes.INTEGER, allowNull: false },
      series: { type: DataTypes.STRING, allowNull: true },
    },
    // No createdAt/updatedAt columns: they would only lengthen every query shown.
    { sequelize, modelName: 'book', timestamps: false },
  );
}
// #endregion

// #region books
export const books: CreationAttributes<Book>[] = [
  { title: 'The Hobbit', author: 'J. R. R. Tolkien', year: 1937, price: 12.5, stock: 4, series: null },
  { title: 'The Fellowship of the Ring', author: 'J. R. R. Tolkien', year: 1954, price: 15, stock: 2, series: 'The Lord of the Rings' },
  { title: 'The Two Towers', author: 'J. R. R. Tolkien', year: 1954, price: 15, stock: 0, series: 'The Lord of the Rings' },
  { title: 'The Return of the King', author: 'J. R. R. Tolkien', year: 1955, price: 15, stock: 3, series: 'The Lord of the Rings' },
  { title: 'Pride and Prejudice', author: 'Jane Austen', year: 1813, price: 8.75, stock: 6, series: null },
  { title: 'Emma', author: 'Jane Austen', year: 1815, price: 9.25, stock: 1, series: null },
  { title: 'Frankenstein', author: 'Mary Shelley', year: 1818, price: 7.25, stock: 2, series: null },
  { title: 'Germinal', author: 'Émile Zola', year: 1885, price: 9.5, stock: 0, series: 'Les Rougon-Macquart' },
  { title: 'Dune', author: 'Frank Herbert', year: 1965, price: 11.5, stock: 5, series: 'Dune' },
  { title: 'Dune Messiah', author: 'Frank Herbert', year: 1969, price: 10.75, stock: 0, series: 'Dune' },
  { title: 'A Wizard of Earthsea', author: 'Ursula K. Le Guin', year: 1968, price: 9.5, stock: 3, series: 'Earthsea' },
  { title: 'The Left Hand of Darkness', author: 'Ursula K. Le Guin', year: 1969, price: 10.25, stock: 2, series: 'Hainish Cycle' },
];
// #endregion

// #region print
/** Prints books one per line, in the order the query returned them. */
export function printBooks(rows: readonly Book[]): void {
  const line = (...cells: string[]): void => console.log(cells.join('  ').trimEnd());
  line('id', 'title'.padEnd(26), 'author'.padEnd(17), 'year', 'price', 'stock', 'series');
  for (const { id, title, author, year, price, stock, series } of rows) {
    line(
      String(id).padStart(2),
      title.padEnd(26),
      author.padEnd(17),
      String(year),
      price.toFixed(2).padStart(5),
      String(stock).padStart(5),
      series ?? 'NULL',
    );
  }
}
// #endregion
