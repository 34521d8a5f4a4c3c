// The User model: its class, and a function that attaches it to a Sequelize instance.
// #region user
import {
  DataTypes,
  Model,
  type CreationOptional,
  type HasManyCreateAssociationMixin,
  type HasManyGetAssociationsMixin,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { Post } from './post.ts';

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare name: string;

  declare posts?: NonAttribute<Post[]>;
  declare getPosts: HasManyGetAssociationsMixin<Post>;
  declare createPost: HasManyCreateAssociationMixin<Post, 'authorId'>;
}

export function initUser(sequelize: Sequelize): typeof User {
  return User.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      name: { type: DataTypes.STRING, allowNull: false },
    },
    { sequelize, modelName: 'user' },
  );
}
// #endregion
