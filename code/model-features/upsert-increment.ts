// Writing in one call: upsert, increment and decrement, reload, and bulkCreate with
// updateOnDuplicate, with what each one returns on SQLite.
// Run it with `npx tsx code/model-features/upsert-increment.ts`.
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
class Product extends Model<InferAttributes<Product>, InferCreationAttributes<Product>> {
  declare id: CreationOptional<number>;
  declare sku: string;
  declare name: string;
  declare price: number;
  declare stock: CreationOptional<number>;
}

Product.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    sku: { type: DataTypes.STRING, allowNull: false, unique: true },
    name: { type: DataTypes.STRING, allowNull: false },
    price: { type: DataTypes.INTEGER, allowNull: false },
    stock: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  },
  { sequelize, modelName: 'product', timestamps: false },
);
await sequelize.sync();
// #endregion

// #region upsert
const [mug, mugCreated] = await Product.upsert({ sku: 'MUG', name: 'Mug', price: 8, stock: 5 });
console.log('first upsert:', mug.toJSON(), mugCreated);
await Product.create({ sku: 'CUP', name: 'Cup', price: 6, stock: 12 });
const [again, againCreated] = await Product.upsert({ sku: 'MUG', name: 'Mug', price: 9 });
console.log('second upsert:', again.toJSON(), againCreated);
console.log('stored:', await Product.findAll({ raw: true, order: [['id', 'ASC']] }));
// #endregion

// #region increment
const product = await Product.findOne({ where: { sku: 'MUG' } });
if (!product) throw new Error('the mug was just upserted');
const returned = await product.increment('stock', { by: 5 });
console.log('returns the instance:', returned === product);
console.log('stock on the instance:', product.stock);
await product.reload();
console.log('stock after reload:', product.stock);
// #endregion

// #region decrement
await product.decrement({ stock: 2, price: 1 });
await product.reload();
console.log(product.toJSON());
// #endregion

// #region model-increment
const result = await Product.increment({ stock: 10 }, { where: { sku: 'MUG' } });
console.log('Model.increment returned:', result);
// #endregion

// #region bulk-upsert
const rows = await Product.bulkCreate(
  [
    { sku: 'MUG', name: 'Mug', price: 10, stock: 3 },
    { sku: 'PEN', name: 'Pen', price: 2, stock: 40 },
  ],
  { updateOnDuplicate: ['price', 'stock'] },
);
console.log('returned:', rows.map((row) => row.toJSON()));
console.log('stored:', await Product.findAll({ raw: true, order: [['id', 'ASC']] }));
// #endregion

await sequelize.close();
