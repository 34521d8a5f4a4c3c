// The "super many-to-many": a join model with its own id and its own associations, used
// both through belongsToMany and directly with hasMany/belongsTo; `through` in queries.
// Run it with `npx tsx code/associations/super-many-to-many.ts`.
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

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region models
class Actor extends Model<InferAttributes<Actor>, InferCreationAttributes<Actor>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare movies?: NonAttribute<Movie[]>;
  declare roles?: NonAttribute<Role[]>;
}

class Movie extends Model<InferAttributes<Movie>, InferCreationAttributes<Movie>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare actors?: NonAttribute<Actor[]>;
  declare role?: NonAttribute<Role>;
  declare roles?: NonAttribute<Role[]>;
}

class Role extends Model<InferAttributes<Role>, InferCreationAttributes<Role>> {
  declare id: CreationOptional<number>;
  declare character: string;
  declare actorId: ForeignKey<Actor['id']>;
  declare movieId: ForeignKey<Movie['id']>;
  declare actor?: NonAttribute<Actor>;
  declare movie?: NonAttribute<Movie>;
}

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
Actor.init({ id, name: { type: DataTypes.STRING, allowNull: false } }, { sequelize, modelName: 'actor', timestamps: false });
Movie.init({ id, title: { type: DataTypes.STRING, allowNull: false } }, { sequelize, modelName: 'movie', timestamps: false });
Role.init({ id, character: { type: DataTypes.STRING, allowNull: false } }, { sequelize, modelName: 'role', timestamps: false });
// #endregion

// #region associations
Actor.belongsToMany(Movie, { through: { model: Role, unique: false } });
Movie.belongsToMany(Actor, { through: { model: Role, unique: false } });

Actor.hasMany(Role);
Role.belongsTo(Actor);
Movie.hasMany(Role);
Role.belongsTo(Movie);
// #endregion

// #region sync
await sequelize.sync();
// #endregion

// #region data
await Actor.bulkCreate([{ name: 'Peter Sellers' }, { name: 'Sterling Hayden' }]);
await Movie.bulkCreate([{ title: 'Dr. Strangelove' }, { title: 'The Pink Panther' }]);
await Role.bulkCreate([
  { character: 'Group Captain Mandrake', actorId: 1, movieId: 1 },
  { character: 'President Muffley', actorId: 1, movieId: 1 },
  { character: 'Dr. Strangelove', actorId: 1, movieId: 1 },
  { character: 'General Ripper', actorId: 2, movieId: 1 },
  { character: 'Inspector Clouseau', actorId: 1, movieId: 2 },
]);
// #endregion

// #region through-many
const sellers = await Actor.findOne({ where: { name: 'Peter Sellers' }, include: Movie });
console.log(sellers?.movies?.map((movie) => `${movie.title} as ${movie.role?.character}`));
// #endregion

// #region through-where
const asClouseau = { character: 'Inspector Clouseau' };
const everyMovie = await Movie.findAll({
  include: { model: Actor, through: { attributes: [], where: asClouseau } },
  order: [['id', 'ASC']],
});
console.log(everyMovie.map((movie) => `${movie.title}: ${movie.actors?.map((actor) => actor.name).join(', ') || 'nobody'}`));

const clouseauMovies = await Movie.findAll({
  include: { model: Actor, through: { attributes: [], where: asClouseau }, required: true },
});
console.log(clouseauMovies.map((movie) => `${movie.title}: ${movie.actors?.map((actor) => actor.name).join(', ') || 'nobody'}`));
// #endregion

// #region join-rows
const roles = await Role.findAll({ include: [Actor, Movie], order: [['id', 'ASC']] });
for (const role of roles) console.log(`${role.actor?.name} played ${role.character} in ${role.movie?.title}`);
// #endregion

// #region nested
const actors = await Actor.findAll({
  include: { model: Role, include: [Movie] },
  order: [['id', 'ASC'], [Role, 'id', 'ASC']],
});
for (const actor of actors) {
  console.log(`${actor.name}: ${actor.roles?.map((role) => `${role.character} (${role.movie?.title})`).join(', ')}`);
}
// #endregion

await sequelize.close();
