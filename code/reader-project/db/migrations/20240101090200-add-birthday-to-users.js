'use strict';

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('Users', 'birthday', { type: Sequelize.DATEONLY });
    await queryInterface.addIndex('Users', ['email'], { unique: true });
  },

  async down(queryInterface) {
    // Undo in the opposite order.
    await queryInterface.removeIndex('Users', ['email']);
    await queryInterface.removeColumn('Users', 'birthday');
  },
};
