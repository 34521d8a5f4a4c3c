// The Post model: its class, and a function that attaches it to a Sequelize instance.
// #region post
import {
  DataTypes,
  Model,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { User } from './user.ts';

export class Post extends Model<InferAttributes<Post>, InferCreationAttributes<Post>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare authorId: ForeignKey<User['id']>;

  declare author?: NonAttribute<User>;
}

export function initPost(sequelize: Sequelize): typeof Post {
  return Post.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      title: { type: DataTypes.STRING, allowNull: false },
    },
    { sequelize, modelName: 'post' },
  );
}
// #endregion
