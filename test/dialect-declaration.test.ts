/**
 * Which dialects a program runs on: every dialect unless its header declares otherwise
 * (`// dialects: sqlite (why)`), and only if it, or a local module it imports, takes its
 * connection from DATABASE_URL. Exact problems, and the jobs and site data that follow.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declaredDialects, programDialects, readDeclaration, readsDatabaseUrl } from '../scripts/lib/dialects/declaration.ts';
import { DIALECTS } from '../scripts/lib/dialects/index.ts';
import type { Example } from '../scripts/lib/examples.ts';
import { planJobs, programsToRun } from '../scripts/lib/plan.ts';
import { siteData } from '../scripts/lib/site-data.ts';
import { createFixtureSite, removeSite } from './support/fixture-site.ts';

const PORTABLE = "import { Sequelize } from 'sequelize';\n\nconst sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');\n";
const OWN_SQLITE = "import { Sequelize } from 'sequelize';\n\nconst sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:' });\n";
const ALL = ['sqlite', 'postgres', 'mariadb'];

function declarationOf(source: string): ReturnType<typeof readDeclaration> {
  return readDeclaration({ file: 'code/a.ts', source });
}

describe('a dialects declaration', () => {
  it('names the dialects, in the registry order, and why', () => {
    assert.deepEqual(declarationOf(`// About SQLite's files.\n// dialects: sqlite (it opens a file)\n${OWN_SQLITE}`), {
      declaration: { dialects: ['sqlite'], reason: 'it opens a file', line: 2 },
      problems: [],
    });
    assert.deepEqual(declarationOf(`/**\n * A header.\n */\n//dialects:postgres , sqlite (PostgreSQL's own SQL (and SQLite's))\n${PORTABLE}`).declaration, {
      dialects: ['sqlite', 'postgres'],
      reason: "PostgreSQL's own SQL (and SQLite's)",
      line: 4,
    });
  });

  it('is absent when no comment line starts with it', () => {
    assert.deepEqual(declarationOf(`// Every dialects: this line does not declare.\n${PORTABLE}`), { declaration: undefined, problems: [] });
  });

  it('refuses a declaration without a reason, with the form to write', () => {
    for (const line of ['// dialects: sqlite', '// dialects: sqlite ()', '// dialects: sqlite because']) {
      assert.deepEqual(declarationOf(`${line}\n${OWN_SQLITE}`), {
        declaration: undefined,
        problems: [{ rule: 'dialects', file: 'code/a.ts', line: 1, message: '`dialects:` names the dialects the program runs on and, in parentheses, why: `// dialects: sqlite (<why>)`' }],
      });
    }
  });

  it('refuses an unknown dialect with the closest name, and a list without SQLite', () => {
    assert.deepEqual(declarationOf(`// dialects: sqlite, postgress (why)\n${PORTABLE}`).problems, [
      { rule: 'dialects', file: 'code/a.ts', line: 1, message: 'unknown dialect `postgress` in `dialects:`; did you mean `postgres`? (dialects: `sqlite`, `postgres`, `mariadb`)' },
    ]);
    assert.deepEqual(declarationOf(`// dialects: postgres (why)\n${PORTABLE}`).problems, [
      { rule: 'dialects', file: 'code/a.ts', line: 1, message: '`dialects:` must name `sqlite`: every program runs on it, as `npx tsx` does' },
    ]);
  });

  it('must stand in the comments at the top, once', () => {
    assert.deepEqual(declarationOf(`${OWN_SQLITE}// dialects: sqlite (late)\n`), {
      declaration: undefined,
      problems: [{ rule: 'dialects', file: 'code/a.ts', line: 4, message: '`dialects:` must be in the comments at the top of the file, before its first statement' }],
    });
    assert.deepEqual(declarationOf(`// dialects: sqlite (one)\n// dialects: sqlite (two)\n${OWN_SQLITE}`).problems, [
      { rule: 'dialects', file: 'code/a.ts', line: 2, message: '`dialects:` is declared twice (first at line 1)' },
    ]);
  });

  it('gives the site data every dialect without one, and the declared ones with one', () => {
    assert.deepEqual(declaredDialects({ file: 'code/a.ts', source: PORTABLE }), ALL);
    assert.deepEqual(declaredDialects({ file: 'code/a.ts', source: `// dialects: sqlite (why)\n${OWN_SQLITE}` }), ['sqlite']);
    assert.deepEqual(declaredDialects({ file: 'code/a.ts', source: `// dialects: sqlit (why)\n${OWN_SQLITE}` }), ALL, 'a bad declaration is the build\'s problem, not the site data\'s');
  });
});

describe('reading DATABASE_URL', () => {
  it('counts process.env, an environment passed along, and a quoted key; not comments', () => {
    assert.equal(readsDatabaseUrl(PORTABLE), true);
    assert.equal(readsDatabaseUrl('export const url = env.DATABASE_URL;\n'), true);
    assert.equal(readsDatabaseUrl("const url = process.env['DATABASE_URL'];\n"), true);
    assert.equal(readsDatabaseUrl('// process.env.DATABASE_URL would be the way\n/* env.DATABASE_URL */\n * env.DATABASE_URL\n'), false);
    assert.equal(readsDatabaseUrl('const url = process.env.DATABASE_URL_OTHER;\n'), false);
  });
});

