// Getters, setters and virtual attributes: what is stored, what is returned, what toJSON prints.
// Run it with `npx tsx code/model-features/getters-setters.ts`.
import '../support/fixed-clock.ts';
import { createHash } from 'node:crypto';
import {
  DataTypes,
  Model,
  QueryTypes,
  Sequelize,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
} from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region define
class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare firstName: string;
  declare lastName: string;
  declare email: string;
  declare password: string;
  declare fullName: CreationOptional<string>;

  get initials(): NonAttribute<string> {
    return `${this.firstName[0]}${this.lastName[0]}`;
  }
}

User.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    firstName: { type: DataTypes.STRING, allowNull: false },
    lastName: {
      type: DataTypes.STRING,
      allowNull: false,
      get() {
        return this.getDataValue('lastName').toUpperCase();
      },
    },
    email: {
      type: DataTypes.STRING,
      allowNull: false,
      set(value: string) {
        this.setDataValue('email', value.trim().toLowerCase());
      },
    },
    password: {
      type: DataTypes.STRING,
      allowNull: false,
      set(value: string) {
        this.setDataValue('password', createHash('sha256').update(value).digest('hex').slice(0, 16));
      },
    },
    fullName: {
      type: DataTypes.VIRTUAL,
      get() {
        return `${this.firstName} ${this.lastName}`;
      },
      set() {
        throw new Error('fullName is computed; set firstName and lastName instead');
      },
    },
  },
  { sequelize, modelName: 'user', timestamps: false },
);
// #endregion

// #region sync
await sequelize.sync();
// #endregion

// #region create
const ada = await User.create({
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: '  Ada@Example.COM ',
  password: 'analytical engine',
});
console.log('email:', ada.email);
console.log('password:', ada.password);
console.log('lastName:', ada.lastName);
console.log('fullName:', ada.fullName);
console.log('initials:', ada.initials);
// #endregion

// #region stored
const rows = await sequelize.query('SELECT * FROM users', { type: QueryTypes.SELECT });
console.log(rows);
// #endregion

// #region raw-value
console.log('get():', ada.get('lastName'));
console.log('getDataValue():', ada.getDataValue('lastName'));
// #endregion

// #region to-json
console.log(ada.toJSON());
console.log(JSON.stringify(ada));
// #endregion

// #region where
const found = await User.findOne({ where: { lastName: 'LOVELACE' } });
console.log('LOVELACE:', found?.fullName ?? null);
const byRawValue = await User.findOne({ where: { lastName: 'Lovelace' } });
console.log('Lovelace:', byRawValue?.fullName ?? null);
// #endregion

// #region virtual-set throws
ada.set('fullName', 'Augusta Ada King');
// #endregion
