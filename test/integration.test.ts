/**
 * Builds the small site in test/fixtures/site end to end with the real command line,
 * Hugo included, then checks the contract authors rely on.
 */
import assert from 'node:assert/strict';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { findHugo } from '../scripts/lib/hugo.ts';
import { createFixtureSite, htmlText, readSiteFile, removeSite, REPO_ROOT, runCli, writeFiles } from './support/fixture-site.ts';

const FIRST = 'content/docs/chapter/first.md';
const SECOND = 'content/docs/chapter/second.md';

describe('a fixture site, end to end', () => {
  let site = '';
  before(async () => {
    site = await createFixtureSite({});
    await cp(join(REPO_ROOT, 'test', 'fixtures', 'site'), site, { recursive: true });
  });
  after(() => removeSite(site));

  it('builds: runs the examples, writes their output into the pages, renders HTML', async () => {
    const result = await runCli(site, ['build']);
    assert.equal(result.code, 0, result.stderr);
    const page = await readSiteFile(site, FIRST);
    assert.match(page, /\{\{< highlight text "output=chapter\/example.ts#create" >\}\}\ncreated note 1 at 2024-01-01T09:00:00\.000Z\n\{\{< \/highlight >\}\}/);
    assert.match(page, /\{\{< highlight sql "sql=chapter\/example.ts#create" >\}\}\nINSERT INTO `notes` /);
    assert.match(page, /CREATE TABLE `notes` \(`id` INTEGER PRIMARY KEY AUTOINCREMENT, `text` VARCHAR\(255\) NOT NULL/);
    assert.ok(page.startsWith('---\ntitle: First Page\ndescription: The first page of the fixture site.\nweight: 1\n---\n\nProse stays as written.\n'));

    const html = await readSiteFile(site, 'public/docs/chapter/first/index.html');
    assert.match(htmlText(html), /created note 1 at 2024-01-01T09:00:00\.000Z/);
    const caption = /<figure class="verified[^"]*\boutput\b[^"]*">\s*<figcaption>([^]*?)<\/figcaption>/.exec(html)?.[1] ?? '';
    assert.match(htmlText(caption), /code\/chapter\/example\.ts[^]*region[^]*create/, 'a verified block names its source');
    // The fullcode box loads the whole program from a file of its own when opened.
    const fragment = /<details data-src=([^ >]+)>/.exec(html)?.[1] ?? '';
    assert.ok(fragment.endsWith('.html'), 'the fullcode box names the file holding the program');
    const program = htmlText(await readSiteFile(site, join('public', fragment.replace(/^\/sequelize-tutorial\//, ''))));
    assert.ok(program.includes("const Note = sequelize.define('note'") && program.includes('await sequelize.close();'), 'the fullcode file holds the whole program');
  });

  it('a second build changes no page', async () => {
    const before = [await readSiteFile(site, FIRST), await readSiteFile(site, SECOND)];
    const result = await runCli(site, ['build']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /all pages were up to date/);
    assert.deepEqual([await readSiteFile(site, FIRST), await readSiteFile(site, SECOND)], before);
  });

  it('links previous and next in reading order', async () => {
    const nav = (html: string): string => /<nav class=page-nav[^]*?<\/nav>/.exec(html)?.[0] ?? '';
    const first = nav(await readSiteFile(site, 'public/docs/chapter/first/index.html'));
    const second = nav(await readSiteFile(site, 'public/docs/chapter/second/index.html'));
    const index = nav(await readSiteFile(site, 'public/docs/chapter/index.html'));
    assert.match(index, /rel=next href=[^>]*\/docs\/chapter\/first\/>[^]*First Page/);
    assert.doesNotMatch(index, /rel=prev/);
    assert.match(first, /rel=prev href=[^>]*\/docs\/chapter\/>[^]*The Chapter/);
    assert.match(first, /rel=next href=[^>]*\/docs\/chapter\/second\/>[^]*Second Page/);
    assert.match(second, /rel=prev href=[^>]*\/docs\/chapter\/first\/>[^]*First Page/);
    assert.doesNotMatch(second, /rel=next/);
  });

  it('shows shortcodes, fences and script tags from output as text, never running them', async () => {
    const page = await readSiteFile(site, SECOND);
    assert.ok(page.includes('&#123;{< pagebottomnav >}}\n```\n<script>alert(1)</script>\n&#123;{< /highlight >}} and &amp;#123; stay as text\n{{< /highlight >}}'));
    const html = await readSiteFile(site, 'public/docs/chapter/second/index.html');
    assert.ok(!html.includes('<script>alert(1)'), 'the script tag is escaped');
    const figure = /<figure class="verified[^"]*\boutput\b[^"]*">[^]*?<\/figure>/.exec(html)?.[0] ?? '';
    assert.ok(htmlText(figure).includes('{{< pagebottomnav >}}\n```\n<script>alert(1)</script>\n{{< /highlight >}} and &#123; stay as text'));
    assert.equal(html.match(/<nav class=page-nav/g)?.length, 1, 'the shortcode in the output did not run');
  });

  it('reads the schema of the databases still open, skipping closed ones', async () => {
    const page = await readSiteFile(site, SECOND);
    assert.ok(page.includes('{{< highlight sql "schema=chapter/two-databases.ts#use-second" >}}\nCREATE TABLE kept (id INTEGER);\n{{< /highlight >}}'));
  });

  it('check passes when pages match, then fails with a readable diff after an edit, and build updates the page', async () => {
    assert.equal((await runCli(site, ['check'])).code, 0);

    const example = await readSiteFile(site, 'code/chapter/example.ts');
    await writeFiles(site, { 'code/chapter/example.ts': example.replace("'created note'", "'stored note'") });
    const pageBefore = await readSiteFile(site, FIRST);

    const check = await runCli(site, ['check']);
    assert.equal(check.code, 1);
    assert.match(check.stdout, /--- content\/docs\/chapter\/first\.md \(on disk\)\n\+\+\+ content\/docs\/chapter\/first\.md \(from the examples\)/);
    // The hunk names the page's line: three lines of context before the changed one.
    const changedLine = pageBefore.split('\n').findIndex((line) => line.startsWith('created note')) + 1;
    assert.ok(check.stdout.includes(`@@ -${changedLine - 3},7 +${changedLine - 3},7 @@`));
    assert.match(check.stdout, /\n-created note 1 at 2024-01-01T09:00:00\.000Z\n\+stored note 1 at 2024-01-01T09:00:00\.000Z\n/);
    assert.match(check.stderr, /1 page differs from what the examples produce: content\/docs\/chapter\/first\.md/);
    assert.equal(await readSiteFile(site, FIRST), pageBefore, 'check never writes');

    assert.equal((await runCli(site, ['build'])).code, 0);
    assert.match(await readSiteFile(site, FIRST), /\nstored note 1 at 2024-01-01T09:00:00\.000Z\n/);
    assert.equal((await runCli(site, ['check'])).code, 0);
  });
});

describe('Hugo on its own', () => {
  it('fails the site build with the page and the path when fullcode names a missing file', async () => {
    const site = await createFixtureSite({});
    try {
      await cp(join(REPO_ROOT, 'test', 'fixtures', 'site'), site, { recursive: true });
      await writeFiles(site, {
        'content/docs/chapter/missing.md': '---\ntitle: Missing\ndescription: Links a file that is not there.\nweight: 3\n---\n\n{{< fullcode "chapter/gone.ts" >}}\n',
      });
      const hugo = spawnSync(findHugo(site).path, ['--source', site, '--destination', join(site, 'public')], { encoding: 'utf8' });
      assert.notEqual(hugo.status, 0);
      assert.match(`${hugo.stdout}${hugo.stderr}`, /content\/docs\/chapter\/missing\.md:7:1": fullcode: code\/chapter\/gone\.ts does not exist/);
    } finally {
      await removeSite(site);
    }
  });
});
