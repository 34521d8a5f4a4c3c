// What happens when an association is defined before its target model has been initialised:
// the reason initModels() associates only after every init().
// Run it with `npx tsx code/projects/associate-too-early.ts`.
import '../support/fixed-clock.ts';
import { DataTypes, Model, Sequelize, type InferAttributes, type InferCreationAttributes } from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

class Author extends Model<InferAttributes<Author>, InferCreationAttributes<Author>> {
  declare name: string;
}
class Book extends Model<InferAttributes<Book>, InferCreationAttributes<Book>> {
  declare title: string;
}

// #region too-early
Author.init({ name: DataTypes.STRING }, { sequelize, modelName: 'author' });
try {
  Author.hasMany(Book); // Book.init() has not run yet
} catch (error) {
  console.log(error instanceof Error ? `${error.name}: ${error.message}` : error);
}
// #endregion

// #region in-order
Book.init({ title: DataTypes.STRING }, { sequelize, modelName: 'book' });
Author.hasMany(Book);
console.log(Object.keys(Author.associations));
// #endregion

await sequelize.close();
