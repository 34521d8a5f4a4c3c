// What deleting or re-keying a parent does to its children: onDelete and onUpdate with
// CASCADE and RESTRICT, and the error a restricted delete raises on SQLite.
// Run it with `npx tsx code/associations/referential-actions.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  ForeignKeyConstraintError,
  Model,
  QueryTypes,
  Sequelize,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
} from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region models
class Team extends Model<InferAttributes<Team>, InferCreationAttributes<Team>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
}

class Player extends Model<InferAttributes<Player>, InferCreationAttributes<Player>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare teamCode: ForeignKey<Team['code']>;
}

class Fixture extends Model<InferAttributes<Fixture>, InferCreationAttributes<Fixture>> {
  declare id: CreationOptional<number>;
  declare opponent: string;
  declare teamId: ForeignKey<Team['id']>;
}

Team.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    code: { type: DataTypes.STRING(3), allowNull: false, unique: true },
    name: { type: DataTypes.STRING, allowNull: false },
  },
  { sequelize, modelName: 'team', timestamps: false },
);
Player.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    name: { type: DataTypes.STRING, allowNull: false },
  },
  {
    sequelize,
    modelName: 'player',
    timestamps: false,
    hooks: {
      afterDestroy: (player) => console.log(`afterDestroy hook: ${player.name}`),
    },
  },
);
Fixture.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    opponent: { type: DataTypes.STRING, allowNull: false },
  },
  { sequelize, modelName: 'fixture', timestamps: false },
);
// #endregion

// #region associations
const playerKey = { name: 'teamCode', allowNull: false };
Team.hasMany(Player, { sourceKey: 'code', foreignKey: playerKey, onDelete: 'CASCADE', onUpdate: 'CASCADE' });
Player.belongsTo(Team, { targetKey: 'code', foreignKey: playerKey, onDelete: 'CASCADE', onUpdate: 'CASCADE' });

const fixtureKey = { name: 'teamId', allowNull: false };
Team.hasMany(Fixture, { foreignKey: fixtureKey, onDelete: 'RESTRICT' });
Fixture.belongsTo(Team, { foreignKey: fixtureKey, onDelete: 'RESTRICT' });
// #endregion

// #region sync
await sequelize.sync();
// #endregion

// #region data
const rovers = await Team.create({ code: 'LDN', name: 'London Rovers' });
const united = await Team.create({ code: 'MAN', name: 'Manchester United' });
await Player.bulkCreate([
  { name: 'Ada', teamCode: 'LDN' },
  { name: 'Grace', teamCode: 'LDN' },
  { name: 'Alan', teamCode: 'MAN' },
]);
await Fixture.create({ opponent: 'Leeds', teamId: rovers.id });

const players = async (): Promise<void> => {
  const rows = await Player.findAll({ order: [['id', 'ASC']], raw: true });
  console.log('players:', rows.map((row) => `${row.name} (${row.teamCode})`).join(', ') || 'none');
};
// #endregion

// #region on-update
await rovers.update({ code: 'LON' });
await players();
// #endregion

// #region cascade
const linus = await Player.create({ name: 'Linus', teamCode: 'MAN' });
await linus.destroy();
await united.destroy();
await players();
// #endregion

// #region restrict
try {
  await rovers.destroy();
} catch (error) {
  if (!(error instanceof ForeignKeyConstraintError)) throw error;
  console.log(`${error.name}: ${error.message}`);
  console.log('table:', error.table, '| fields:', error.fields, '| index:', error.index);
}
console.log(await Team.count(), 'teams,', await Fixture.count(), 'fixture');
// #endregion

// #region restrict-resolved
await Fixture.destroy({ where: { teamId: rovers.id } });
await rovers.destroy();
await players();
// #endregion

// PRAGMA is SQLite's own statement: the other databases reject it, so it comes last.
// #region pragma throws:postgres,mariadb
console.log(await sequelize.query('PRAGMA foreign_keys', { type: QueryTypes.SELECT }));
// #endregion

await sequelize.close();
