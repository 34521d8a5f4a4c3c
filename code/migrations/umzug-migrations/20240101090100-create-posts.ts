// A migration written in TypeScript, run by code/migrations/umzug.ts.
// dialects: sqlite (umzug.ts runs it, on SQLite like the rest of the migrations chapter)
// #region migration
import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

export const up: MigrationFn<QueryInterface> = async ({ context: queryInterface }) => {
  // Both steps succeed or neither does: SQLite can roll back schema changes.
  await queryInterface.sequelize.transaction(async (transaction) => {
    await queryInterface.createTable(
      'posts',
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
        title: { type: DataTypes.STRING, allowNull: false },
        userId: {
          type: DataTypes.INTEGER,
          allowNull: false,
          references: { model: 'users', key: 'id' },
          onDelete: 'CASCADE',
        },
        createdAt: { type: DataTypes.DATE, allowNull: false },
        updatedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { transaction },
    );
    await queryInterface.addIndex('posts', ['userId'], { transaction });
  });
};

export const down: MigrationFn<QueryInterface> = async ({ context: queryInterface }) => {
  await queryInterface.dropTable('posts');
};
// #endregion
