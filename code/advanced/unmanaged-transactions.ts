// Unmanaged transactions: start one with sequelize.transaction(), pass it to every
// query, and end it yourself with commit() or rollback().
// Run it with `npx tsx code/advanced/unmanaged-transactions.ts`.
import '../support/fixed-clock.ts';
import { Sequelize, Transaction } from 'sequelize';
import { Account, Transfer, defineBank } from './bank.ts';

// In-memory SQLite, or the database DATABASE_URL names (postgres://… or mariadb://…).
// Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region setup
defineBank(sequelize);
await sequelize.sync();
const ada = await Account.create({ owner: 'Ada', balance: 100 });
const grace = await Account.create({ owner: 'Grace', balance: 50 });
// #endregion

// #region begin
const first = await sequelize.transaction();
// #endregion

// #region work
await Transfer.create(
  { fromId: ada.id, toId: grace.id, amount: 30 },
  { transaction: first },
);
await ada.decrement('balance', { by: 30, transaction: first });
await grace.increment('balance', { by: 30, transaction: first });
// #endregion

// #region commit
await first.commit();
// #endregion

// #region rollback
const second = await sequelize.transaction();
await Transfer.create(
  { fromId: grace.id, toId: ada.id, amount: 500 },
  { transaction: second },
);
await grace.decrement('balance', { by: 500, transaction: second });
await ada.increment('balance', { by: 500, transaction: second });
await second.rollback();
// #endregion

// #region proof
const transfers = await Transfer.findAll({ raw: true });
const accounts = await Account.findAll({ raw: true });
console.log('Transfers:', transfers);
console.log('Accounts:', accounts);
// #endregion

// #region pattern
async function transfer(from: Account, to: Account, amount: number): Promise<void> {
  const transaction = await sequelize.transaction();
  try {
    await Transfer.create({ fromId: from.id, toId: to.id, amount }, { transaction });
    await from.decrement('balance', { by: amount, transaction });
    await to.increment('balance', { by: amount, transaction });
    await from.reload({ transaction });
    if (from.balance < 0) throw new Error(`${from.owner} cannot pay ${amount}`);
    await transaction.commit();
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}
// #endregion

// #region pattern-run
try {
  await transfer(grace, ada, 500);
} catch (error) {
  console.log('Transfer failed:', error instanceof Error ? error.message : error);
}
console.log('Grace in memory:', grace.balance);
await grace.reload();
console.log('Grace in the database:', grace.balance);
// #endregion

// #region pattern-commit
await transfer(grace, ada, 20);
console.log('Transfers:', await Transfer.count());
const balances = await Account.findAll({ attributes: ['owner', 'balance'], order: [['id', 'ASC']], raw: true });
console.log('Accounts:', balances);
// #endregion

// #region immediate
const third = await sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE });
console.log('Transfers so far:', await Transfer.count({ transaction: third }));
await third.commit();
// #endregion

await sequelize.close();
