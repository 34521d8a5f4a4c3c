// Naming strategies and legacy tables: underscored, field, tableName, custom primary keys,
// timestamps renamed or off, and defaults for every model with the constructor's `define`.
// Run it with `npx tsx code/model-features/naming.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  QueryTypes,
  Sequelize,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
} from 'sequelize';

// #region instance
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:', {
  define: { underscored: true },
});
// #endregion

// #region underscored
class BlogPost extends Model<InferAttributes<BlogPost>, InferCreationAttributes<BlogPost>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare authorName: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

class Comment extends Model<InferAttributes<Comment>, InferCreationAttributes<Comment>> {
  declare id: CreationOptional<number>;
  declare body: string;
  declare blogPostId: ForeignKey<BlogPost['id']>;
}

BlogPost.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    title: { type: DataTypes.STRING, allowNull: false },
    authorName: { type: DataTypes.STRING, allowNull: false },
    createdAt: DataTypes.DATE,
    updatedAt: DataTypes.DATE,
  },
  { sequelize, modelName: 'blogPost' },
);

Comment.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    body: { type: DataTypes.TEXT, allowNull: false },
  },
  { sequelize, modelName: 'comment', timestamps: false },
);

BlogPost.hasMany(Comment);
Comment.belongsTo(BlogPost);
// #endregion

// #region sync
await sequelize.sync();
// #endregion

// #region query-underscored
const post = await BlogPost.create({ title: 'Hello', authorName: 'Ada' });
await Comment.create({ body: 'First!', blogPostId: post.id });
const found = await BlogPost.findOne({ where: { authorName: 'Ada' }, include: Comment });
console.log(JSON.stringify(found, null, 2));
// #endregion

// #region legacy-table
await sequelize.query(
  'CREATE TABLE tbl_customer (cust_no VARCHAR(10) PRIMARY KEY, cust_name VARCHAR(100) NOT NULL, signup_ts TIMESTAMP NOT NULL)',
);
await sequelize.query(
  "INSERT INTO tbl_customer VALUES ('C-001', 'Grace Hopper', '2023-12-24 10:00:00')",
);
// #endregion

// #region legacy-model
class Customer extends Model<InferAttributes<Customer>, InferCreationAttributes<Customer>> {
  declare number: string;
  declare name: string;
  declare signedUpAt: CreationOptional<Date>;
}

Customer.init(
  {
    number: { type: DataTypes.STRING, primaryKey: true, field: 'cust_no' },
    name: { type: DataTypes.STRING, allowNull: false, field: 'cust_name' },
    signedUpAt: { type: DataTypes.DATE, field: 'signup_ts' },
  },
  {
    sequelize,
    modelName: 'customer',
    tableName: 'tbl_customer',
    createdAt: 'signedUpAt',
    updatedAt: false,
  },
);
// #endregion

// #region legacy-query
const grace = await Customer.findByPk('C-001');
console.log(JSON.stringify(grace));
const linus = await Customer.create({ number: 'C-002', name: 'Linus Torvalds' });
console.log(JSON.stringify(linus));
console.log(await sequelize.query('SELECT * FROM tbl_customer', { type: QueryTypes.SELECT }));
// #endregion

await sequelize.close();
