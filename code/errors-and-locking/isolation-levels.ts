// Isolation levels: what Sequelize sends for each level, what a reading transaction sees
// of a write made meanwhile on each database, and afterCommit callbacks.
// Run it with `npx tsx code/errors-and-locking/isolation-levels.ts`.
import '../support/fixed-clock.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequelize, Transaction } from 'sequelize';
import { Account, Transfer, defineBank } from '../advanced/bank.ts';

// #region connect
// On SQLite, a database file: there each transaction gets a connection of its own.
const directory = mkdtempSync(join(tmpdir(), 'sequelize-tutorial-'));
const sequelize = new Sequelize(process.env.DATABASE_URL ?? `sqlite://${join(directory, 'bank.sqlite')}`, {
  retry: { max: 1 },
});
defineBank(sequelize);
await sequelize.sync();
const ada = await Account.create({ owner: 'Ada', balance: 100 });
// #endregion

// #region levels
for (const isolationLevel of Object.values(Transaction.ISOLATION_LEVELS)) {
  await sequelize.transaction({ isolationLevel }, (t) => Account.count({ transaction: t }));
}
// #endregion

// #region serializable
const reader = await sequelize.transaction();
const before = await Account.findByPk(ada.id, { transaction: reader, rejectOnEmpty: true });
console.log('reader sees', before.balance);
try {
  await Account.update({ balance: 0 }, { where: { id: ada.id } });
} catch (error) {
  console.log(error instanceof Error ? `writer: ${error.name}: ${error.message}` : error);
}
const again = await Account.findByPk(ada.id, { transaction: reader, rejectOnEmpty: true });
console.log('reader still sees', again.balance);
await reader.commit();
// #endregion

// #region after-commit
await sequelize.transaction(async (t) => {
  t.afterCommit(async () => {
    console.log('afterCommit: transfers visible outside:', await Transfer.count());
  });
  await Transfer.create({ fromId: ada.id, toId: ada.id, amount: 1 }, { transaction: t });
  console.log('callback done: transfers visible outside:', await Transfer.count());
});
console.log('transaction() returned');
// #endregion

// #region after-rollback
try {
  await sequelize.transaction(async (t) => {
    t.afterCommit(() => console.log('afterCommit: never printed'));
    await Transfer.create({ fromId: ada.id, toId: ada.id, amount: 2 }, { transaction: t });
    throw new Error('changed my mind');
  });
} catch (error) {
  console.log('rolled back:', error instanceof Error ? error.message : error);
}
// #endregion

await sequelize.close();
rmSync(directory, { recursive: true, force: true });
