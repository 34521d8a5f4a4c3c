/**
 * `build` and `check` on a machine without PostgreSQL or MariaDB, made so for real: the
 * detection of each server looks only in the folder POSTGRES_BIN or MARIADB_BIN names, and
 * here that folder is empty. SQLite is verified, the other dialects' sections stay exactly
 * as the pages hold them, and the commands say which dialects were not verified; with
 * REQUIRE_DIALECTS=1 the same machine fails.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFixtureSite, readSiteFile, removeSite, runCli, writeFiles } from './support/fixture-site.ts';

const PAGE = 'content/docs/servers/page.md';

const portable = (word: string): string =>
  [
    "import '../support/fixed-clock.ts';",
    "import { DataTypes, Sequelize } from 'sequelize';",
    '',
    "const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'sqlite:///:memory:');",
    "const Note = sequelize.define('note', { text: DataTypes.STRING }, { timestamps: false });",
    '',
    '// #region count',
    'await Note.sync();',
    "await Note.create({ text: 'kept' });",
    `console.log('${word}:', await Note.count());`,
    '// #endregion',
    '',
    'await sequelize.close();',
    '',
  ].join('\n');

const sqliteOnly = (word: string): string =>
  [
    "// dialects: sqlite (it opens SQLite's own in-memory database)",
    "import '../support/fixed-clock.ts';",
    "import { Sequelize } from 'sequelize';",
    '',
    "const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false });",
    '',
    '// #region dialect',
    `console.log('${word}', sequelize.getDialect());`,
    '// #endregion',
    '',
    'await sequelize.close();',
    '',
  ].join('\n');

/** The page as a machine with every server would have written it; the server sections are marked so that nothing could produce them. */
const page = (portableBody: string, sqliteOnlyBody: string): string =>
  [
    '---',
    'title: Servers',
    'description: A page whose blocks hold a section per dialect.',
    'weight: 1',
    '---',
    '',
    '{{< highlight text "output=servers/portable.ts#count" >}}',
    portableBody,
    '{{< /highlight >}}',
    '',
    '{{< highlight text "output=servers/sqlite-only.ts#dialect" >}}',
    sqliteOnlyBody,
    '{{< /highlight >}}',
    '',
  ].join('\n');

const SERVER_SECTIONS = ['@dialect postgres', 'notes: 1 (as the page holds it for PostgreSQL)', '@dialect mariadb', 'notes: 1 (as the page holds it for MariaDB)'];

const NOT_VERIFIED = [
  'not verified: postgres: its bodies were left as the pages have them; PostgreSQL was not found (its server binaries `initdb` and `postgres`). Install it in one of these ways:',
  '  - on Debian or Ubuntu: `sudo apt-get install postgresql` (Debian 12 ships PostgreSQL 15; the examples are verified with 15);',
  '  - any other way, then put its bin folder on the PATH, or point to it: `POSTGRES_BIN=/usr/lib/postgresql/15/bin`.',
  'not verified: mariadb: its bodies were left as the pages have them; MariaDB was not found (its server binaries `mariadbd` and `mariadb-install-db`). Install it in one of these ways:',
  '  - on Debian or Ubuntu: `sudo apt-get install mariadb-server` (Debian 12 ships MariaDB 10.11; the examples are verified with 10.11);',
  '  - any other way, then put the folder holding `mariadbd` on the PATH, or point to it: `MARIADB_BIN=/usr/sbin`.',
].join('\n');

