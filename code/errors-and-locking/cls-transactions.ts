// Transactions without passing them: Sequelize.useCLS() with an AsyncLocalStorage namespace,
// the `transaction: null` escape, and what hooks receive in options.transaction.
// Run it with `npx tsx code/errors-and-locking/cls-transactions.ts`.
import '../support/fixed-clock.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequelize } from 'sequelize';
import { Account, Transfer, defineBank } from '../advanced/bank.ts';
import { namespace } from './async-local-namespace.ts';

// #region use-cls
Sequelize.useCLS(namespace);
// #endregion

// #region connect
// On SQLite, a database file: there a query outside the transaction has a connection of its own.
const directory = mkdtempSync(join(tmpdir(), 'sequelize-tutorial-'));
const sequelize = new Sequelize(process.env.DATABASE_URL ?? `sqlite://${join(directory, 'bank.sqlite')}`);
defineBank(sequelize);
await sequelize.sync();
const ada = await Account.create({ owner: 'Ada', balance: 100 });
const grace = await Account.create({ owner: 'Grace', balance: 50 });
// #endregion

// #region implicit
await sequelize.transaction(async () => {
  await Transfer.create({ fromId: ada.id, toId: grace.id, amount: 10 });
  console.log('inside, through CLS:', await Transfer.count());
  console.log('inside, transaction: null:', await Transfer.count({ transaction: null }));
});
console.log('after the commit:', await Transfer.count());
// #endregion

// #region rollback
try {
  await sequelize.transaction(async () => {
    await Transfer.create({ fromId: ada.id, toId: grace.id, amount: 20 });
    throw new Error('changed my mind');
  });
} catch (error) {
  console.log('rolled back:', error instanceof Error ? error.message : error);
}
console.log('transfers:', await Transfer.count());
// #endregion

// #region hooks
Transfer.afterCreate(async (transfer, options) => {
  console.log('afterCreate: options.transaction is', options.transaction ? 'set' : 'not set');
  await Account.decrement('balance', { by: transfer.amount, where: { id: transfer.fromId }, transaction: options.transaction });
  await Account.increment('balance', { by: transfer.amount, where: { id: transfer.toId }, transaction: options.transaction });
});

await sequelize.transaction(async () => {
  await Transfer.create({ fromId: ada.id, toId: grace.id, amount: 30 });
});
console.log(await Account.findAll({ attributes: ['owner', 'balance'], order: [['id', 'ASC']], raw: true }));
// #endregion

// #region unmanaged
const t = await sequelize.transaction();
console.log('unmanaged, CLS holds it?', namespace.get('transaction') === t);
await t.rollback();
// #endregion

await sequelize.close();
rmSync(directory, { recursive: true, force: true });
