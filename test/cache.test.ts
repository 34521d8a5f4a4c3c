/**
 * The run cache must never let a stale output through: an example runs again when
 * anything it depends on changes, and only then.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { environmentFingerprint } from '../scripts/lib/example-cache.ts';
import { verifyPages, type VerifyResult } from '../scripts/lib/verify.ts';
import { createFixtureSite, removeSite, REPO_ROOT, writeFiles } from './support/fixture-site.ts';

const helper = (greeting: string): string => `export function greet(name: string): string {\n  return \`${greeting}, \${name}\`;\n}\n`;
const exampleUsing = (name: string, importsHelper: boolean): string =>
  [
    importsHelper ? "import { greet } from './shared/greet.ts';" : '',
    '// #region run',
    importsHelper ? `console.log(greet('${name}'));` : `console.log('plain ${name}');`,
    '// #endregion',
  ].join('\n');

const files = {
  'code/cache/shared/greet.ts': helper('Hello'),
  'code/cache/alpha.ts': exampleUsing('alpha', true),
  'code/cache/beta.ts': exampleUsing('beta', true),
  'code/cache/gamma.ts': exampleUsing('gamma', false),
  'content/docs/cache/_index.md': '---\ntitle: Cache\ndescription: Cache fixtures.\nweight: 1\n---\n',
  'content/docs/cache/page.md': [
    '---\ntitle: Page\ndescription: Uses three examples.\n---\n',
    ...['alpha', 'beta', 'gamma'].map((name) => `{{< highlight text "output=cache/${name}.ts#run" >}}\n{{< /highlight >}}\n`),
  ].join('\n'),
};

function ran(result: VerifyResult): string[] {
  return result.examples.filter((example) => !example.cached).map((example) => example.file);
}

describe('the run cache', () => {
  let site = '';
  const build = (cacheMode: 'read-write' | 'write-only' = 'read-write', concurrency?: number): Promise<VerifyResult> =>
    verifyPages({ root: site, timeoutMs: 30_000, cacheMode, ...(concurrency ? { concurrency } : {}) });

  before(async () => {
    site = await createFixtureSite(files);
    await cp(join(REPO_ROOT, 'package-lock.json'), join(site, 'package-lock.json'));
  });
  after(() => removeSite(site));

  it('runs every example the first time, then none while nothing changed', async () => {
    assert.deepEqual(ran(await build()), ['code/cache/alpha.ts', 'code/cache/beta.ts', 'code/cache/gamma.ts']);
    const second = await build();
    assert.deepEqual(ran(second), []);
    assert.ok(second.pages[1]?.updated.includes('Hello, alpha'));
  });

  it('editing an imported helper re-runs exactly the examples that import it', async () => {
    await writeFiles(site, { 'code/cache/shared/greet.ts': helper('Welcome') });
    const result = await build();
    assert.deepEqual(ran(result), ['code/cache/alpha.ts', 'code/cache/beta.ts']);
    const page = result.pages.find((p) => p.file === 'content/docs/cache/page.md')?.updated ?? '';
    assert.ok(page.includes('Welcome, alpha') && page.includes('Welcome, beta') && page.includes('plain gamma'));
    assert.deepEqual(ran(await build()), []);
  });

  it('a new import in an example is followed, and its module becomes an input', async () => {
    await writeFiles(site, { 'code/cache/gamma.ts': exampleUsing('gamma', true) });
    assert.deepEqual(ran(await build()), ['code/cache/gamma.ts']);
    await writeFiles(site, { 'code/cache/shared/greet.ts': helper('Hi') });
    assert.deepEqual(ran(await build()), ['code/cache/alpha.ts', 'code/cache/beta.ts', 'code/cache/gamma.ts']);
  });

  it('a changed lockfile (other installed packages) re-runs everything', async () => {
    const lockfile = join(site, 'package-lock.json');
    await writeFile(lockfile, `${await readFile(lockfile, 'utf8')}\n`);
    assert.equal(ran(await build()).length, 3);
    assert.deepEqual(ran(await build()), []);
  });

  it('a failed run is not stored: it runs again next time', async () => {
    await writeFiles(site, { 'code/cache/beta.ts': "// #region run\nthrow new Error('broken');\n// #endregion\n" });
    const failed = await build();
    assert.equal(failed.problems.length > 0, true);
    assert.deepEqual(ran(await build()), ['code/cache/beta.ts']);
    await writeFiles(site, { 'code/cache/beta.ts': exampleUsing('beta', true) });
  });

  it('check mode runs every example from scratch', async () => {
    await build();
    assert.equal(ran(await build('write-only')).length, 3);
  });

  it('check mode reads nothing from the cache, not even the shortcodes found in pages', async () => {
    await build();
    const pagesDir = join(site, '.cache', 'verified-docs', 'pages');
    // Poison every remembered page: a mode that reads the cache would see no blocks at all.
    for (const entry of await readdir(pagesDir)) {
      await writeFile(join(pagesDir, entry), JSON.stringify({ shortcodes: [], problems: [] }));
    }
    const checked = await build('write-only');
    const page = checked.pages.find((p) => p.file === 'content/docs/cache/page.md');
    // The page on disk has empty bodies: they are filled only if check found the blocks itself.
    assert.ok(page && page.updated !== page.current && page.updated.includes('gamma'), 'check found the blocks itself');
  });

  it('parallel runs give the same pages as one at a time', async () => {
    const sequential = await build('write-only', 1);
    const parallel = await build('write-only', 3);
    assert.deepEqual(parallel.pages, sequential.pages);
    assert.deepEqual(parallel.problems, []);
  });
});

describe('the environment fingerprint', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fingerprint-'));
    await cp(join(REPO_ROOT, 'scripts'), join(dir, 'scripts'), { recursive: true });
    await cp(join(REPO_ROOT, 'package-lock.json'), join(dir, 'package-lock.json'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('changes with any file of the runner and with the lockfile', async () => {
    const runner = [join(dir, 'scripts', 'lib'), join(dir, 'scripts', 'runtime')];
    const original = await environmentFingerprint(dir, runner);
    assert.equal(await environmentFingerprint(dir, runner), original, 'stable while nothing changes');

    for (const file of ['scripts/runtime/capture.ts', 'scripts/lib/captures.ts', 'package-lock.json']) {
      const path = join(dir, file);
      const content = await readFile(path, 'utf8');
      await writeFile(path, `${content} `);
      assert.notEqual(await environmentFingerprint(dir, runner), original, `${file} is part of the fingerprint`);
      await writeFile(path, content);
    }
    assert.equal(await environmentFingerprint(dir, runner), original);
  });
});