/** Every file under content/ with its bytes. */
async function contentFiles(site: string): Promise<Map<string, string>> {
  const files = (await readdir(join(site, 'content'), { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const entries = await Promise.all(files.map(async (entry) => [join(entry.parentPath, entry.name), await readFile(join(entry.parentPath, entry.name), 'latin1')] as const));
  return new Map(entries.sort(([a], [b]) => a.localeCompare(b)));
}

describe('a machine without PostgreSQL and MariaDB', () => {
  let site = '';
  let noServers = '';
  let env: NodeJS.ProcessEnv = {};

  before(async () => {
    noServers = await mkdtemp(join(tmpdir(), 'no-servers-'));
    env = { POSTGRES_BIN: noServers, MARIADB_BIN: noServers, REQUIRE_DIALECTS: '' };
    site = await createFixtureSite({
      'code/servers/portable.ts': portable('notes'),
      'code/servers/sqlite-only.ts': sqliteOnly('opened'),
      'content/docs/servers/_index.md': '---\ntitle: Servers\ndescription: Pages verified without servers.\nweight: 1\n---\n',
      [PAGE]: page(['@dialect sqlite', 'notes: 1', ...SERVER_SECTIONS].join('\n'), 'opened sqlite'),
    });
  });
  after(async () => {
    await removeSite(site);
    await rm(noServers, { recursive: true, force: true });
  });

  it('build verifies SQLite, changes nothing under content/, succeeds and says which dialects were not verified', async () => {
    const before = await contentFiles(site);
    const build = await runCli(site, ['build'], env);
    assert.equal(build.code, 0, build.stderr);
    assert.deepEqual(await contentFiles(site), before);
    // Both programs ran, on SQLite only.
    assert.match(build.stdout, /^ran {4}code\/servers\/portable\.ts \(\d/m);
    assert.match(build.stdout, /^ran {4}code\/servers\/sqlite-only\.ts \(\d/m);
    assert.match(build.stdout, /^2 examples: 2 ran, 0 from cache, in /m);
    assert.ok(build.stderr.startsWith(`${NOT_VERIFIED}\n`), build.stderr);
    // The site data is written for this site; no page is.
    assert.match(build.stdout, /^updated data\/verified\.json$/m);
  });

  it('check passes the same pages, saying the same', async () => {
    const before = await contentFiles(site);
    const check = await runCli(site, ['check'], env);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /^2 pages match their examples$/m);
    assert.equal(check.stderr, `${NOT_VERIFIED}\n`);
    assert.deepEqual(await contentFiles(site), before);
  });

  it('with REQUIRE_DIALECTS=1, build and check fail, naming each missing dialect, and write nothing', async () => {
    const before = await contentFiles(site);
    const required = { ...env, REQUIRE_DIALECTS: '1' };
    const problems = [
      '2 problems; no page was written:',
      'scripts/lib/dialects: [mariadb] MariaDB cannot be verified on this machine, and REQUIRE_DIALECTS=1 requires every dialect: MariaDB was not found (its server binaries `mariadbd` and `mariadb-install-db`). Install it in one of these ways:',
      '  - on Debian or Ubuntu: `sudo apt-get install mariadb-server` (Debian 12 ships MariaDB 10.11; the examples are verified with 10.11);',
      '  - any other way, then put the folder holding `mariadbd` on the PATH, or point to it: `MARIADB_BIN=/usr/sbin`.',
      'scripts/lib/dialects: [postgres] PostgreSQL cannot be verified on this machine, and REQUIRE_DIALECTS=1 requires every dialect: PostgreSQL was not found (its server binaries `initdb` and `postgres`). Install it in one of these ways:',
      '  - on Debian or Ubuntu: `sudo apt-get install postgresql` (Debian 12 ships PostgreSQL 15; the examples are verified with 15);',
      '  - any other way, then put its bin folder on the PATH, or point to it: `POSTGRES_BIN=/usr/lib/postgresql/15/bin`.',
    ].join('\n');
    for (const command of ['build', 'check']) {
      const result = await runCli(site, [command], required);
      assert.equal(result.code, 1, `${command} must fail`);
      assert.equal(result.stderr, `\n${problems}\n`, command);
      assert.doesNotMatch(result.stdout, /pages match|all pages were up to date|Start building sites/, command);
    }
    assert.deepEqual(await contentFiles(site), before);
  });

  it('after an edit, build rewrites SQLite\'s text only: the servers\' sections stay, and a SQLite-only program gains none', async () => {
    await writeFiles(site, { 'code/servers/portable.ts': portable('rows'), 'code/servers/sqlite-only.ts': sqliteOnly('reopened') });
    const build = await runCli(site, ['build'], env);
    assert.equal(build.code, 0, build.stderr);
    assert.equal(await readSiteFile(site, PAGE), page(['@dialect sqlite', 'rows: 1', ...SERVER_SECTIONS].join('\n'), 'reopened sqlite'));
    assert.equal((await runCli(site, ['check'], env)).code, 0);
  });
});
