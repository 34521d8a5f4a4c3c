// One to Many: a Poll has many Choices, and each Choice belongs to one Poll.
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

// In-memory SQLite, or the database DATABASE_URL names (postgres://… or mariadb://…).
// Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region define
class Poll extends Model<InferAttributes<Poll>, InferCreationAttributes<Poll>> {
  declare id: CreationOptional<number>;
  declare question: string;

  declare choices?: NonAttribute<Choice[]>;
  declare getChoices: HasManyGetAssociationsMixin<Choice>;
  declare setChoices: HasManySetAssociationsMixin<Choice, number>;
  declare addChoice: HasManyAddAssociationMixin<Choice, number>;
  declare addChoices: HasManyAddAssociationsMixin<Choice, number>;
  declare createChoice: HasManyCreateAssociationMixin<Choice, 'pollId'>;
  declare countChoices: HasManyCountAssociationsMixin;
  declare hasChoice: HasManyHasAssociationMixin<Choice, number>;
  declare removeChoice: HasManyRemoveAssociationMixin<Choice, number>;
}

class Choice extends Model<InferAttributes<Choice>, InferCreationAttributes<Choice>> {
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

Choice.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    text: { type: DataTypes.STRING, allowNull: false },
  },
  { sequelize, modelName: 'choice', timestamps: false },
);

Poll.hasMany(Choice);
Choice.belongsTo(Poll);
// #endregion

// #region sync
await sequelize.sync();
// #endregion

// #region create
const poll = await Poll.create({ question: 'Tabs or spaces?' });
const tabs = await poll.createChoice({ text: 'Tabs' });
console.log(JSON.stringify(tabs));
// #endregion

// #region add
const spaces = await Choice.create({ text: 'Spaces' });
await poll.addChoice(spaces);

const both = await Choice.create({ text: 'Both' });
const neither = await Choice.create({ text: 'Neither' });
await poll.addChoices([both, neither]);
// #endregion

// #region lazy-parent
const choices = await poll.getChoices();
console.log(choices.map((choice) => `${choice.id} ${choice.text}`));
// #endregion

// #region remove
await poll.removeChoice(neither);
// #endregion

// #region count-has
console.log('countChoices():', await poll.countChoices());
console.log('hasChoice(spaces):', await poll.hasChoice(spaces));
console.log('hasChoice(neither):', await poll.hasChoice(neither));
console.log('hasChoice(1):', await poll.hasChoice(1));
// #endregion

// #region set
const maybe = await Choice.create({ text: 'Whatever the linter says' });
await poll.setChoices([tabs, spaces, maybe]);
// #endregion

// #region rows
const rows = await Choice.findAll({ order: ['id'], raw: true });
console.table(rows);
// #endregion

// #region lazy-child
const first = await Choice.findByPk(1);
if (!first) throw new Error('choice 1 was just created');
const parent = await first.getPoll();
console.log(`"${first.text}" belongs to "${parent?.question}"`);
// #endregion

// #region eager-parent
const withChoices = await Poll.findByPk(1, { include: Choice, order: [[Choice, 'id', 'ASC']] });
console.log(JSON.stringify(withChoices, null, 2));
// #endregion

// #region eager-child
const withPoll = await Choice.findAll({ include: Poll, order: ['id'] });
for (const choice of withPoll) {
  console.log(`${choice.text} -> ${choice.poll?.question ?? '(no poll)'}`);
}
// #endregion

await sequelize.close();
