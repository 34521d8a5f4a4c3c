// What a query without `{ transaction: t }` does when the database is a file, where
// Sequelize gives every transaction a connection of its own.
// Run it with `npx tsx code/advanced/forgotten-transaction.ts`.
// dialects: sqlite (it is about SQLite's database files)
import '../support/fixed-clock.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DataTypes,
  Model,
  Sequelize,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
} from 'sequelize';

// #region connect
const directory = mkdtempSync(join(tmpdir(), 'sequelize-tutorial-'));
const sequelize = new Sequelize({
  dialect: 'sqlite',
  storage: join(directory, 'bank.sqlite'),
  retry: { max: 1 },
});
// #endregion

// #region define
class Transfer extends Model<InferAttributes<Transfer>, InferCreationAttributes<Transfer>> {
  declare id: CreationOptional<number>;
  declare amount: number;
}

Transfer.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    amount: { type: DataTypes.INTEGER, allowNull: false },
  },
  { sequelize, modelName: 'transfer', timestamps: false },
);

await sequelize.sync();
// #endregion

// #region read
await sequelize.transaction(async (t) => {
  await Transfer.create({ amount: 1 }, { transaction: t });
  console.log('Count without the transaction:', await Transfer.count());
  console.log('Count with the transaction:', await Transfer.count({ transaction: t }));
});
// #endregion

// #region write-after
try {
  await sequelize.transaction(async (t) => {
    await Transfer.create({ amount: 2 }, { transaction: t });
    await Transfer.create({ amount: 3 }); // no transaction
  });
} catch (error) {
  if (!(error instanceof Error)) throw error;
  console.log(`Caught: ${error.name}: ${error.message}`);
}
console.log('Amounts:', (await Transfer.findAll()).map((row) => row.amount));
// #endregion

// #region write-before
try {
  await sequelize.transaction(async (t) => {
    await Transfer.create({ amount: 4 }); // no transaction
    await Transfer.create({ amount: 5 }, { transaction: t });
    throw new Error('Changed my mind');
  });
} catch (error) {
  console.log('Caught:', error instanceof Error ? error.message : error);
}
console.log('Amounts:', (await Transfer.findAll()).map((row) => row.amount));
// #endregion

await sequelize.close();
rmSync(directory, { recursive: true });
