/**
 * Which dialects a command verifies: `DIALECTS` (a subset), what the machine has, and
 * `REQUIRE_DIALECTS=1`. Unit tests of scripts/lib/dialects/choose.ts with dialects whose
 * availability the test decides, then the command line's handling of the variable.
 */
import assert from 'node:assert/strict';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { chooseDialects, readDialectSelection } from '../scripts/lib/dialects/choose.ts';
import type { Availability, Dialect } from '../scripts/lib/dialects/index.ts';
import { formatProblem } from '../scripts/lib/problem.ts';
import { createFixtureSite, removeSite, REPO_ROOT, runCli, writeFiles } from './support/fixture-site.ts';

/** A dialect that is available, or not, as the test says; `detect` counts its calls. */
function fakeDialect(id: string, name: string, availability: Availability = { available: true }): Dialect & { detections: number } {
  const dialect = {
    id,
    name,
    liteMode: true,
    detections: 0,
    detect: () => {
      dialect.detections++;
      return availability;
    },
    prepareRun: async () => ({ environment: {}, aliases: {} }),
  };
  return dialect;
}

function registry(): ReturnType<typeof fakeDialect>[] {
  return [
    fakeDialect('sqlite', 'SQLite'),
    fakeDialect('postgres', 'PostgreSQL'),
    fakeDialect('mariadb', 'MariaDB', { available: false, hint: 'MariaDB was not found.' }),
  ];
}

describe('reading DIALECTS', () => {
  const dialects = registry();

  it('unset: every dialect', () => {
    assert.deepEqual(readDialectSelection(undefined, dialects), { selected: undefined });
  });

  it('a comma-separated list of ids, spaces and repeats ignored', () => {
    assert.deepEqual(readDialectSelection('sqlite', dialects), { selected: ['sqlite'] });
    assert.deepEqual(readDialectSelection(' sqlite , postgres,sqlite,', dialects), { selected: ['sqlite', 'postgres'] });
  });

  it('an unknown id is an error that lists the known ids, with the closest one', () => {
    assert.deepEqual(readDialectSelection('sqlite,postgresql', dialects), {
      error: 'DIALECTS names an unknown dialect: `postgresql` (did you mean `postgres`?); the known dialects are sqlite, postgres, mariadb',
    });
    assert.deepEqual(readDialectSelection('oracle,db2', dialects), {
      error: 'DIALECTS names unknown dialects: `oracle`, `db2`; the known dialects are sqlite, postgres, mariadb',
    });
  });

  it('set but empty is an error', () => {
    assert.deepEqual(readDialectSelection(' , ', dialects), {
      error: 'DIALECTS is set but names no dialect; name some of sqlite, postgres, mariadb (comma-separated), or unset it to verify every dialect',
    });
  });
});

describe('choosing the dialects to verify', () => {
  it('by default, every dialect the machine has; the others are not verified, with their hint', () => {
    const dialects = registry();
    const choice = chooseDialects({ required: false }, dialects);
    assert.deepEqual(choice.active.map((dialect) => dialect.id), ['sqlite', 'postgres']);
    assert.deepEqual(choice.unverified, [{ dialect: 'mariadb', hint: 'MariaDB was not found.' }]);
    assert.deepEqual(choice.problems, []);
  });

  it('DIALECTS leaves dialects out exactly like missing ones, with a hint naming DIALECTS, and never looks for them', () => {
    const dialects = registry();
    const choice = chooseDialects({ required: false, selected: ['sqlite'] }, dialects);
    assert.deepEqual(choice.active.map((dialect) => dialect.id), ['sqlite']);
    assert.deepEqual(choice.unverified, [
      { dialect: 'postgres', hint: 'left out by DIALECTS=sqlite; unset DIALECTS, or add postgres to it, to verify it' },
      { dialect: 'mariadb', hint: 'left out by DIALECTS=sqlite; unset DIALECTS, or add mariadb to it, to verify it' },
    ]);
    assert.deepEqual(choice.problems, []);
    assert.deepEqual(dialects.map((dialect) => dialect.detections), [1, 0, 0]);
  });

  it('a selected dialect the machine lacks is still reported as missing', () => {
    const choice = chooseDialects({ required: false, selected: ['postgres', 'mariadb'] }, registry());
    assert.deepEqual(choice.active.map((dialect) => dialect.id), ['postgres']);
    assert.deepEqual(choice.unverified, [
      { dialect: 'sqlite', hint: 'left out by DIALECTS=postgres,mariadb; unset DIALECTS, or add sqlite to it, to verify it' },
      { dialect: 'mariadb', hint: 'MariaDB was not found.' },
    ]);
  });

  it('with REQUIRE_DIALECTS=1, a dialect left out or missing is a problem', () => {
    const choice = chooseDialects({ required: true, selected: ['sqlite', 'mariadb'] }, registry());
    assert.deepEqual(choice.active.map((dialect) => dialect.id), ['sqlite']);
    assert.deepEqual(choice.unverified, []);
    assert.deepEqual(choice.problems.map(formatProblem), [
      'scripts/lib/dialects: [postgres] PostgreSQL is left out by DIALECTS=sqlite,mariadb, and REQUIRE_DIALECTS=1 requires every dialect; unset DIALECTS, or add postgres to it',
      'scripts/lib/dialects: [mariadb] MariaDB cannot be verified on this machine, and REQUIRE_DIALECTS=1 requires every dialect: MariaDB was not found.',
    ]);
  });

  it('an unknown id given directly is a problem too', () => {
    const choice = chooseDialects({ required: false, selected: ['sqlite', 'oracle'] }, registry());
    assert.deepEqual(choice.problems.map(formatProblem), ['scripts/lib/dialects: DIALECTS names an unknown dialect: `oracle`; the known dialects are sqlite, postgres, mariadb']);
  });
});

