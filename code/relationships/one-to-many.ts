// One to Many: a Poll has many Options, and each Option belongs to one Poll.
// Run it with `npx tsx code/relationships/one-to-many.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  Sequelize,
  type BelongsToGetAssociationMixin,
  type CreationOptional,
  type ForeignKey,
  type HasManyAddAssociationMixin,
  type HasManyAddAssociationsMixin,
  type HasManyCountAssociationsMixin,
  type HasManyCreateAssociationMixin,
  type HasManyGetAssociationsMixin,
  type HasManyHasAssociationMixin,
  type HasManyRemoveAssociationMixin,
  type HasManySetAssociationsMixin,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
} from 'sequelize';

// An in-memory SQLite database; Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:' });

// #region define
class Poll extends Model<InferAttributes<Poll>, InferCreationAttributes<Poll>> {
  declare id: CreationOptional<number>;
  declare question: string;

  declare options?: NonAttribute<Option[]>;
  declare getOptions: HasManyGetAssociationsMixin<Option>;
  declare setOptions: HasManySetAssociationsMixin<Option, number>;
  declare addOption: HasManyAddAssociationMixin<Option, number>;
  declare addOptions: HasManyAddAssociationsMixin<Option, number>;
  declare createOption: HasManyCreateAssociationMixin<Option, 'pollId'>;
  declare countOptions: HasManyCountAssociationsMixin;
  declare hasOption: HasManyHasAssociationMixin<Option, number>;
  declare removeOption: HasManyRemoveAssociationMixin<Option, number>;
}

class Option extends Model<InferAttributes<Option>, InferCreationAttributes<Option>> {
  declare id: CreationOptional<number>;
  declare text: string;
  declare pollId: ForeignKey<Poll['id']>;

  declare poll?: NonAttribute<Poll>;
  declare getPoll: BelongsToGetAssociationMixin<Poll>;
}

Poll.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    question: { type: DataTypes.STRING, allowNull: false },
  },
  { sequelize, modelName: 'poll', timestamps: false },
);

Option.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    text: { type: DataTypes.STRING, allowNull: false },
  },
  { sequelize, modelName: 'option', timestamps: false },
);

Poll.hasMany(Option);
Option.belongsTo(Poll);
// #endregion

// #region sync
await sequelize.sync();
// #endregion

// #region create
const poll = await Poll.create({ question: 'Tabs or spaces?' });
const tabs = await poll.createOption({ text: 'Tabs' });
console.log(JSON.stringify(tabs));
// #endregion

// #region add
const spaces = await Option.create({ text: 'Spaces' });
await poll.addOption(spaces);

const both = await Option.create({ text: 'Both' });
const neither = await Option.create({ text: 'Neither' });
await poll.addOptions([both, neither]);
// #endregion

// #region lazy-parent
const options = await poll.getOptions();
console.log(options.map((option) => `${option.id} ${option.text}`));
// #endregion

// #region remove
await poll.removeOption(neither);
// #endregion

// #region count-has
console.log('countOptions():', await poll.countOptions());
console.log('hasOption(spaces):', await poll.hasOption(spaces));
console.log('hasOption(neither):', await poll.hasOption(neither));
console.log('hasOption(1):', await poll.hasOption(1));
// #endregion

// #region set
const maybe = await Option.create({ text: 'Whatever the linter says' });
await poll.setOptions([tabs, spaces, maybe]);
// #endregion

// #region rows
const rows = await Option.findAll({ order: ['id'], raw: true });
console.table(rows);
// #endregion

// #region lazy-child
const first = await Option.findByPk(1);
if (!first) throw new Error('option 1 was just created');
const parent = await first.getPoll();
console.log(`"${first.text}" belongs to "${parent?.question}"`);
// #endregion

// #region eager-parent
const withOptions = await Poll.findByPk(1, { include: Option, order: [[Option, 'id', 'ASC']] });
console.log(JSON.stringify(withOptions, null, 2));
// #endregion

// #region eager-child
const withPoll = await Option.findAll({ include: Poll, order: ['id'] });
for (const option of withPoll) {
  console.log(`${option.text} -> ${option.poll?.question ?? '(no poll)'}`);
}
// #endregion

await sequelize.close();
