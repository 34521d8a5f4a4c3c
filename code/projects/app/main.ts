// A small application built from the modules next to this file.
// Run it with `npx tsx code/projects/app/main.ts`.
import '../../support/fixed-clock.ts';
// #region main
import { Post, User, sequelize } from './db.ts';

await sequelize.sync();

const ada = await User.create({ name: 'Ada' });
await ada.createPost({ title: 'Notes on the Analytical Engine' });

const posts = await Post.findAll({ include: 'author' });
console.log(posts.map((post) => `${post.title}, by ${post.author?.name}`));
console.log('models:', Object.keys(sequelize.models));

await sequelize.close();
// #endregion
