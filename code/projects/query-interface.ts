// The query interface outside migrations: list tables, describe their columns and indexes,
// and change a table, with the SQL each method sends to SQLite.
// Run it with `npx tsx code/projects/query-interface.ts`.
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

// #region setup
class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare email: string;
}
User.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    email: { type: DataTypes.STRING, allowNull: false, unique: true },
  },
  { sequelize, modelName: 'user', timestamps: false },
);
await sequelize.sync({ logging: false });
await User.create({ email: 'ada@example.com' }, { logging: false });

const queryInterface = sequelize.getQueryInterface();
// #endregion

// #region show-all-tables
console.log(await queryInterface.showAllTables());
// #endregion

// #region describe-table
console.log(await queryInterface.describeTable('users'));
// #endregion

// #region add-column
await queryInterface.addColumn('users', 'nickname', { type: DataTypes.STRING(40), allowNull: true });
await queryInterface.addIndex('users', ['nickname'], { name: 'users_nickname' });
const columns = await queryInterface.describeTable('users');
console.log(Object.keys(columns), columns.nickname);
// #endregion

// #region show-index
const indexes = await queryInterface.showIndex('users');
console.dir(indexes, { depth: 3 });
// #endregion

// #region model-unaware
await sequelize.query("UPDATE users SET nickname = 'Countess' WHERE id = 1");
console.log(await User.findByPk(1, { raw: true }));
// #endregion

await sequelize.close();
