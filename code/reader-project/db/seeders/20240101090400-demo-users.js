'use strict';

const emails = ['ada@example.com', 'alan@example.com', 'grace@example.com'];

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    // bulkInsert bypasses the models: the timestamps have to be given.
    const now = new Date();
    await queryInterface.bulkInsert('Users', [
      { name: 'Ada Lovelace', email: emails[0], createdAt: now, updatedAt: now },
      { name: 'Alan Turing', email: emails[1], createdAt: now, updatedAt: now },
      { name: 'Grace Hopper', email: emails[2], createdAt: now, updatedAt: now },
    ]);
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('Users', { email: emails });
  },
};
