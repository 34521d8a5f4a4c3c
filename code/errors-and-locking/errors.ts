// The errors Sequelize throws that an application should expect: what each one says,
// which fields it carries on SQLite, and how its classes are related.
// Run it with `npx tsx code/errors-and-locking/errors.ts`.
import '../support/fixed-clock.ts';
import {
  BaseError,
  DataTypes,
  DatabaseError,
  EmptyResultError,
  ForeignKeyConstraintError,
  Model,
  OptimisticLockError,
  Sequelize,
  UniqueConstraintError,
  ValidationError,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
} from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region models
class Customer extends Model<InferAttributes<Customer>, InferCreationAttributes<Customer>> {
  declare id: CreationOptional<number>;
  declare email: string;
  declare name: string;
}

class Order extends Model<InferAttributes<Order>, InferCreationAttributes<Order>> {
  declare id: CreationOptional<number>;
  declare total: number;
  declare customerId: ForeignKey<Customer['id']>;
  declare version: CreationOptional<number>;
}

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
Customer.init(
  {
    id,
    email: { type: DataTypes.STRING, allowNull: false, unique: true, validate: { isEmail: true } },
    name: { type: DataTypes.STRING, allowNull: false, validate: { notEmpty: true } },
  },
  { sequelize, modelName: 'customer', timestamps: false },
);
Order.init(
  {
    id,
    total: { type: DataTypes.INTEGER, allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  },
  { sequelize, modelName: 'order', timestamps: false, version: true },
);
Customer.hasMany(Order, { foreignKey: { name: 'customerId', allowNull: false } });
Order.belongsTo(Customer, { foreignKey: { name: 'customerId', allowNull: false } });

await sequelize.sync();
const ada = await Customer.create({ email: 'ada@example.com', name: 'Ada' });
// #endregion

// #region helpers
const caught: unknown[] = [];

/** Prints an error's class chain and message, and keeps it for the handler at the end. */
function show(error: unknown): void {
  caught.push(error);
  const chain: string[] = [];
  for (let proto = Object.getPrototypeOf(error); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    chain.push(proto.constructor.name);
  }
  console.log(chain.join(' > '));
  console.log('  message:', error instanceof Error ? JSON.stringify(error.message) : error);
}
// #endregion

// #region validation
try {
  await Customer.create({ email: 'not an email', name: '' });
} catch (error) {
  show(error);
  if (error instanceof ValidationError) {
    for (const item of error.errors) console.log('  -', item.path, item.validatorKey, JSON.stringify(item.value));
  }
}
// #endregion

// #region unique
try {
  await Customer.create({ email: 'ada@example.com', name: 'Another Ada' });
} catch (error) {
  show(error);
  if (error instanceof UniqueConstraintError) {
    console.log('  fields:', error.fields);
    console.log('  errors[0]:', error.errors[0]?.message, '|', error.errors[0]?.type);
    console.log('  parent:', error.parent.message);
  }
}
// #endregion

// #region foreign-key
try {
  await Order.create({ total: 30, customerId: 99 });
} catch (error) {
  show(error);
  if (error instanceof ForeignKeyConstraintError) {
    console.log('  fields:', error.fields, '| table:', error.table, '| index:', error.index);
    console.log('  sql:', error.sql);
  }
}
// #endregion

// #region empty-result
try {
  await Customer.findOne({ where: { email: 'nobody@example.com' }, rejectOnEmpty: true });
} catch (error) {
  show(error);
}
// #endregion

// #region database
try {
  await sequelize.query('SELECT * FROM invoices');
} catch (error) {
  show(error);
  if (error instanceof DatabaseError) console.log('  sql:', error.sql);
}
// #endregion

// #region optimistic-lock
const order = await Order.create({ total: 30, customerId: ada.id });
const mine = await Order.findByPk(order.id, { rejectOnEmpty: true });
const theirs = await Order.findByPk(order.id, { rejectOnEmpty: true });
await theirs.update({ total: 35 });
try {
  await mine.update({ total: 40 });
} catch (error) {
  show(error);
  if (error instanceof OptimisticLockError) {
    console.log('  modelName:', error.modelName, '| values:', error.values, '| where:', error.where);
  }
}
// #endregion

// #region handler
/** The HTTP status an API would answer with: the most specific class must be tested first. */
function statusFor(error: unknown): number {
  if (error instanceof UniqueConstraintError) return 409;
  if (error instanceof ValidationError) return 422;
  if (error instanceof ForeignKeyConstraintError) return 422;
  if (error instanceof EmptyResultError) return 404;
  if (error instanceof OptimisticLockError) return 409;
  if (error instanceof BaseError) return 500;
  throw error;
}
for (const error of caught) console.log(error instanceof Error ? error.name : error, '->', statusFor(error));
// #endregion

await sequelize.close();