describe('DIALECTS on the command line', () => {
  const PAGE = 'content/docs/chapter/dialects.md';
  const EXAMPLE = 'code/chapter/portable.ts';
  /** A page whose PostgreSQL and MariaDB sections no run could give: only a run on them would change them. */
  const page = (sqlite: string): string =>
    [
      '---',
      'title: Dialects',
      'description: A page with a section per dialect.',
      'weight: 9',
      '---',
      '',
      '{{< highlight text "output=chapter/portable.ts#run" >}}',
      '@dialect sqlite',
      sqlite,
      '@dialect postgres',
      'kept as the page has it (postgres)',
      '@dialect mariadb',
      'kept as the page has it (mariadb)',
      '{{< /highlight >}}',
      '',
    ].join('\n');
  const files = {
    [EXAMPLE]: [
      "import '../support/fixed-clock.ts';",
      "import { Sequelize } from 'sequelize';",
      '',
      "const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:', { logging: false });",
      '',
      '// #region run',
      "console.log('dialect:', sequelize.getDialect());",
      '// #endregion',
      '',
      'await sequelize.close();',
      '',
    ].join('\n'),
    [PAGE]: page('stale'),
  };

  async function withSite(use: (site: string) => Promise<void>): Promise<void> {
    const site = await createFixtureSite({});
    try {
      await cp(join(REPO_ROOT, 'test', 'fixtures', 'site'), site, { recursive: true });
      await writeFiles(site, files);
      await use(site);
    } finally {
      await removeSite(site);
    }
  }

  it('DIALECTS=sqlite verifies SQLite only, keeps the other sections, and says so', async () => {
    await withSite(async (site) => {
      const result = await runCli(site, ['build', 'content/docs/chapter'], { DIALECTS: 'sqlite', REQUIRE_DIALECTS: '' });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(await readFile(join(site, PAGE), 'utf8'), page('dialect: sqlite'));
      assert.match(result.stderr, /^not verified: postgres: its bodies were left as the pages have them; left out by DIALECTS=sqlite; unset DIALECTS, or add postgres to it, to verify it$/m);
      assert.match(result.stderr, /^not verified: mariadb: its bodies were left as the pages have them; left out by DIALECTS=sqlite; unset DIALECTS, or add mariadb to it, to verify it$/m);
    });
  });

  it('an unknown id stops the command before it runs anything', async () => {
    await withSite(async (site) => {
      const result = await runCli(site, ['check'], { DIALECTS: 'sqlite,mysql' });
      assert.equal(result.code, 2);
      assert.equal(result.stderr, 'DIALECTS names an unknown dialect: `mysql`; the known dialects are sqlite, postgres, mariadb\n');
    });
  });

  it('with REQUIRE_DIALECTS=1, leaving a dialect out fails', async () => {
    await withSite(async (site) => {
      const result = await runCli(site, ['check', 'content/docs/chapter'], { DIALECTS: 'sqlite', REQUIRE_DIALECTS: '1' });
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^scripts\/lib\/dialects: \[postgres\] PostgreSQL is left out by DIALECTS=sqlite, and REQUIRE_DIALECTS=1 requires every dialect; unset DIALECTS, or add postgres to it$/m);
      assert.match(result.stderr, /^scripts\/lib\/dialects: \[mariadb\] MariaDB is left out by DIALECTS=sqlite, and REQUIRE_DIALECTS=1 requires every dialect; unset DIALECTS, or add mariadb to it$/m);
    });
  });
});
