/**
 * `npm run dev` on a copy of test/fixtures/site: the real command line, Hugo's real server
 * on a free port of 127.0.0.1, pages read over HTTP as a browser would. Saves are made the
 * ways editors make them; the served page must follow every one, and show the problems
 * while an example fails.
 */
import assert from 'node:assert/strict';
import { cp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BANNER_DATA_FILE } from '../scripts/lib/dev-banner.ts';
import { startDev, waitFor, type DevProcess } from '../scripts/site/dev-process.ts';
import { createFixtureSite, htmlText, readSiteFile, removeSite, REPO_ROOT, runCli, SQLITE_ONLY } from './support/fixture-site.ts';

const EXAMPLE = 'code/chapter/example.ts';
const FIRST = 'docs/chapter/first/';
const LOG_LINE = "console.log('created note', ";
/** What the fixture's example prints in its `create` region, after the word that the tests change. */
const PRINTED = 'note 1 at 2024-01-01T09:00:00.000Z';
const WAIT = { timeoutMs: 60_000 };

/** The text of a served page's first `output` block. */
function outputBlock(html: string): string | undefined {
  const code = /<figure class="?verified[^>]*\boutput\b[^>]*>[^]*?<pre[^>]*><code>([^]*?)<\/code>/.exec(html)?.[1];
  return code === undefined ? undefined : htmlText(code).trimEnd();
}

/** The problem banner of a served page: its heading and its problems, as text; undefined when the page has none. */
function banner(html: string): { heading: string; problems: string[] } | undefined {
  const aside = /<aside id="?dev-problems"?[^>]*>([^]*?)<\/aside>/.exec(html)?.[1];
  if (aside === undefined) return undefined;
  const heading = htmlText(/<p[^>]*>([^]*?)<\/p>/.exec(aside)?.[1] ?? '').trim();
  const problems = [...aside.matchAll(/<li>([^]*?)<\/li>/g)].map((item) => htmlText(item[1] ?? '').trim());
  return { heading, problems };
}

/**
 * Saves as JetBrains IDEs do (vim and `sed -i` likewise): the new text in a file beside the
 * old one, renamed over it. The watcher ignores such scratch files, so only the event on the
 * example itself can tell that it changed.
 */
