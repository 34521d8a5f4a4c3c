/**
 * The theme on a small site of its own (a temporary folder with the real layouts,
 * assets, static files and hugo.toml, and pages written here): code block options no
 * tutorial page uses yet, Markdown links and images under a sub-path, and the build
 * errors that tell an author what to fix.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { findHugo } from '../../scripts/lib/hugo.ts';
import { ROOT } from '../../scripts/site/build-site.ts';
import { createTempSite, THEME } from '../../scripts/site/temp-site.ts';
import { parseHtml, proseText } from '../../scripts/site/site-files.ts';

const run = promisify(execFile);
const folders: string[] = [];

after(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

const CHAPTER = '---\ntitle: Chapter\nweight: 10\ndescription: A chapter of the test site.\n---\n\n{{< chaptertoc >}}\n';
const EXAMPLE = "const a = 1;\nconst b = 2;\nconst c = 3;\n";

/** Builds a site made of the theme and `pages` (paths under content/) for baseURL https://x.test/sub/. */
async function build(pages: Record<string, string>, config?: (toml: string) => string): Promise<{ ok: boolean; log: string; read(path: string): Promise<string> }> {
  const toml = await readFile(join(ROOT, 'hugo.toml'), 'utf8');
  const files: Record<string, string> = {
    'hugo.toml': config ? config(toml) : toml,
    'code/ch/x.ts': EXAMPLE,
    'content/docs/_index.md': '---\ntitle: Docs\n---\n',
    'content/docs/ch/_index.md': CHAPTER,
  };
  for (const [path, text] of Object.entries(pages)) files[`content/${path}`] = text;
  const dir = await createTempSite({ copy: THEME, files, prefix: 'theme-' });
  folders.push(dir);
  try {
    // Hugo logs warnings and errors on stdout, and its summary on stderr.
    const result = await run(findHugo(ROOT).path, ['--source', dir, '--destination', 'public', '--baseURL', 'https://x.test/sub/', '--noBuildLock']);
    return { ok: true, log: result.stdout + result.stderr, read: (path) => readFile(join(dir, 'public', path), 'utf8') };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, log: `${failed.stdout ?? ''}${failed.stderr ?? String(error)}`, read: () => Promise.reject(new Error('the build failed')) };
  }
}

function page(body: string, frontMatter = 'title: Page\nweight: 11\ndescription: A page of the test site.'): string {
  return `---\n${frontMatter}\n---\n\nIntro.\n\n${body}\n`;
}

describe('code blocks', () => {
  test('line numbers, a start line and highlighted lines, in shortcodes and Markdown fences', async () => {
    const site = await build({
      'docs/ch/p.md': page(
        [
          '{{< highlight ts "linenos=table,hl_lines=2" >}}\nconst a = 1;\nconst b = 2;\nconst c = 3;\n{{< /highlight >}}',
          '{{< highlight ts "code=ch/x.ts,linenos=table,linenostart=5" >}}\nconst a = 1;\nconst b = 2;\n{{< /highlight >}}',
          '```sh {hl_lines=[1]}\nnpm test\nnpm run build\n```',
          '```sh\nnpm test\nnpm run build\n```',
        ].join('\n\n'),
      ),
    });
    assert.ok(site.ok, site.log);
    const root = await parseHtml(await site.read('docs/ch/p/index.html'));
    const blocks = root.querySelectorAll('.prose .highlight');
    assert.equal(blocks.length, 4);
    const [numbered, started, fenced, plain] = blocks;

    assert.ok(numbered && started && fenced && plain);
    assert.ok(numbered.classList.contains('numbered'));
    assert.equal(numbered.querySelectorAll('.line').length, 3);
    assert.equal(numbered.querySelectorAll('.line.hl').length, 1);
    assert.equal(numbered.querySelector('.line.hl')?.textContent, 'const b = 2;\n');
    assert.equal(numbered.querySelectorAll('.lnt, table').length, 0, 'no line-number markup to copy');

    assert.equal(started.getAttributeValue('style'), 'counter-reset: line 4');

    assert.ok(!fenced.classList.contains('numbered'));
    assert.equal(fenced.querySelectorAll('.line').length, 2, 'highlighted lines keep their line wrappers');
    assert.equal(fenced.querySelector('.line.hl')?.textContent, 'npm test\n');

    assert.equal(plain.querySelectorAll('.line').length, 0, 'plain blocks carry no line wrappers');
    assert.equal(plain.querySelector('code')?.textContent, 'npm test\nnpm run build');
  });

  test('tokens in the default colour lose their spans; keywords in a row share one', async () => {
    const site = await build({ 'docs/ch/p.md': page('```sql\nCREATE TABLE IF NOT EXISTS `t` (`id` INTEGER NOT NULL);\n```') });
    assert.ok(site.ok, site.log);
    const html = await site.read('docs/ch/p/index.html');
    assert.match(html, /<span class="k">CREATE TABLE IF NOT EXISTS<\/span>/);
    assert.doesNotMatch(html, /<span class="(p|w|o|n|nx|err)">/);
    const root = await parseHtml(html);
    assert.equal(root.querySelector('.prose code')?.textContent, 'CREATE TABLE IF NOT EXISTS `t` (`id` INTEGER NOT NULL);');
  });
});

