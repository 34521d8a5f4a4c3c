// Managed transactions: pass a callback to sequelize.transaction(), and Sequelize commits
// when it returns or rolls back when it throws.
// Run it with `npx tsx code/advanced/managed-transactions.ts`.
import '../support/fixed-clock.ts';
import { Sequelize } from 'sequelize';
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

// #region commit
const recorded = await sequelize.transaction(async (t) => {
  const row = await Transfer.create(
    { fromId: ada.id, toId: grace.id, amount: 30 },
    { transaction: t },
  );
  await ada.decrement('balance', { by: 30, transaction: t });
  await grace.increment('balance', { by: 30, transaction: t });
  return row;
});
console.log('Committed transfer:', recorded.toJSON());
// #endregion

// #region rollback
try {
  await sequelize.transaction(async (t) => {
    await Transfer.create(
      { fromId: grace.id, toId: ada.id, amount: 500 },
      { transaction: t },
    );
    await grace.decrement('balance', { by: 500, transaction: t });
    await ada.increment('balance', { by: 500, transaction: t });
    throw new Error('Grace cannot pay 500');
  });
} catch (error) {
  console.log('Caught:', error instanceof Error ? error.message : error);
}
console.log('Transfers:', await Transfer.findAll({ raw: true }));
console.log('Accounts:', await Account.findAll({ raw: true }));
// #endregion

// #region forgotten
try {
  await sequelize.transaction(async (t) => {
    await Transfer.create({ fromId: ada.id, toId: grace.id, amount: 1 }, { transaction: t });
    await Transfer.create({ fromId: ada.id, toId: grace.id, amount: 2 }); // no transaction
    console.log('Count without the transaction:', await Transfer.count());
    console.log('Count with the transaction:', await Transfer.count({ transaction: t }));
    throw new Error('Changed my mind');
  });
} catch (error) {
  console.log('Caught:', error instanceof Error ? error.message : error);
}
console.log('Transfers after the rollback:', await Transfer.findAll({ raw: true }));
// #endregion

await sequelize.close();
