// sync(), sync({ alter: true }) and sync({ force: true }): what each one does to an existing table.
// Run it with `npx tsx code/getting-started/sync-options.ts`.
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

// #region first-version
class Tag extends Model<InferAttributes<Tag>, InferCreationAttributes<Tag>> {
  declare id: CreationOptional<number>;
  declare label: string;
}

Tag.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    label: { type: DataTypes.STRING, allowNull: false },
  },
  { sequelize, modelName: 'tag', timestamps: false },
);

await Tag.sync();
await Tag.create({ label: 'sqlite' });
// #endregion

// #region second-version
// Later, the model gains a column. It keeps the model name, so it maps to the same table.
class ColoredTag extends Model<InferAttributes<ColoredTag>, InferCreationAttributes<ColoredTag>> {
  declare id: CreationOptional<number>;
  declare label: string;
  declare color: string | null;
}

ColoredTag.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    label: { type: DataTypes.STRING, allowNull: false },
    color: DataTypes.STRING(7),
  },
  { sequelize, modelName: 'tag', timestamps: false },
);

await ColoredTag.sync();
// #endregion

// #region alter
await ColoredTag.sync({ alter: true });
console.log(JSON.stringify(await ColoredTag.findAll()));
// #endregion

// #region force
await ColoredTag.sync({ force: true });
console.log('rows left:', await ColoredTag.count());
// #endregion

await sequelize.close();