describe('blocks the build highlighted (verified TypeScript)', () => {
  const BODY = [
    '<code><b>const</b> a = <b class="no">1</b>;',
    '<b>const</b> b = <b class="no">2</b>;<span class="ann">&#10;<span>      <i>^ const b: 2</i></span></span>',
    '<b>const</b> c = <b class="no">3</b>;</code>',
    '<!--types {"at":[[6,1,0]],"types":[',
    '"const a: 1"',
    ']}-->',
  ].join('\n');

  test('go in as they are, with line numbers and highlighted lines; their types leave the page for a file of their own', async () => {
    const site = await build({ 'docs/ch/p.md': page(`{{< highlight ts "code=ch/x.ts,linenos=table,hl_lines=2-3,linenostart=7" >}}\n${BODY}\n{{< /highlight >}}`) });
    assert.ok(site.ok, site.log);
    const html = await site.read('docs/ch/p/index.html');
    assert.ok(!html.includes('<!--types'), 'the hover data is not part of the page');
    const root = await parseHtml(html);
    const block = root.querySelector('.prose .highlight');
    assert.ok(block && block.classList.contains('numbered'));
    assert.equal(block.getAttributeValue('style'), 'counter-reset: line 6');
    assert.deepEqual(
      // The parser leaves character references as they are; a browser reads `&#10;` as a new line.
      block.querySelectorAll('.line').map((line) => [line.classList.contains('hl'), line.textContent.replaceAll('&#10;', '\n')]),
      [
        [false, 'const a = 1;\n'],
        [true, 'const b = 2;\n      ^ const b: 2\n'],
        [true, 'const c = 3;\n'],
      ],
    );
    const key = block.getAttributeValue('data-t');
    const data = root.querySelector('#type-data');
    assert.ok(key && data && data.hasAttribute('hidden'));
    const published = JSON.parse(await site.read((data.getAttributeValue('data-src') ?? '').replace(/^\/sub\//, ''))) as Record<string, unknown>;
    assert.deepEqual(published, { [key]: { at: [[6, 1, 0]], types: ['const a: 1'] } });
    for (const attribute of ['data-js', 'data-css']) {
      const path = (data.getAttributeValue(attribute) ?? '').replace(/^\/sub\//, '');
      assert.ok((await site.read(path)).length > 100, `${attribute} names a file of the site`);
    }
  });

  test('a page without such blocks carries no type data', async () => {
    const site = await build({ 'docs/ch/p.md': page('{{< highlight ts "code=ch/x.ts" >}}\nconst a = 1;\n{{< /highlight >}}') });
    assert.ok(site.ok, site.log);
    const html = await site.read('docs/ch/p/index.html');
    assert.ok(!html.includes('type-data') && !html.includes('data-t='));
  });
});

describe('Markdown links and images', () => {
  test('links to pages and site files follow the sub-path; images keep their alt text', async () => {
    const site = await build({
      'docs/ch/p.md': page('[the chapter](/docs/ch/), [this page](/docs/ch/p/#intro), [as a file](/docs/ch/p.md), ![the icon](/favicon.svg) and [elsewhere](https://sequelize.org/).'),
    });
    assert.ok(site.ok, site.log);
    const root = await parseHtml(await site.read('docs/ch/p/index.html'));
    const hrefs = root.querySelectorAll('.prose a').map((link) => link.getAttributeValue('href'));
    assert.deepEqual(hrefs, ['/sub/docs/ch/', '/sub/docs/ch/p/#intro', '/sub/docs/ch/p/', 'https://sequelize.org/']);
    assert.equal(root.querySelector('.prose img')?.getAttributeValue('src'), '/sub/favicon.svg');
    assert.equal(root.querySelector('.prose img')?.getAttributeValue('alt'), 'the icon');
    assert.doesNotMatch(site.log, /names no page/);
  });

  test('a link to a page that does not exist is reported', async () => {
    const site = await build({ 'docs/ch/p.md': page('[gone](/docs/ch/gone/)') });
    assert.ok(site.ok, site.log);
    assert.match(site.log, /docs\/ch\/p\.md: the link \/docs\/ch\/gone\/ names no page/);
  });
});

describe('mistakes fail the build and say how to fix them', () => {
  const cases: Array<[string, Record<string, string>, RegExp, ((toml: string) => string)?]> = [
    ['an image without alt text', { 'docs/ch/p.md': page('![](/favicon.svg)') }, /docs\/ch\/p\.md: the image \/favicon\.svg has no alt text/],
    ['a page without a description', { 'docs/ch/p.md': page('Text.', 'title: Page\nweight: 11') }, /docs\/ch\/p\.md has no description: add a one-sentence `description:`/],
    ['a fullcode block naming a missing file', { 'docs/ch/p.md': page('{{< fullcode "ch/missing.ts" >}}') }, /fullcode: code\/ch\/missing\.ts does not exist/],
    ['a verified block naming a missing file', { 'docs/ch/p.md': page('{{< highlight ts "code=ch/missing.ts#a" >}}\nx\n{{< /highlight >}}') }, /highlight: code\/ch\/missing\.ts does not exist/],
    ['no params.repository', { 'docs/ch/p.md': page('Text.') }, /set params\.repository to the repository's URL/, (toml) => toml.replace(/^\s*repository = .*$/m, '')],
  ];
  for (const [name, pages, message, config] of cases) {
    test(name, async () => {
      const site = await build(pages, config);
      assert.equal(site.ok, false, 'the build should fail');
      assert.match(site.log, message);
    });
  }
});

describe('the full program', () => {
  test('is published on its own, numbered, and the page links to it and to the repository', async () => {
    const site = await build({ 'docs/ch/p.md': page('{{< fullcode "ch/x.ts" >}}') });
    assert.ok(site.ok, site.log);
    const root = await parseHtml(await site.read('docs/ch/p/index.html'));
    const details = root.querySelector('.fullcode details');
    const src = details?.getAttributeValue('data-src') ?? '';
    assert.match(src, /^\/sub\/examples\/ch\/x\.ts\.[0-9a-f]{64}\.html$/);
    assert.equal(root.querySelector('.fullcode summary')?.textContent, 'Show all 3 lines');
    assert.equal(root.querySelector('.fullcode figcaption a')?.getAttributeValue('href'), 'https://github.com/example-org/sequelize-tutorial/blob/main/code/ch/x.ts');
    const fragment = await parseHtml(await site.read(src.replace('/sub/', '')));
    assert.ok(fragment.querySelector('.highlight')?.classList.contains('numbered'));
    assert.equal(fragment.querySelector('code')?.textContent, EXAMPLE.trimEnd());
    assert.equal(proseText(root).includes('const a = 1'), false, 'the program is not in the page itself');
  });
});
