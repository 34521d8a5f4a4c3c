// One to One: a User has one Profile, and a Profile belongs to a User.
// Run it with `npx tsx code/relationships/one-to-one.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  Sequelize,
  type BelongsToGetAssociationMixin,
  type CreationOptional,
  type ForeignKey,
  type HasOneCreateAssociationMixin,
  type HasOneGetAssociationMixin,
  type HasOneSetAssociationMixin,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
} from 'sequelize';

// In-memory SQLite, or the database DATABASE_URL names (postgres://… or mariadb://…).
// Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region define
class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare email: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare profile?: NonAttribute<Profile>;
  declare getProfile: HasOneGetAssociationMixin<Profile>;
  declare setProfile: HasOneSetAssociationMixin<Profile, number>;
  declare createProfile: HasOneCreateAssociationMixin<Profile>;
}

class Profile extends Model<InferAttributes<Profile>, InferCreationAttributes<Profile>> {
  declare id: CreationOptional<number>;
  declare bio: string;
  declare userId: ForeignKey<User['id']>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare user?: NonAttribute<User>;
  declare getUser: BelongsToGetAssociationMixin<User>;
}

User.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    name: { type: DataTypes.STRING, allowNull: false },
    email: { type: DataTypes.STRING, allowNull: false },
    createdAt: { type: DataTypes.DATE, allowNull: false },
    updatedAt: { type: DataTypes.DATE, allowNull: false },
  },
  { sequelize, modelName: 'user' },
);

Profile.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    bio: { type: DataTypes.TEXT, allowNull: false },
    createdAt: { type: DataTypes.DATE, allowNull: false },
    updatedAt: { type: DataTypes.DATE, allowNull: false },
  },
  { sequelize, modelName: 'profile' },
);

User.hasOne(Profile);
Profile.belongsTo(User);
// #endregion

// #region sync
await sequelize.sync();
// #endregion

// #region create
const user = await User.create({ name: 'Ada Lovelace', email: 'ada@example.com' });
const profile = await Profile.create({ bio: 'Writes the first programs.' });
await user.setProfile(profile);
// #endregion

// #region create-profile
const grace = await User.create({ name: 'Grace Hopper', email: 'grace@example.com' });
const graceProfile = await grace.createProfile({ bio: 'Finds the first actual bug.' });
console.log('userId of the new profile:', graceProfile.userId);
// #endregion

// #region lazy
const found = await User.findOne({ where: { name: 'Ada Lovelace' } });
//    ^?
if (!found) throw new Error('the user was just created');
console.log('User:', JSON.stringify(found, null, 2));

const foundProfile = await found.getProfile();
//    ^?
console.log('Profile:', JSON.stringify(foundProfile, null, 2));
// #endregion

// #region lazy-owner
if (!foundProfile) throw new Error('Ada was given a profile');
const owner = await foundProfile.getUser();
console.log(`Profile ${foundProfile.id} belongs to ${owner?.name}`);
// #endregion

// #region eager
const withProfile = await User.findOne({
  where: { name: 'Ada Lovelace' },
  include: Profile,
});
console.log(JSON.stringify(withProfile, null, 2));
// #endregion

await sequelize.close();
