// Association scopes and a polymorphic association: comments on posts and on images in one
// table, told apart by commentableType, without foreign key constraints.
// Run it with `npx tsx code/associations/polymorphic.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  Sequelize,
  type BelongsToGetAssociationMixin,
  type CreationOptional,
  type HasManyCreateAssociationMixin,
  type HasManyGetAssociationsMixin,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
} from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

class Post extends Model<InferAttributes<Post>, InferCreationAttributes<Post>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare comments?: NonAttribute<Comment[]>;
  declare getComments: HasManyGetAssociationsMixin<Comment>;
  declare createComment: HasManyCreateAssociationMixin<Comment, 'commentableId' | 'commentableType'>;
  declare getApprovedComments: HasManyGetAssociationsMixin<Comment>;
}

class Image extends Model<InferAttributes<Image>, InferCreationAttributes<Image>> {
  declare id: CreationOptional<number>;
  declare url: string;
  declare createComment: HasManyCreateAssociationMixin<Comment, 'commentableId' | 'commentableType'>;
}

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
const options = { sequelize, timestamps: false };
Post.init({ id, title: { type: DataTypes.STRING, allowNull: false } }, { ...options, modelName: 'post' });
Image.init({ id, url: { type: DataTypes.STRING, allowNull: false } }, { ...options, modelName: 'image' });

// #region models
class Comment extends Model<InferAttributes<Comment>, InferCreationAttributes<Comment>> {
  declare id: CreationOptional<number>;
  declare body: string;
  declare approved: CreationOptional<boolean>;
  declare commentableType: 'post' | 'image';
  declare commentableId: number;
  declare post?: NonAttribute<Post | null>;
  declare image?: NonAttribute<Image | null>;
  declare getPost: BelongsToGetAssociationMixin<Post>;
  declare getImage: BelongsToGetAssociationMixin<Image>;

  /** The post or image this comment is about, read with the association its type names. */
  getCommentable(): Promise<Post | Image | null> {
    return this.commentableType === 'post' ? this.getPost() : this.getImage();
  }
}

Comment.init(
  {
    id,
    body: { type: DataTypes.STRING, allowNull: false },
    approved: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    commentableType: { type: DataTypes.STRING, allowNull: false },
    commentableId: { type: DataTypes.INTEGER, allowNull: false },
  },
  { ...options, modelName: 'comment' },
);
// #endregion

// #region associations
const onPosts = { foreignKey: 'commentableId', constraints: false, scope: { commentableType: 'post' } };
Post.hasMany(Comment, onPosts);
Post.hasMany(Comment, { ...onPosts, as: 'approvedComments', scope: { commentableType: 'post', approved: true } });
Image.hasMany(Comment, { foreignKey: 'commentableId', constraints: false, scope: { commentableType: 'image' } });

Comment.belongsTo(Post, { foreignKey: 'commentableId', constraints: false });
Comment.belongsTo(Image, { foreignKey: 'commentableId', constraints: false });
// #endregion

// #region sync
await sequelize.sync();
// #endregion

// #region create
const post = await Post.create({ title: 'Hello, world' });
const image = await Image.create({ url: 'https://example.com/cat.png' });
await post.createComment({ body: 'Nice post', approved: true });
await post.createComment({ body: 'Buy cheap watches' });
await image.createComment({ body: 'Cute cat', approved: true });
// #endregion

// #region get
console.log('comments:', (await post.getComments()).map((comment) => comment.body));
console.log('approved:', (await post.getApprovedComments()).map((comment) => comment.body));
// #endregion

// #region commentable
for (const comment of await Comment.findAll({ order: [['id', 'ASC']] })) {
  const target = await comment.getCommentable();
  console.log(`${comment.body} -> ${target instanceof Post ? `post "${target.title}"` : `image ${target?.url}`}`);
}
// #endregion

// #region wrong-join
const cute = await Comment.findOne({ where: { body: 'Cute cat' }, include: [Post, Image] });
console.log('post:', cute?.post?.title ?? null, '| image:', cute?.image?.url ?? null);
// #endregion

// #region typed-join
const ofType = (type: Comment['commentableType']) => sequelize.where(sequelize.col('comment.commentableType'), type);
const fixed = await Comment.findOne({
  where: { body: 'Cute cat' },
  include: [
    { model: Post, where: ofType('post'), required: false },
    { model: Image, where: ofType('image'), required: false },
  ],
});
console.log('post:', fixed?.post?.title ?? null, '| image:', fixed?.image?.url ?? null);
// #endregion

// #region orphans
await post.destroy();
console.log(await Comment.findAll({ attributes: ['body', 'commentableType', 'commentableId'], raw: true }));
// #endregion

await sequelize.close();