async function saveByRename(path: string, text: string): Promise<void> {
  const temporary = `${path}___jb_tmp___`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

/** Every file under `dir` with its text and modification time, to prove nothing was written. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path, `${(await stat(path)).mtimeMs} ${await readFile(path, 'utf8')}`);
  }
  return files;
}

describe('npm run dev', () => {
  let site = '';
  let dev: DevProcess | undefined;
  let source = '';

  const page = async (path: string): Promise<{ status: number; text: string }> => {
    const served = await dev?.fetchPage(path);
    if (!served) throw new Error(`nothing answers at ${path}`);
    return served;
  };
  /** Waits until the served page passes `check`, and returns it. */
  const servedWhen = async (path: string, what: string, check: (html: string, status: number) => boolean): Promise<string> => {
    let last = '';
    try {
      await waitFor(
        async () => {
          const served = await dev?.fetchPage(path);
          last = served?.text ?? '';
          return served !== undefined && check(served.text, served.status);
        },
        { ...WAIT, what },
      );
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- dev printed:\n${dev?.output()}\n--- last page:\n${last.slice(0, 2000)}`);
    }
    return last;
  };

  before(async () => {
    site = await createFixtureSite({});
    await cp(join(REPO_ROOT, 'test', 'fixtures', 'site'), site, { recursive: true });
    source = await readSiteFile(site, EXAMPLE);
    assert.ok(source.includes(LOG_LINE));
    dev = await startDev({ site, cli: join(REPO_ROOT, 'scripts', 'cli.ts') });
    await servedWhen(FIRST, 'the first page is served, verified', (html) => outputBlock(html) === `created ${PRINTED}`);
  });

  after(async () => {
    await dev?.stop();
    await removeSite(site);
  });

  it('follows saves by rename, twice, then an edit in place', { timeout: 180_000 }, async () => {
    for (const word of ['saved', 'stored']) {
      await saveByRename(join(site, EXAMPLE), source.replace(LOG_LINE, `console.log('${word} note', `));
      const html = await servedWhen(FIRST, `the page shows "${word} note"`, (text) => outputBlock(text) === `${word} ${PRINTED}`);
      assert.equal(banner(html), undefined);
      assert.ok((await readSiteFile(site, 'content/docs/chapter/first.md')).includes(`\n${word} ${PRINTED}\n`), 'the page on disk holds the new output');
    }
    await writeFile(join(site, EXAMPLE), source.replace(LOG_LINE, "console.log('written note', "));
    await servedWhen(FIRST, 'the page shows "written note"', (text) => outputBlock(text) === `written ${PRINTED}`);
  });

  it('notices new examples and pages, and deleted ones', { timeout: 180_000 }, async () => {
    const newPage = (title: string, block: string): string =>
      ['---', `title: ${title}`, 'description: A page added while the server runs.', 'weight: 3', '---', '', block, '{{< /highlight >}}', ''].join('\n');
    const program = [SQLITE_ONLY.trimEnd(), "import '../support/fixed-clock.ts';", '', '// #region greet', "console.log('hello from the third page');", '// #endregion', ''].join('\n');
    await writeFile(join(site, 'code/chapter/third.ts'), program);
    await writeFile(join(site, 'content/docs/chapter/third.md'), newPage('Third page', '{{< highlight text "output=chapter/third.ts#greet" >}}'));
    await servedWhen('docs/chapter/third/', 'the new page is served with its output', (html) => outputBlock(html) === 'hello from the third page');
    assert.ok((await readSiteFile(site, 'content/docs/chapter/third.md')).includes('"output=chapter/third.ts#greet" >}}\nhello from the third page\n{{< /highlight >}}'));
    assert.ok(JSON.parse(await readSiteFile(site, 'data/verified.json')).examples['chapter/third.ts'], 'the site data lists the new example');

    // A new page with a mistake is verified too, and deleting it clears the banner.
    await writeFile(join(site, 'content/docs/chapter/fourth.md'), newPage('Fourth page', '{{< highlight text "outptu=chapter/third.ts#greet" >}}'));
    const failing = await servedWhen(FIRST, 'the banner names the mistake', (html) => banner(html) !== undefined);
    assert.deepEqual(banner(failing), {
      heading: 'Verification failed: 1 problem. Pages show their last verified output until they are fixed.',
      problems: ['content/docs/chapter/fourth.md:7:1: unknown option `outptu`; did you mean `output`? (views: `code`, `types`, `output`, `sql`, `schema`; see the README for the others)'],
    });
    assert.ok(failing.includes('/docs/chapter/fourth/'), 'the menu links the new page');
    // Hugo 0.111's server keeps serving a deleted page at its old address until it restarts
    // (by design); what changes is that no page links it any more.
    await rm(join(site, 'content/docs/chapter/fourth.md'));
    const recovered = await servedWhen(FIRST, 'the banner and the links to the deleted page are gone', (html) => banner(html) === undefined && !html.includes('/docs/chapter/fourth/'));
    assert.ok(recovered.includes('/docs/chapter/third/'));

    await rm(join(site, 'content/docs/chapter/third.md'));
    await rm(join(site, 'code/chapter/third.ts'));
    await servedWhen(FIRST, 'no page links the deleted page', (html) => !html.includes('/docs/chapter/third/'));
    await waitFor(async () => !('chapter/third.ts' in JSON.parse(await readSiteFile(site, 'data/verified.json')).examples), { ...WAIT, what: 'the site data no longer lists the deleted example' });
    assert.equal(banner((await page(FIRST)).text), undefined);
  });

  it('shows the problems on every page while an example fails, writes no page, and recovers', { timeout: 180_000 }, async () => {
    const content = await snapshot(join(site, 'content'));
    const before = await page(FIRST);
    const broken = source.replace(LOG_LINE, `throw new Error('broken on purpose');\n${LOG_LINE}`);
    await saveByRename(join(site, EXAMPLE), broken);

    const failing = await servedWhen(FIRST, 'the banner appears', (html) => banner(html) !== undefined);
    assert.deepEqual(banner(failing), {
      heading: 'Verification failed: 1 problem. Pages show their last verified output until they are fixed.',
      // One cause, one problem, with what it left unverified.
      problems: ['code/chapter/example.ts:14:7: Error: broken on purpose (in region `create`)\n  this left 3 blocks unverified: content/docs/chapter/first.md (3)'],
    });
    assert.equal(outputBlock(failing), outputBlock(before.text), 'the page keeps its last verified output');
    assert.deepEqual(banner((await page('')).text), banner(failing), 'the home page shows the banner too');
    assert.deepEqual(await snapshot(join(site, 'content')), content, 'no page was written');

    await saveByRename(join(site, EXAMPLE), source.replace(LOG_LINE, "console.log('fixed note', "));
    const fixed = await servedWhen(FIRST, 'the banner is gone and the page updated', (html) => banner(html) === undefined && outputBlock(html) === `fixed ${PRINTED}`);
    assert.ok(!fixed.includes('dev-problems'));
  });

  it('stops Hugo and every example when stopped', { timeout: 60_000 }, async () => {
    const port = dev?.port;
    assert.deepEqual(await dev?.stop(), { leftovers: [] });
    await assert.rejects(fetch(`http://127.0.0.1:${port}/`), 'nothing answers on the port any more');
  });

  it('leaves no trace of the banner in a build, even with problems left from the dev server', { timeout: 180_000 }, async () => {
    const problems = { problems: ['code/chapter/example.ts:14:7: Error: broken on purpose'] };
    await writeFile(join(site, BANNER_DATA_FILE), JSON.stringify(problems));
    const result = await runCli(site, ['build']);
    assert.equal(result.code, 0, result.stderr);
    const pages = (await readdir(join(site, 'public'), { recursive: true })).filter((file) => file.endsWith('.html'));
    assert.ok(pages.includes(join('docs', 'chapter', 'first', 'index.html')));
    for (const file of pages) {
      const html = await readSiteFile(site, join('public', file));
      assert.ok(!html.includes('dev-problems') && !html.includes('Verification failed'), `${file} has no banner`);
    }
  });
});
