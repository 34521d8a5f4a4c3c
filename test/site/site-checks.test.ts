/**
 * Checks on the built site, without a browser: links and assets resolve (at the
 * domain's root and under a sub-path, as on GitHub Pages), the HTML validates, no
 * shortcode leaks into a page, every page has its metadata, the colours meet WCAG AA,
 * and every page stays within the weight budget.
 */
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { CLASS_OF_COLOUR } from '../../scripts/lib/token-classes.ts';
import { buildSite, ROOT, type BuiltSite } from '../../scripts/site/build-site.ts';
import { contrastRatio, customProperties } from './contrast.ts';
import { fileForUrl, ids, listFiles, listPages, parseHtml, proseText, publicUrl, readSiteFile, references, SEARCH_DIR } from '../../scripts/site/site-files.ts';

const ORIGIN = 'https://example.org';
const BUILDS = {
  root: `${ORIGIN}/`,
  'sub-path': `${ORIGIN}/sequelize-tutorial/`,
} as const;

const sites = new Map<keyof typeof BUILDS, BuiltSite>();

before(async () => {
  for (const [name, baseURL] of Object.entries(BUILDS) as Array<[keyof typeof BUILDS, string]>) {
    sites.set(name, await buildSite({ baseURL }));
  }
});

after(async () => {
  for (const site of sites.values()) await site.remove();
});

function site(name: keyof typeof BUILDS): BuiltSite {
  const built = sites.get(name);
  if (!built) throw new Error(`the ${name} build is missing`);
  return built;
}

for (const name of Object.keys(BUILDS) as Array<keyof typeof BUILDS>) {
  describe(`links and assets (baseURL at the ${name})`, () => {
    test('every internal link, asset and #fragment resolves to a file of the site', async () => {
      const built = site(name);
      const problems: string[] = [];
      const idCache = new Map<string, Set<string>>();
      const idsOf = async (file: string): Promise<Set<string>> => {
        let found = idCache.get(file);
        if (!found) {
          found = ids(await parseHtml(await readSiteFile(built, file)));
          idCache.set(file, found);
        }
        return found;
      };
      let checked = 0;
      for (const page of await listPages(built.dir)) {
        const here = publicUrl(built, page);
        for (const reference of references(await parseHtml(await readSiteFile(built, page)))) {
          if (/^(mailto|tel|javascript|data):/.test(reference.value)) continue;
          const url = new URL(reference.value, here);
          if (url.origin !== ORIGIN && !url.href.startsWith('http://127.0.0.1')) {
            if (url.origin === 'null' || !/^https?:$/.test(url.protocol)) problems.push(`${page}: ${reference.via} \`${reference.value}\` is not a web URL`);
            continue;
          }
          checked++;
          const file = fileForUrl(built, url);
          if (!file) {
            problems.push(`${page}: ${reference.via} \`${reference.value}\` points outside the site's base path ${built.basePath}`);
            continue;
          }
          const target = (await isFile(join(built.dir, file))) ? file : (await isFile(join(built.dir, file, 'index.html'))) ? `${file}/index.html` : undefined;
          if (!target) {
            problems.push(`${page}: ${reference.via} \`${reference.value}\` has no file (${file})`);
            continue;
          }
          if (url.hash && target.endsWith('.html')) {
            const id = decodeURIComponent(url.hash.slice(1));
            if (!(await idsOf(target)).has(id)) problems.push(`${page}: ${reference.via} \`${reference.value}\`: ${target} has no element with id \`${id}\``);
          }
        }
      }
      assert.deepEqual(problems, []);
      assert.ok(checked > 100, `only ${checked} internal references were found; is the site empty?`);
    });

    test('every url() in the stylesheets resolves', async () => {
      const built = site(name);
      const problems: string[] = [];
      for (const file of (await listFiles(built.dir)).filter((f) => f.endsWith('.css') && !f.startsWith(`${SEARCH_DIR}/`))) {
        const css = await readSiteFile(built, file);
        for (const match of css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) {
          const value = match[1]!;
          if (value.startsWith('data:') || value.startsWith('#')) continue;
          const target = fileForUrl(built, new URL(value, publicUrl(built, file)));
          if (!target || !(await isFile(join(built.dir, target)))) problems.push(`${file}: url(${value}) does not resolve`);
        }
      }
      assert.deepEqual(problems, []);
    });

    test('the sitemap lists every page under the base URL, and robots.txt names it', async () => {
      const built = site(name);
      const sitemap = await readSiteFile(built, 'sitemap.xml');
      const locations = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]!);
      const pages = (await listPages(built.dir)).filter((page) => page !== '404.html');
      assert.deepEqual(locations.map((loc) => fileForUrl(built, new URL(loc))).sort(), pages.sort());
      const robots = await readSiteFile(built, 'robots.txt');
      assert.match(robots, new RegExp(`^Sitemap: ${escapeRegExp(built.baseURL)}sitemap\\.xml$`, 'm'));
    });
  });
}

