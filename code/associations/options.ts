// Association options: `as` aliases and the methods they name, foreignKey, two associations
// between the same models, sourceKey and targetKey, and `declare static associations`.
// Run it with `npx tsx code/associations/options.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  Sequelize,
  type Association,
  type BelongsToGetAssociationMixin,
  type CreationOptional,
  type ForeignKey,
  type HasManyCountAssociationsMixin,
  type HasManyGetAssociationsMixin,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
} from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region models
class Country extends Model<InferAttributes<Country>, InferCreationAttributes<Country>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
}

class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare countryCode: ForeignKey<Country['code']>;

  declare writtenPosts?: NonAttribute<Post[]>;
  declare getWrittenPosts: HasManyGetAssociationsMixin<Post>;
  declare countWrittenPosts: HasManyCountAssociationsMixin;
}

class Post extends Model<InferAttributes<Post>, InferCreationAttributes<Post>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare authorId: ForeignKey<User['id']>;
  declare editorId: ForeignKey<User['id']> | null;

  declare author?: NonAttribute<User>;
  declare editor?: NonAttribute<User | null>;
  declare getAuthor: BelongsToGetAssociationMixin<User>;
  declare getEditor: BelongsToGetAssociationMixin<User>;

  declare static associations: {
    author: Association<Post, User>;
    editor: Association<Post, User>;
  };
}

Country.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    code: { type: DataTypes.STRING(2), allowNull: false, unique: true },
    name: { type: DataTypes.STRING, allowNull: false },
  },
  { sequelize, modelName: 'country', timestamps: false },
);
User.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    name: { type: DataTypes.STRING, allowNull: false },
  },
  { sequelize, modelName: 'user', timestamps: false },
);
Post.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    title: { type: DataTypes.STRING, allowNull: false },
  },
  { sequelize, modelName: 'post', timestamps: false },
);
// #endregion

// #region aliases
const authorKey = { name: 'authorId', allowNull: false };
User.hasMany(Post, { as: 'writtenPosts', foreignKey: authorKey });
Post.belongsTo(User, { as: 'author', foreignKey: authorKey });
Post.belongsTo(User, { as: 'editor', foreignKey: 'editorId' });
// #endregion

// #region keys
Country.hasMany(User, { sourceKey: 'code', foreignKey: 'countryCode' });
User.belongsTo(Country, { targetKey: 'code', foreignKey: 'countryCode' });
// #endregion

// #region sync
await sequelize.sync();
// #endregion

// #region mixins
const accessors = (model: typeof User | typeof Post): string[] =>
  Object.getOwnPropertyNames(model.prototype).filter((name) => /^(get|set|add|remove|has|count|create)[A-Z]/.test(name));
console.log('User:', accessors(User).join(', '));
console.log('Post:', accessors(Post).join(', '));
console.log('Post.associations:', Object.keys(Post.associations));
// #endregion

// #region data
await Country.create({ code: 'GB', name: 'United Kingdom' });
const ada = await User.create({ name: 'Ada', countryCode: 'GB' });
const grace = await User.create({ name: 'Grace', countryCode: 'GB' });
await Post.create({ title: 'Notes on the Engine', authorId: ada.id, editorId: grace.id });
await Post.create({ title: 'Bernoulli numbers', authorId: ada.id });
// #endregion

// #region lazy
console.log('Ada wrote', await ada.countWrittenPosts(), 'posts');
const notes = await Post.findByPk(1);
console.log('editor:', (await notes?.getEditor())?.name);
// #endregion

// #region include
const posts = await Post.findAll({
  include: [Post.associations.author, { association: 'editor', attributes: ['name'] }],
  order: [['id', 'ASC']],
});
for (const post of posts) {
  console.log(`${post.title}: by ${post.author?.name}, edited by ${post.editor?.name ?? 'nobody'}`);
}
// #endregion

// #region target-key
const britons = await Country.findOne({ where: { code: 'GB' }, include: User });
console.log(JSON.stringify(britons));
// #endregion

// #region not-null
try {
  await Post.create({ title: 'Anonymous' });
} catch (error) {
  console.log(error instanceof Error ? `${error.name}: ${error.message}` : error);
}
// #endregion

// #region missing-alias throws
await Post.findAll({ include: User });
// #endregion
