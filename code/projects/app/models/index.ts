// Every model of the application, initialised on one instance, then associated.
// #region init-models
import type { Sequelize } from 'sequelize';
import { Post, initPost } from './post.ts';
import { User, initUser } from './user.ts';

export { Post, User };

/** Attaches every model to `sequelize`, then defines the associations between them. */
export function initModels(sequelize: Sequelize): { User: typeof User; Post: typeof Post } {
  initUser(sequelize);
  initPost(sequelize);

  // Only now do both classes exist as models, so the associations can be defined.
  User.hasMany(Post, { foreignKey: 'authorId' });
  Post.belongsTo(User, { as: 'author', foreignKey: 'authorId' });

  return { User, Post };
}
// #endregion