/** The weight budget of every page, uncompressed, with its CSS, JS, fonts and images. */
const PAGE_BUDGET_KB = 80;
/**
 * The same, compressed as a static host sends it: each file gzipped on its own, at level 6,
 * zlib's default, close to what GitHub Pages sends.
 */
const PAGE_GZIP_BUDGET_KB = 20;
const GZIP_LEVEL = 6;

describe('pages', () => {
  test('the HTML of every page validates (html-validate, recommended rules)', async () => {
    const built = site('sub-path');
    const loader = new StaticConfigLoader({
      extends: ['html-validate:recommended'],
      rules: {
        // Style only: Hugo's minifier writes `<!doctype html>` and drops optional quotes.
        'doctype-style': 'off',
        'attr-quotes': 'off',
      },
    });
    const validator = new HtmlValidate(loader);
    const problems: string[] = [];
    for (const page of await listPages(built.dir)) {
      const report = await validator.validateString(await readSiteFile(built, page), page);
      for (const result of report.results) {
        for (const message of result.messages) problems.push(`${page}:${message.line}:${message.column}: ${message.message} (${message.ruleId})`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('no page shows a raw shortcode, an undecoded entity, or "raw HTML omitted"', async () => {
    const built = site('sub-path');
    const problems: string[] = [];
    for (const file of (await listFiles(built.dir)).filter((f) => f.endsWith('.html') && !f.startsWith(`${SEARCH_DIR}/`))) {
      const html = await readSiteFile(built, file);
      if (html.includes('raw HTML omitted')) problems.push(`${file}: Hugo omitted raw HTML written in the page`);
      if (/\{\{[<%]/.test(html)) problems.push(`${file}: contains \`{{<\` or \`{{%\` in its markup`);
      const prose = proseText(await parseHtml(html));
      if (/\{\{\s*[<%]/.test(prose)) problems.push(`${file}: a shortcode was not processed: ${excerpt(prose, /\{\{\s*[<%]/)}`);
      if (/&(#123|amp|lt|gt);/.test(prose)) problems.push(`${file}: an entity is shown escaped twice: ${excerpt(prose, /&(#123|amp|lt|gt);/)}`);
    }
    assert.deepEqual(problems, []);
  });

  test('every page has a title, a description, a canonical URL, Open Graph tags and an icon', async () => {
    const built = site('sub-path');
    const problems: string[] = [];
    for (const page of await listPages(built.dir)) {
      const root = await parseHtml(await readSiteFile(built, page));
      const attribute = (selector: string, name: string): string => root.querySelector(selector)?.getAttributeValue(name) ?? '';
      const expectations: Array<[string, boolean]> = [
        ['<html lang>', attribute('html', 'lang') !== ''],
        ['one <h1>', root.querySelectorAll('h1').length === 1],
        ['<title>', (root.querySelector('title')?.textContent.trim() ?? '') !== ''],
        ['meta description', attribute('meta[name="description"]', 'content').trim().length > 20],
        ['og:title', attribute('meta[property="og:title"]', 'content') !== ''],
        ['og:description', attribute('meta[property="og:description"]', 'content') !== ''],
        ['og:type', attribute('meta[property="og:type"]', 'content') !== ''],
        ['og:url', attribute('meta[property="og:url"]', 'content') === publicUrl(built, page)],
        ['an SVG icon', attribute('link[rel="icon"]', 'href').endsWith('favicon.svg')],
        ['a viewport', attribute('meta[name="viewport"]', 'content').includes('width=device-width')],
      ];
      if (page === '404.html') {
        expectations.push(['noindex', attribute('meta[name="robots"]', 'content') === 'noindex']);
      } else {
        expectations.push(['canonical = its own URL', attribute('link[rel="canonical"]', 'href') === publicUrl(built, page)]);
      }
      for (const [what, ok] of expectations) if (!ok) problems.push(`${page}: ${what}`);
    }
    assert.deepEqual(problems, []);
  });

  test('every image has alt text, and landmarks and a skip link are on every page', async () => {
    const built = site('sub-path');
    const problems: string[] = [];
    for (const page of await listPages(built.dir)) {
      const root = await parseHtml(await readSiteFile(built, page));
      for (const image of root.querySelectorAll('img')) {
        if (!image.getAttributeValue('alt')) problems.push(`${page}: <img src="${image.getAttributeValue('src')}"> has no alt text`);
      }
      for (const selector of ['header.site-header', 'nav#menu[aria-label]', 'main#content', 'footer.site-footer', '[role="search"] input[type="search"]']) {
        if (!root.querySelector(selector)) problems.push(`${page}: no ${selector}`);
      }
      const first = root.querySelector('body')?.childElements[0];
      if (first?.tagName !== 'a' || first.getAttributeValue('href') !== '#content') problems.push(`${page}: the first element is not the skip link`);
    }
    assert.deepEqual(problems, []);
  });

  test('each verified block names its example and links to its lines in the repository', async () => {
    const built = site('sub-path');
    const config = await readFile(join(ROOT, 'hugo.toml'), 'utf8');
    const repository = /^\s*repository\s*=\s*"([^"]+)"/m.exec(config)?.[1];
    assert.ok(repository, 'hugo.toml has params.repository');
    // The program's blocks, on One-to-one relationships and the page that continues it.
    const figures = [];
    for (const page of ['docs/relationships/one-to-one/index.html', 'docs/relationships/one-to-one-loading/index.html']) {
      figures.push(...(await parseHtml(await readSiteFile(built, page))).querySelectorAll('figure.verified'));
    }
    assert.ok(figures.length >= 10, `the One-to-one pages have ${figures.length} verified blocks`);
    const source = (await readFile(join(ROOT, 'code/relationships/one-to-one.ts'), 'utf8')).split('\n');
    for (const figure of figures) {
      const link = figure.querySelector('figcaption a');
      const href = link?.getAttributeValue('href') ?? '';
      const match = /\/blob\/[^/]+\/(code\/[^#]+)#L(\d+)-L(\d+)$/.exec(href);
      assert.ok(href.startsWith(`${repository}/blob/`) && match, `a caption links to ${href}`);
      assert.equal(match[1], 'code/relationships/one-to-one.ts');
      const region = figure.querySelector('figcaption code')?.textContent;
      assert.match(source[Number(match[2]) - 1] ?? '', new RegExp(`#region ${region}\\b`));
      assert.match(source[Number(match[3]) - 1] ?? '', /#endregion/);
    }
  });

  test('no page loads a render-blocking script', async () => {
    const built = site('sub-path');
    const problems: string[] = [];
    for (const page of await listPages(built.dir)) {
      const root = await parseHtml(await readSiteFile(built, page));
      for (const script of root.querySelectorAll('script[src]')) {
        const deferred = script.hasAttribute('defer') || script.hasAttribute('async') || script.getAttributeValue('type') === 'module';
        if (!deferred) problems.push(`${page}: <script src="${script.getAttributeValue('src')}"> blocks rendering`);
      }
      for (const script of root.querySelectorAll('script')) {
        if (!script.hasAttribute('src') && script.textContent.length > 400) problems.push(`${page}: an inline script of ${script.textContent.length} bytes`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test(`every page weighs at most ${PAGE_BUDGET_KB} KB, ${PAGE_GZIP_BUDGET_KB} KB gzipped, with what loads with it (search excluded)`, async () => {
    const built = site('sub-path');
    const over: string[] = [];
    const gzipped = new Map<string, number>();
    /** A file's size gzipped, each file once. */
    const gzipSize = async (file: string): Promise<number> => {
      let size = gzipped.get(file);
      if (size === undefined) {
        size = gzipSync(await readFile(join(built.dir, file)), { level: GZIP_LEVEL }).length;
        gzipped.set(file, size);
      }
      return size;
    };
    for (const page of await listPages(built.dir)) {
      const root = await parseHtml(await readSiteFile(built, page));
      let bytes = (await stat(join(built.dir, page))).size;
      let compressed = await gzipSize(page);
      // The stylesheet, the deferred script, the icon and images load with the page; Pagefind
      // and the complete programs load only when the reader asks for them.
      for (const reference of references(root)) {
        const via = reference.via;
        if (!['link[href]', 'script[src]', 'img[src]'].includes(via)) continue;
        const element = via === 'link[href]' ? root.querySelector(`link[href="${reference.value}"]`) : undefined;
        if (element && !['stylesheet', 'icon'].includes(element.getAttributeValue('rel') ?? '')) continue;
        const file = fileForUrl(built, new URL(reference.value, publicUrl(built, page)));
        assert.ok(file, `${reference.value} is part of the site`);
        bytes += (await stat(join(built.dir, file))).size;
        compressed += await gzipSize(file);
      }
      if (bytes > PAGE_BUDGET_KB * 1024) over.push(`${page} weighs ${(bytes / 1024).toFixed(1)} KB`);
      if (compressed > PAGE_GZIP_BUDGET_KB * 1024) over.push(`${page} weighs ${(compressed / 1024).toFixed(1)} KB gzipped`);
    }
    assert.deepEqual(over, [], `pages over the ${PAGE_BUDGET_KB} KB (${PAGE_GZIP_BUDGET_KB} KB gzipped) budget: split them, or trim what they show`);
  });
});

describe('colours', () => {
  const PAIRS: Array<[foreground: string, background: string]> = [
    ['--fg', '--bg'],
    ['--fg-muted', '--bg'],
    ['--fg', '--bg-subtle'],
    ['--fg-muted', '--bg-subtle'],
    ['--fg-muted', '--bg-raised'],
    ['--link', '--bg'],
    ['--link', '--bg-subtle'],
    ['--link', '--bg-raised'],
    ['--link', '--accent-soft'],
    // TypeScript's answers under a line of code, and the type hovers' tooltip.
    ['--fg', '--accent-soft'],
    ['--fg', '--bg-raised'],
    ['--link-hover', '--bg'],
    ['--accent-fg', '--accent'],
    ['--accent-fg', '--link-hover'],
    ['--mark-fg', '--mark-bg'],
    ['--fg', '--code-inline-bg'],
    ['--fg-muted', '--code-bg'],
    ['--view-code', '--code-bg'],
    ['--view-output', '--code-bg'],
    ['--view-sql', '--code-bg'],
    ['--view-schema', '--code-bg'],
    ['--code-fg', '--code-bg'],
    ['--code-line-number', '--code-bg'],
    ...['keyword', 'string', 'number', 'comment', 'type', 'function', 'builtin', 'attribute', 'deleted', 'inserted'].flatMap(
      (token): Array<[string, string]> => [
        [`--tok-${token}`, '--code-bg'],
        [`--tok-${token}`, '--code-highlight'],
      ],
    ),
  ];

  for (const [palette, selector] of [
    ['light', ':root'],
    ['dark', ':root[data-theme="dark"]'],
  ] as const) {
    test(`every text colour of the ${palette} palette meets WCAG AA (4.5:1), code tokens included`, async () => {
      const css = await readFile(join(ROOT, 'assets/css/00-tokens.css'), 'utf8');
      const light = customProperties(css, ':root');
      const colours = palette === 'light' ? light : new Map([...light, ...customProperties(css, selector)]);
      const failures: string[] = [];
      for (const [foreground, background] of PAIRS) {
        const ratio = contrastRatio(colours.get(foreground) ?? 'missing', colours.get(background) ?? 'missing');
        if (ratio < 4.5) failures.push(`${foreground} on ${background}: ${ratio.toFixed(2)}:1`);
      }
      assert.deepEqual(failures, []);
    });
  }

  test('every token of a verified TypeScript block is drawn in a palette colour measured here', async () => {
    const css = (await Promise.all(['60-code.css', '70-chroma.css'].map((file) => readFile(join(ROOT, 'assets/css', file), 'utf8')))).join('\n');
    const colourOf = new Map<string, string>();
    for (const [, selector = '', body = ''] of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
      const colour = /(?:^|[;\s])color:\s*var\((--tok-[\w-]+)\)/.exec(body)?.[1];
      if (!colour || !selector.includes('.chroma')) continue;
      for (const [, name = ''] of selector.matchAll(/\.([\w-]+)/g)) if (name !== 'chroma') colourOf.set(name, colour);
      if (/\.chroma b\b/.test(selector)) colourOf.set('b', colour);
    }
    const measured = new Set(PAIRS.map(([foreground]) => foreground));
    const problems: string[] = [];
    // A bare <b> is a keyword; the others carry the class of their kind of token.
    for (const name of ['b', ...new Set(Object.values(CLASS_OF_COLOUR).filter(Boolean))]) {
      const colour = colourOf.get(name);
      if (!colour || !measured.has(colour)) problems.push(`tokens of class \`${name}\` are drawn in ${colour ?? 'no palette colour'}`);
    }
    // The chapter's two pages: defining the association, and loading it.
    const html = (await Promise.all(['one-to-one', 'one-to-one-loading'].map((page) => readSiteFile(site('sub-path'), `docs/relationships/${page}/index.html`)))).join('\n');
    const used = [...html.matchAll(/<b class="?([\w ]+?)"?>/g)].flatMap((match) => (match[1] ?? '').split(' '));
    assert.ok(used.length > 100, 'One-to-one relationships has highlighted TypeScript');
    for (const name of new Set(used)) if (name !== 'err' && !colourOf.has(name)) problems.push(`the page draws tokens of class \`${name}\`, which the theme does not colour`);
    assert.deepEqual(problems, []);
  });

  test('the dark palette is the same whether the system or the toggle asks for it', async () => {
    const css = await readFile(join(ROOT, 'assets/css/00-tokens.css'), 'utf8');
    assert.deepEqual(customProperties(css, '  :root:not([data-theme="light"])'), customProperties(css, ':root[data-theme="dark"]'));
  });
});

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function excerpt(text: string, pattern: RegExp): string {
  const at = text.search(pattern);
  return JSON.stringify(text.slice(Math.max(0, at - 30), at + 50));
}
