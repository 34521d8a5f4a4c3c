// Table names: how Sequelize turns a model name into a table name, and how to choose it yourself.
// Run it with `npx tsx code/getting-started/table-names.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  Sequelize,
  type InferAttributes,
  type InferCreationAttributes,
  type ModelAttributes,
  type ModelStatic,
} from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// Every model on this page has the same single attribute; only the names change.
interface Named extends Model<InferAttributes<Named>, InferCreationAttributes<Named>> {
  name: string;
}
const attributes: ModelAttributes<Named> = { name: { type: DataTypes.STRING, allowNull: false } };

function show(models: ModelStatic<Named>[]): void {
  for (const model of models) console.log(`model ${model.name.padEnd(10)} table ${model.tableName}`);
}

// #region plural
const Person = sequelize.define<Named>('person', attributes);
const Category = sequelize.define<Named>('category', attributes);
const BlogPost = sequelize.define<Named>('BlogPost', attributes);
show([Person, Category, BlogPost]);
// #endregion

// #region chosen
const Setting = sequelize.define<Named>('setting', attributes, { freezeTableName: true });
const Member = sequelize.define<Named>('member', attributes, { tableName: 'club_members' });
show([Setting, Member]);
// #endregion

// #region timestamps
const Country = sequelize.define<Named>('country', attributes, { timestamps: false });
const Message = sequelize.define<Named>('message', attributes, { createdAt: 'sentAt', updatedAt: false });
show([Country, Message]);
// #endregion

// #region sync
await sequelize.sync();
// #endregion

await sequelize.close();
