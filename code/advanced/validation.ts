// Validation: built-in and custom validators, allowNull, model-wide validation, and the
// errors Sequelize throws when a check or a database constraint fails.
// Run it with `npx tsx code/advanced/validation.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  Sequelize,
  UniqueConstraintError,
  ValidationError,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
} from 'sequelize';

// In-memory SQLite, or the database DATABASE_URL names (postgres://… or mariadb://…).
// Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region define
class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare email: string;
  declare username: string;
  declare age: number | null;
  declare role: CreationOptional<string>;
}

User.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    email: {
      type: DataTypes.STRING,
      allowNull: false,
      unique: true,
      validate: { isEmail: true },
    },
    username: {
      type: DataTypes.STRING,
      allowNull: false,
      validate: {
        notEmpty: true,
        len: [3, 20],
        noSpaces(value: string) {
          if (value.includes(' ')) throw new Error('username must not contain spaces');
        },
      },
    },
    age: {
      type: DataTypes.INTEGER,
      validate: {
        min: 13,
        max: { args: [120], msg: 'age must be at most 120' },
      },
    },
    role: {
      type: DataTypes.STRING,
      allowNull: false,
      defaultValue: 'reader',
      validate: { isIn: [['reader', 'editor', 'admin']] },
    },
  },
  {
    sequelize,
    modelName: 'user',
    timestamps: false,
    validate: {
      staffAreAdults(this: User) {
        const staff = this.role === 'editor' || this.role === 'admin';
        if (staff && (this.age === null || this.age < 18)) {
          throw new Error('editors and admins must be 18 or older');
        }
      },
    },
  },
);
// #endregion

// #region sync
await sequelize.sync();
// #endregion

// #region report
function report(error: unknown): void {
  if (!(error instanceof ValidationError)) throw error;
  console.log(`${error.name}: ${error.message}`);
  for (const { message, path, value, validatorKey } of error.errors) {
    console.log({ message, path, value, validatorKey });
  }
}
// #endregion

// #region builtin
try {
  await User.create({ email: 'ada.example.com', username: 'ada', age: 7, role: 'owner' });
} catch (error) {
  report(error);
}
console.log('rows in users:', await User.count());
// #endregion

// #region not-null
const body: InferCreationAttributes<User> = JSON.parse('{"email": "grace@example.com"}');
try {
  await User.create(body);
} catch (error) {
  report(error);
}
// #endregion

// #region empty
try {
  await User.create({ email: 'grace@example.com', username: '' });
} catch (error) {
  report(error);
}
// #endregion

// #region custom
try {
  await User.create({ email: 'grace@example.com', username: 'grace hopper' });
} catch (error) {
  report(error);
}
// #endregion

// #region model-wide
try {
  await User.create({
    email: 'grace@example.com',
    username: 'grace',
    age: 16,
    role: 'editor',
  });
} catch (error) {
  report(error);
}
// #endregion

// #region valid
const ada = await User.create({ email: 'ada@example.com', username: 'ada', age: null });
console.log(ada.toJSON());
// #endregion

// #region validate-only
const draft = User.build({ email: 'grace@example', username: 'grace', age: 36 });
try {
  await draft.validate();
  console.log('valid');
} catch (error) {
  report(error);
}
draft.email = 'grace@example.com';
await draft.validate();
console.log('valid, isNewRecord:', draft.isNewRecord);
// #endregion

// #region update
try {
  await ada.update({ age: 200 });
} catch (error) {
  report(error);
}
console.log('age in memory:', ada.age, 'changed:', ada.changed());
await ada.reload();
console.log('age in the database:', ada.age);
// #endregion

// #region unique
try {
  await User.create({ email: 'ada@example.com', username: 'ada2' });
} catch (error) {
  report(error);
  if (error instanceof UniqueConstraintError) {
    console.log('fields:', error.fields);
    console.log('parent:', error.parent.message);
  }
}
// #endregion

await sequelize.close();
