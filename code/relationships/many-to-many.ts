// Many to Many: Students take many Courses, Courses have many Students, and each
// Enrollment (the join table) records when the student enrolled and the grade.
// Run it with `npx tsx code/relationships/many-to-many.ts`.
import '../support/fixed-clock.ts';
import {
  DataTypes,
  Model,
  Sequelize,
  type BelongsToManyAddAssociationMixin,
  type BelongsToManyAddAssociationsMixin,
  type BelongsToManyCountAssociationsMixin,
  type BelongsToManyGetAssociationsMixin,
  type BelongsToManyHasAssociationMixin,
  type BelongsToManyRemoveAssociationMixin,
  type BelongsToManySetAssociationsMixin,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  UniqueConstraintError,
} from 'sequelize';

// In-memory SQLite, or the database DATABASE_URL names (postgres://… or mariadb://…).
// Sequelize logs every SQL statement it runs.
const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');

// #region define
class Student extends Model<InferAttributes<Student>, InferCreationAttributes<Student>> {
  declare id: CreationOptional<number>;
  declare name: string;

  declare courses?: NonAttribute<Course[]>;
  declare getCourses: BelongsToManyGetAssociationsMixin<Course>;
  declare addCourse: BelongsToManyAddAssociationMixin<Course, number>;
  declare addCourses: BelongsToManyAddAssociationsMixin<Course, number>;
  declare removeCourse: BelongsToManyRemoveAssociationMixin<Course, number>;
  declare setCourses: BelongsToManySetAssociationsMixin<Course, number>;
  declare hasCourse: BelongsToManyHasAssociationMixin<Course, number>;
  declare countCourses: BelongsToManyCountAssociationsMixin;
}

class Course extends Model<InferAttributes<Course>, InferCreationAttributes<Course>> {
  declare id: CreationOptional<number>;
  declare title: string;

  declare students?: NonAttribute<Student[]>;
  // The join row, present when the course was loaded through a student.
  declare enrollment?: NonAttribute<Enrollment>;
}

class Enrollment extends Model<InferAttributes<Enrollment>, InferCreationAttributes<Enrollment>> {
  declare studentId: ForeignKey<Student['id']>;
  declare courseId: ForeignKey<Course['id']>;
  declare enrolledAt: CreationOptional<Date>;
  declare grade: string | null;
}

Student.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    name: { type: DataTypes.STRING, allowNull: false },
  },
  { sequelize, modelName: 'student', timestamps: false },
);

Course.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    title: { type: DataTypes.STRING, allowNull: false },
  },
  { sequelize, modelName: 'course', timestamps: false },
);

Enrollment.init(
  {
    enrolledAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    grade: { type: DataTypes.STRING(2), allowNull: true },
  },
  { sequelize, modelName: 'enrollment', timestamps: false },
);

Student.belongsToMany(Course, { through: Enrollment });
Course.belongsToMany(Student, { through: Enrollment });
// #endregion

// #region sync
await sequelize.sync();
// #endregion

// #region seed
const [ada, grace] = await Student.bulkCreate([{ name: 'Ada' }, { name: 'Grace' }]);
const [algebra, logic, compilers] = await Course.bulkCreate([
  { title: 'Algebra' },
  { title: 'Logic' },
  { title: 'Compilers' },
]);
if (!ada || !grace || !algebra || !logic || !compilers) throw new Error('the rows were just created');
// #endregion

// #region add
await ada.addCourse(algebra);
await ada.addCourses([logic, compilers], { through: { grade: 'B' } });
await grace.addCourse(compilers, { through: { grade: 'A' } });
// #endregion

// #region add-again
await ada.addCourse(algebra);
await ada.addCourse(logic, { through: { grade: 'A' } });
// #endregion

// #region update-link
const [changed] = await Enrollment.update({ grade: 'A+' }, { where: { studentId: ada.id, courseId: logic.id } });
console.log('links changed:', changed);
// #endregion

// #region join-rows
const enrollments = await Enrollment.findAll({ order: ['studentId', 'courseId'] });
console.table(
  enrollments.map(({ studentId, courseId, grade, enrolledAt }) => ({
    studentId,
    courseId,
    grade,
    enrolledAt: enrolledAt.toISOString(),
  })),
);
// #endregion

// #region duplicate
try {
  await Enrollment.create({ studentId: ada.id, courseId: algebra.id });
} catch (error) {
  if (!(error instanceof UniqueConstraintError)) throw error;
  console.log(error.name);
  console.log(error.parent.message);
}
// #endregion

// #region get
const courses = await ada.getCourses({ order: ['id'] });
console.log(JSON.stringify(courses[0], null, 2));
for (const course of courses) {
  console.log(`${course.title}: grade ${course.enrollment?.grade ?? '(none yet)'}`);
}
// #endregion

// #region has-count
console.log('hasCourse(compilers):', await grace.hasCourse(compilers));
console.log('hasCourse(algebra):', await grace.hasCourse(algebra));
console.log('countCourses():', await ada.countCourses());
// #endregion

// #region remove
await ada.removeCourse(logic);
// #endregion

// #region set
await grace.setCourses([algebra, logic]);
// #endregion

// #region cascade
console.log('enrollments before:', await Enrollment.count());
await logic.destroy();
console.log('enrollments after:', await Enrollment.count());
// #endregion

// #region eager
const students = await Student.findAll({
  include: { model: Course, through: { attributes: ['grade'] } },
  order: [
    ['id', 'ASC'],
    [Course, 'id', 'ASC'],
  ],
});
console.log(JSON.stringify(students, null, 2));
// #endregion

// #region eager-no-join
const roster = await Course.findAll({
  include: { model: Student, attributes: ['name'], through: { attributes: [] } },
  order: [
    ['id', 'ASC'],
    [Student, 'id', 'ASC'],
  ],
});
for (const course of roster) {
  console.log(`${course.title}: ${course.students?.map((student) => student.name).join(', ') || '(nobody)'}`);
}
// #endregion

await sequelize.close();
