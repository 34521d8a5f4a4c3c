// Circular references: a document has many versions and points to its current version, so
// each table has a foreign key to the other. What sync() and truncate() do about the cycle,
// and what constraints: false changes.
// Run it with `npx tsx code/associations/circular-references.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  Sequelize,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
} from 'sequelize';

// #region models
class Document extends Model<InferAttributes<Document>, InferCreationAttributes<Document>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare currentVersionId: ForeignKey<Version['id']> | null;
  declare currentVersion?: NonAttribute<Version | null>;
}

class Version extends Model<InferAttributes<Version>, InferCreationAttributes<Version>> {
  declare id: CreationOptional<number>;
  declare body: string;
  declare documentId: ForeignKey<Document['id']>;
}

/** Defines both models on a database; `constraints` applies to the currentVersion key only. */
function defineModels(sequelize: Sequelize, constraints: boolean): void {
  const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
  const options = { sequelize, timestamps: false };
  Document.init({ id, title: { type: DataTypes.STRING, allowNull: false } }, { ...options, modelName: 'document' });
  Version.init({ id, body: { type: DataTypes.TEXT, allowNull: false } }, { ...options, modelName: 'version' });

  Document.hasMany(Version);
  Version.belongsTo(Document);
  Document.belongsTo(Version, { as: 'currentVersion', constraints });
}
// #endregion

// #region scenario
/** Writes a document and its first version, deletes the version, and shows the document. */
async function publishThenDeleteVersion(): Promise<void> {
  const doc = await Document.create({ title: 'Style guide' });
  const v1 = await Version.create({ body: 'Use sentence case.', documentId: doc.id });
  await doc.update({ currentVersionId: v1.id });
  await v1.destroy();
  const after = await Document.findByPk(doc.id, { include: 'currentVersion' });
  console.log('currentVersionId:', after?.currentVersionId, '| currentVersion:', after?.currentVersion);
}
// #endregion

// #region cycle-sync
const withCycle = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');
defineModels(withCycle, true);
await withCycle.sync();
// #endregion

// #region cycle-truncate
try {
  await withCycle.truncate();
} catch (error) {
  console.log(error instanceof Error ? `${error.name}: ${error.message}` : error);
}
// #endregion

// #region cycle-delete
await publishThenDeleteVersion();
// #endregion

// The second instance starts from no tables: on a database server, they outlive the first.
await withCycle.getQueryInterface().dropAllTables();
await withCycle.close();

// #region no-constraint-sync
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');
defineModels(sequelize, false);
await sequelize.sync();
// #endregion

// #region no-constraint-delete
await publishThenDeleteVersion();
// #endregion

await sequelize.close();
