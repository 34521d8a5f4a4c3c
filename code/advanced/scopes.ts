// Scopes: a default scope applied to every query, named scopes, scopes with arguments,
// combining them, and unscoped().
// Run it with `npx tsx code/advanced/scopes.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  Op,
  Sequelize,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
} from 'sequelize';

// In-memory SQLite, or the database DATABASE_URL names (postgres://… or mariadb://…).
// Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region define
class Product extends Model<InferAttributes<Product>, InferCreationAttributes<Product>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare category: string;
  declare price: number;
  declare stock: number;
  declare published: boolean;
}

Product.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    name: { type: DataTypes.STRING, allowNull: false },
    category: { type: DataTypes.STRING, allowNull: false },
    price: { type: DataTypes.INTEGER, allowNull: false },
    stock: { type: DataTypes.INTEGER, allowNull: false },
    published: { type: DataTypes.BOOLEAN, allowNull: false },
  },
  {
    sequelize,
    modelName: 'product',
    timestamps: false,
    defaultScope: { where: { published: true } },
    scopes: {
      inStock: { where: { stock: { [Op.gt]: 0 } } },
      cheapestFirst: { order: [['price', 'ASC']] },
      inCategory: (category: string) => ({ where: { category } }),
      cheaperThan: (max: number) => ({ where: { price: { [Op.lt]: max } } }),
      pricierThan: (min: number) => ({ where: { price: { [Op.gt]: min } } }),
    },
  },
);
// #endregion

// #region setup
await sequelize.sync();
await Product.bulkCreate([
  { name: 'Pencil', category: 'stationery', price: 2, stock: 120, published: true },
  { name: 'Notebook', category: 'stationery', price: 6, stock: 0, published: true },
  { name: 'Fountain pen', category: 'stationery', price: 45, stock: 4, published: true },
  { name: 'Desk lamp', category: 'furniture', price: 30, stock: 7, published: true },
  { name: 'Standing desk', category: 'furniture', price: 350, stock: 2, published: false },
]);

function names(products: { name: string }[]): string[] {
  return products.map((product) => product.name);
}
// #endregion

// #region default
console.log(names(await Product.findAll()));
console.log('count:', await Product.count());
console.log('product 5:', await Product.findByPk(5));
// #endregion

// #region named
console.log(names(await Product.scope('inStock').findAll()));
// #endregion

// #region keep-default
console.log(names(await Product.scope(['defaultScope', 'inStock']).findAll()));
// #endregion

// #region arguments
const furniture = Product.scope(['defaultScope', { method: ['inCategory', 'furniture'] }]);
console.log(names(await furniture.findAll()));
// #endregion

// #region combine
const affordable = Product.scope([
  'defaultScope',
  'inStock',
  'cheapestFirst',
  { method: ['cheaperThan', 40] },
]);
console.log(names(await affordable.findAll()));
console.log(names(await affordable.findAll({ where: { category: 'stationery' } })));
// #endregion

// #region overwrite
const between = Product.scope([
  { method: ['pricierThan', 5] },
  { method: ['cheaperThan', 40] },
]);
console.log(names(await between.findAll()));
console.log(names(await Product.findAll({ where: { published: false } })));
// #endregion

// #region and-strategy
class StrictProduct extends Model<
  InferAttributes<StrictProduct>,
  InferCreationAttributes<StrictProduct>
> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare price: number;
  declare published: boolean;
}

StrictProduct.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    name: { type: DataTypes.STRING, allowNull: false },
    price: { type: DataTypes.INTEGER, allowNull: false },
    published: { type: DataTypes.BOOLEAN, allowNull: false },
  },
  {
    sequelize,
    modelName: 'strictProduct',
    tableName: 'products',
    timestamps: false,
    whereMergeStrategy: 'and',
    defaultScope: { where: { published: true } },
    scopes: {
      cheaperThan: (max: number) => ({ where: { price: { [Op.lt]: max } } }),
      pricierThan: (min: number) => ({ where: { price: { [Op.gt]: min } } }),
    },
  },
);

const strictBetween = StrictProduct.scope([
  { method: ['pricierThan', 5] },
  { method: ['cheaperThan', 40] },
]);
console.log(names(await strictBetween.findAll()));
console.log(names(await StrictProduct.findAll({ where: { published: false } })));
// #endregion

// #region unscoped
console.log(names(await Product.unscoped().findAll()));
// #endregion

// #region writes
const removed = await Product.destroy({ where: { stock: 0 } });
console.log('deleted:', removed);
await Product.update({ price: 3 }, { where: { name: 'Pencil' } });
// #endregion

await sequelize.close();
