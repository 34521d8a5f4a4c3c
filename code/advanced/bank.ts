// The bank that the transaction examples of the "Advanced" chapter move money in: an
// Account model with a balance, and a Transfer model that records who paid whom. Each
// example imports it, creates its own in-memory database and calls `defineBank`.
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

// #region model
export class Account extends Model<InferAttributes<Account>, InferCreationAttributes<Account>> {
  declare id: CreationOptional<number>;
  declare owner: string;
  declare balance: number;
}

export class Transfer extends Model<InferAttributes<Transfer>, InferCreationAttributes<Transfer>> {
  declare id: CreationOptional<number>;
  declare fromId: number;
  declare toId: number;
  declare amount: number;
}

/** Attaches Account and Transfer to a database; call it once, before `sequelize.sync()`. */
export function defineBank(sequelize: Sequelize): void {
  Account.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      owner: { type: DataTypes.STRING, allowNull: false },
      balance: { type: DataTypes.INTEGER, allowNull: false },
    },
    { sequelize, modelName: 'account', timestamps: false },
  );

  Transfer.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      fromId: { type: DataTypes.INTEGER, allowNull: false },
      toId: { type: DataTypes.INTEGER, allowNull: false },
      amount: { type: DataTypes.INTEGER, allowNull: false },
    },
    { sequelize, modelName: 'transfer', timestamps: false },
  );
}
// #endregion