describe('the dialects of each program', () => {
  const file = (name: string, source: string): { file: string; source: string } => ({ file: `code/${name}`, source });

  it('runs a program on every dialect when it or a module it imports reads DATABASE_URL', () => {
    const connection = file('app/db.ts', "export const sequelize = new Sequelize(readConfig(process.env).url);\nfunction readConfig(env: NodeJS.ProcessEnv) { return { url: env.DATABASE_URL ?? '' }; }\n");
    const { dialectsOf, problems } = programDialects([[file('direct.ts', PORTABLE)], [file('app/main.ts', "import { sequelize } from './db.ts';\n"), connection]]);
    assert.deepEqual(problems, []);
    assert.deepEqual(Object.fromEntries(dialectsOf), { 'code/direct.ts': ALL, 'code/app/main.ts': ALL });
  });

  it('runs a declared program on its dialects only', () => {
    const { dialectsOf, problems } = programDialects([[file('own.ts', `// dialects: sqlite (it opens a file)\n${OWN_SQLITE}`)]]);
    assert.deepEqual(problems, []);
    assert.deepEqual(Object.fromEntries(dialectsOf), { 'code/own.ts': ['sqlite'] });
  });

  it('refuses a program that would run on a server without DATABASE_URL, at its connection, saying what to write', () => {
    const { dialectsOf, problems } = programDialects([
      [file('own.ts', `// Opens SQLite itself.\n${OWN_SQLITE}`)],
      [file('app/main.ts', "import { sequelize } from './db.ts';\n"), file('app/db.ts', OWN_SQLITE)],
      [file('two.ts', `// dialects: sqlite, mariadb (why)\n${OWN_SQLITE}`)],
    ]);
    const advice =
      "neither it nor a module it imports reads `process.env.DATABASE_URL`: connect with `new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:')`, " +
      "or, if it is SQLite's alone, say why at the top of the file: `// dialects: sqlite (<why>)`";
    assert.deepEqual(problems, [
      { rule: 'dialects', file: 'code/own.ts', line: 4, message: `runs on every dialect (it has no \`dialects:\` declaration), but ${advice}` },
      { rule: 'dialects', file: 'code/app/main.ts', line: 1, message: `runs on every dialect (it has no \`dialects:\` declaration), but ${advice}` },
      { rule: 'dialects', file: 'code/two.ts', line: 4, message: `is declared to run on sqlite, mariadb, but ${advice}` },
    ]);
    // One cause, one problem: none of them runs on a server, where it would fail again.
    assert.deepEqual(Object.fromEntries(dialectsOf), { 'code/own.ts': ['sqlite'], 'code/app/main.ts': ['sqlite'], 'code/two.ts': ['sqlite'] });
  });

  it('reports a module declared for fewer dialects than a program importing it, and a bad module declaration once', () => {
    const narrow = file('shared.ts', '// dialects: sqlite (why)\nexport const x = 1;\n');
    const broken = file('broken.ts', '// dialects: sqlite\nexport const y = 2;\n');
    const { dialectsOf, problems } = programDialects([
      [file('one.ts', PORTABLE), narrow, broken],
      [file('two.ts', PORTABLE), broken],
      [file('three.ts', `// dialects: sqlite (why)\n${OWN_SQLITE}`), narrow],
    ]);
    assert.deepEqual(problems, [
      { rule: 'dialects', file: 'code/broken.ts', line: 1, message: '`dialects:` names the dialects the program runs on and, in parentheses, why: `// dialects: sqlite (<why>)`' },
    ]);
    assert.deepEqual(Object.fromEntries(dialectsOf), { 'code/one.ts': ['sqlite'], 'code/two.ts': ['sqlite'], 'code/three.ts': ['sqlite'] });

    const narrower = programDialects([[file('one.ts', PORTABLE), narrow]]);
    assert.deepEqual(narrower.problems, [
      {
        rule: 'dialects',
        file: 'code/shared.ts',
        line: 1,
        message: 'declared for sqlite only, but code/one.ts, which imports it, runs on postgres, mariadb too; declare the same dialects in both',
      },
    ]);
  });
});

describe('the jobs', () => {
  const example = (file: string, shown: boolean): Example => ({ file, source: '', regions: [], exists: true, runnable: true, program: file.endsWith('.ts'), shown });

  it('run only programs a page shows a run of, on the dialects they run on that this machine has', () => {
    const examples = [example('code/portable.ts', true), example('code/own.ts', true), example('code/module.ts', false), example('code/package.json', true)];
    assert.deepEqual(programsToRun(examples).map((e) => e.file), ['code/portable.ts', 'code/own.ts']);
    const dialectsOf = new Map([
      ['code/portable.ts', ALL],
      ['code/own.ts', ['sqlite']],
    ]);
    assert.deepEqual(planJobs(examples, DIALECTS, dialectsOf).map((job) => job.id), [
      'code/own.ts@sqlite',
      'code/portable.ts@mariadb',
      'code/portable.ts@postgres',
      'code/portable.ts@sqlite',
    ]);
    const sqliteOnly = DIALECTS.filter((dialect) => dialect.id === 'sqlite');
    assert.deepEqual(planJobs(examples, sqliteOnly, dialectsOf).map((job) => job.id), ['code/own.ts@sqlite', 'code/portable.ts@sqlite']);
  });
});

describe('the site data', () => {
  it('lists for every file under code/ the dialects it declares, or every dialect', async () => {
    const site = await createFixtureSite({
      'code/x/portable.ts': PORTABLE,
      'code/x/own.ts': `// dialects: sqlite (it opens SQLite itself)\n${OWN_SQLITE}`,
      'code/x/module.ts': 'export const x = 1;\n',
    });
    try {
      const data = JSON.parse(await siteData(site)) as { examples: Record<string, { dialects: string[] }> };
      assert.deepEqual(data.examples['x/portable.ts']?.dialects, ALL);
      assert.deepEqual(data.examples['x/own.ts']?.dialects, ['sqlite']);
      assert.deepEqual(data.examples['x/module.ts']?.dialects, ALL);
    } finally {
      await removeSite(site);
    }
  });
});
