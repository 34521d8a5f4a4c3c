// Hooks: functions Sequelize calls before and after it validates, creates, updates or
// deletes rows, declared in init options or added later with addHook.
// Run it with `npx tsx code/advanced/hooks.ts`.
import '../support/fixed-clock.ts';
import { createHash } from 'node:crypto';
import {
  DataTypes,
  Model,
  Sequelize,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
} from 'sequelize';

// In-memory SQLite, or the database DATABASE_URL names (postgres://… or mariadb://…).
// Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region define
function avatarHashOf(email: string): string {
  return createHash('sha256').update(email).digest('hex');
}

class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare email: string;
  declare role: CreationOptional<'member' | 'admin'>;
  declare avatarHash: string | null;
}

User.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    email: {
      type: DataTypes.STRING,
      allowNull: false,
      unique: true,
      validate: { isEmail: true },
    },
    role: { type: DataTypes.STRING, allowNull: false, defaultValue: 'member' },
    avatarHash: DataTypes.STRING(64),
  },
  {
    sequelize,
    modelName: 'user',
    timestamps: false,
    hooks: {
      beforeValidate(user) {
        if (user.changed('email')) user.email = user.email.trim().toLowerCase();
      },
      beforeSave(user) {
        if (user.changed('email')) user.avatarHash = avatarHashOf(user.email);
      },
    },
  },
);
// #endregion

// #region add-hook
User.addHook('afterCreate', 'welcome', (user: User) => {
  console.log(`welcome message queued for ${user.email}`);
});

User.addHook('beforeDestroy', 'protectAdmins', (user: User) => {
  if (user.role === 'admin') {
    throw new Error(`${user.email} is an admin and cannot be deleted`);
  }
});
// #endregion

await sequelize.sync();

// #region normalise
const ada = await User.create({ email: '  Ada@Example.COM ', role: 'admin' });
const linus = await User.create({ email: 'Linus@Example.com' });
console.log(ada.toJSON());
// #endregion

// #region trace-on
const traced = [
  'beforeValidate', 'afterValidate',
  'beforeCreate', 'afterCreate',
  'beforeSave', 'afterSave',
  'beforeUpdate', 'afterUpdate',
  'beforeDestroy', 'afterDestroy',
] as const;
for (const event of traced) {
  User.addHook(event, 'trace', () => console.log(`  ${event}`));
}
sequelize.addHook('beforeQuery', 'trace', () => console.log('  (SQL statement sent)'));
// #endregion

// #region trace-create
console.log('create:');
const grace = await User.create({ email: 'grace@example.com' });
// #endregion

// #region trace-update
console.log('save after a change:');
grace.email = 'Grace@Navy.MIL';
await grace.save();
// #endregion

// #region trace-destroy
console.log('destroy:');
await linus.destroy();
// #endregion

// #region trace-off
for (const event of traced) {
  User.removeHook(event, 'trace');
}
sequelize.removeHook('beforeQuery', 'trace');
// #endregion

// #region abort
try {
  await ada.destroy();
} catch (error) {
  console.log('Refused:', error instanceof Error ? error.message : error);
}
console.log('users left:', await User.count());
// #endregion

// #region bulk-update
await User.update({ email: 'Grace.Hopper@Navy.MIL' }, { where: { id: grace.id } });
await grace.reload();
console.log(grace.email, 'hash matches:', grace.avatarHash === avatarHashOf(grace.email));
// #endregion

// #region bulk-update-individual
await User.update(
  { email: 'Amazing.Grace@Navy.MIL' },
  { where: { id: grace.id }, individualHooks: true },
);
await grace.reload();
console.log(grace.email, 'hash matches:', grace.avatarHash === avatarHashOf(grace.email));
// #endregion

// #region bulk-destroy
try {
  await User.destroy({ where: { id: [ada.id, grace.id] }, individualHooks: true });
} catch (error) {
  console.log('Refused:', error instanceof Error ? error.message : error);
}
console.log('users left:', await User.count());

await User.destroy({ where: { id: [ada.id, grace.id] } });
console.log('users left:', await User.count());
// #endregion

await sequelize.close();
