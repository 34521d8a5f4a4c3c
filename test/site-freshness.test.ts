/**
 * A build skips Hugo and Pagefind only when public/ is what they would make again: not
 * after a change to anything they read, not after public/ was touched, not with --no-cache.
 */
import assert from 'node:assert/strict';
import { appendFile, cp, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFixtureSite, removeSite, REPO_ROOT, runCli } from './support/fixture-site.ts';

const UP_TO_DATE = 'public/ is up to date: nothing Hugo or Pagefind read has changed since they made it';
const PAGE = 'public/docs/chapter/first/index.html';

describe('skipping the site steps', () => {
  let site = '';
  const build = async (...args: string[]): Promise<{ skipped: boolean; hugoRan: boolean }> => {
    const result = await runCli(site, ['build', ...args]);
    assert.equal(result.code, 0, result.stderr);
    return { skipped: result.stdout.includes(UP_TO_DATE), hugoRan: /Total in \d+ ms/.test(result.stdout) };
  };
  before(async () => {
    site = await createFixtureSite({});
    await cp(join(REPO_ROOT, 'test', 'fixtures', 'site'), site, { recursive: true });
    assert.deepEqual(await build(), { skipped: false, hugoRan: true });
  });
  after(() => removeSite(site));

  it('skips them when nothing changed, leaving public/ as it was', async () => {
    const before = (await stat(join(site, PAGE))).mtimeMs;
    assert.deepEqual(await build(), { skipped: true, hugoRan: false });
    assert.equal((await stat(join(site, PAGE))).mtimeMs, before);
  });

  it('runs them after a change to a file Hugo reads, and then skips again', async () => {
    await appendFile(join(site, 'content/docs/chapter/second.md'), '\nA sentence added by the test.\n');
    assert.deepEqual(await build(), { skipped: false, hugoRan: true });
    assert.match(await readFile(join(site, 'public/docs/chapter/second/index.html'), 'utf8'), /A sentence added by the test\./);
    assert.deepEqual(await build(), { skipped: true, hugoRan: false });
  });

  it('runs them when public/ lost a file, or a file in it changed', async () => {
    await rm(join(site, 'public/sitemap.xml'));
    assert.deepEqual(await build(), { skipped: false, hugoRan: true });
    await stat(join(site, 'public/sitemap.xml'));
    await appendFile(join(site, PAGE), '<!-- edited by hand -->');
    assert.deepEqual(await build(), { skipped: false, hugoRan: true });
    assert.doesNotMatch(await readFile(join(site, PAGE), 'utf8'), /edited by hand/);
  });

  it('runs them with --no-cache, and for another base URL', async () => {
    assert.deepEqual(await build('--no-cache'), { skipped: false, hugoRan: true });
    assert.deepEqual(await build('--base-url', 'https://example.org/elsewhere/'), { skipped: false, hugoRan: true });
    assert.deepEqual(await build('--base-url', 'https://example.org/elsewhere/'), { skipped: true, hugoRan: false });
  });
});
