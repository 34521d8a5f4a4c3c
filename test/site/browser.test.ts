/**
 * The site in a real browser (Debian's Chromium through playwright-core), built under
 * a sub-path as on GitHub Pages and served on 127.0.0.1: navigation, search, copy
 * buttons, type hovers (pointer, keyboard, touch), the small-screen menu, the dark
 * theme, keyboard use and accessibility.
 * Screenshots of the One-to-One page are saved in the folder printed at the end.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { parseRegions, regionCode } from '../../scripts/lib/regions.ts';
import { withoutNotation } from '../../scripts/lib/views/code.ts';
import { launchChromium } from '../../scripts/site/browser.ts';
import { buildSite, ROOT, type BuiltSite } from '../../scripts/site/build-site.ts';
import { listPages } from '../../scripts/site/site-files.ts';
import { serveSite, type StaticServer } from '../../scripts/site/static-server.ts';

const BASE_PATH = '/sequelize-tutorial/';
const ONE_TO_ONE = 'docs/relationships/one-to-one/';
const ONE_TO_ONE_LOADING = 'docs/relationships/one-to-one-loading/';
const ONE_TO_ONE_TITLE = 'One-to-one relationships';
const SCREENSHOTS = join(ROOT, 'test-results', 'site-screenshots');
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 375, height: 800 };
const LIGHT_BACKGROUND = 'rgb(255, 255, 255)';
const DARK_BACKGROUND = 'rgb(14, 18, 23)';

let site: BuiltSite;
let server: StaticServer;
let browser: Browser;

before(async () => {
  server = await serveSite({ basePath: BASE_PATH });
  site = await buildSite({ baseURL: `${server.origin}${BASE_PATH}` });
  server.setRoot(site.dir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

function url(path = ''): string {
  return `${server.origin}${BASE_PATH}${path}`;
}

/** A fresh browser context (no stored theme) and a page that fails the test on script errors. */
async function open(options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: DESKTOP, colorScheme: 'light', ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { context, page, errors };
}

function background(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((element) => getComputedStyle(element).backgroundColor);
}

describe('navigation', () => {
  test('the home page leads to One-to-one relationships through the sidebar, by way of its chapter', async () => {
    const { context, page, errors } = await open();
    await page.goto(url());
    const menu = page.locator('nav#menu');
    assert.equal(await menu.getByRole('link', { name: ONE_TO_ONE_TITLE, exact: true }).count(), 0, 'the home page lists chapters only');
    await menu.getByRole('link', { name: 'Relationships' }).click();
    await page.waitForURL(url('docs/relationships/'));
    assert.equal(await menu.locator('ol ol a').count(), await menu.locator('li:has(> a[aria-current="page"]) ol a').count(), "only the current chapter's pages are listed");
    await menu.getByRole('link', { name: ONE_TO_ONE_TITLE, exact: true }).click();
    await page.waitForURL(url(ONE_TO_ONE));
    assert.equal(await page.locator('h1').textContent(), ONE_TO_ONE_TITLE);
    assert.equal(await page.locator('nav#menu a[aria-current="page"]').textContent(), ONE_TO_ONE_TITLE);
    assert.equal(await menu.getByRole('link', { name: 'Installation', exact: true }).count(), 0, "another chapter's pages are not listed");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('Next then Previous follows the reading order and lands back on One-to-one relationships', async () => {
    const { context, page } = await open();
    await page.goto(url(ONE_TO_ONE));
    const order = await page.locator('nav#menu a').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    const here = order.indexOf(url(ONE_TO_ONE));
    assert.ok(here > 0 && here < order.length - 1, 'One-to-one relationships has a page before and after it in the menu');

    await page.locator('.page-nav a[rel="next"]').click();
    await page.waitForURL(order[here + 1]!);
    assert.equal(await page.locator('.page-nav a[rel="prev"] .page-nav-title').textContent(), ONE_TO_ONE_TITLE);

    await page.locator('.page-nav a[rel="prev"]').click();
    await page.waitForURL(url(ONE_TO_ONE));
    assert.equal(await page.locator('.page-nav a[rel="prev"]').getAttribute('href'), new URL(order[here - 1]!).pathname);
    await context.close();
  });

  test("the menu scrolls to the current page's entry, not the page", async () => {
    const { context, page } = await open({ viewport: { width: 1366, height: 500 } });
    // The last page of the longest chapter: its entry is the lowest the menu ever shows.
    await page.goto(url('docs/relationships/'));
    const last = await page.locator('nav#menu li:has(> a[aria-current="page"]) ol a').last().getAttribute('href');
    assert.ok(last);
    await page.goto(`${server.origin}${last}`);
    const current = page.locator('nav#menu a[aria-current="page"]');
    const [entry, menu] = await Promise.all([current.boundingBox(), page.locator('nav#menu').boundingBox()]);
    assert.ok(entry && menu && entry.y >= menu.y && entry.y + entry.height <= menu.y + menu.height, 'the current entry is inside the visible menu');
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    await context.close();
  });

  test('a missing address gets the styled 404 page, whatever its depth', async () => {
    const { context, page } = await open();
    const response = await page.goto(url('docs/no/such/page/'));
    assert.equal(response?.status(), 404);
    assert.equal(await page.locator('h1').textContent(), 'Page not found');
    assert.equal(await background(page, '.site-header'), LIGHT_BACKGROUND);
    assert.notEqual(await page.locator('.menu').evaluate((menu) => getComputedStyle(menu).display), 'inline');
    await page.locator('main').getByRole('link', { name: 'the home page' }).click();
    await page.waitForURL(url());
    await context.close();
  });

  test('every page loads without a failed request or a script error', async () => {
    const { context, page, errors } = await open();
    const failures: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
      // Leaving a page cancels what it was still fetching (often its icon); that is no error.
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') failures.push(`failed ${request.url()}: ${request.failure()?.errorText}`);
    });
    const pages = (await listPages(site.dir)).filter((file) => file !== '404.html');
    assert.ok(pages.length > 10);
    for (const file of pages) {
      await page.goto(url(file.replace(/index\.html$/, '')), { waitUntil: 'load' });
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('search', () => {
  test('loads nothing until used, then finds One-to-one relationships for "hasOne" and opens it from the keyboard', async () => {
    const { context, page, errors } = await open();
    const searchRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/pagefind/') || request.url().includes('/search-results.')) searchRequests.push(request.url());
    });
    await page.goto(url());
    await page.waitForLoadState('networkidle');
    assert.equal(searchRequests.length, 0, `the page loaded search files before search was used: ${searchRequests.join(', ')}`);

    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input');
    await page.keyboard.type('hasOne');
    const result = page.locator('.search-list a', { hasText: ONE_TO_ONE_TITLE }).first();
    await result.waitFor();
    assert.ok(searchRequests.some((request) => request.endsWith('pagefind.js')));
    assert.ok(searchRequests.some((request) => request.includes('/css/search-results.')), 'the results have their stylesheet');
    assert.ok(searchRequests.every((request) => request.startsWith(url())), 'search files come from under the base path');

    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.closest('.search-list') !== null);
    assert.ok(focused, 'the down arrow moves to the results');
    await result.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((address) => address.pathname === `${BASE_PATH}${ONE_TO_ONE}`);
    assert.equal(await page.locator('h1').textContent(), ONE_TO_ONE_TITLE);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('Escape closes the results and gives the focus back to the box', async () => {
    const { context, page } = await open();
    await page.goto(url(ONE_TO_ONE));
    await page.locator('#search-input').fill('belongsTo');
    await page.locator('.search-list a').first().waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#search-results').isHidden(), true);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input');
    await context.close();
  });
});

describe('code blocks', () => {
  test('the copy button puts the snippet, and only the snippet, on the clipboard', async () => {
    const { context, page } = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    // One-to-one relationships and the page that continues its program.
    let blocks = 0;
    for (const path of [ONE_TO_ONE_LOADING, ONE_TO_ONE]) {
      await page.goto(url(path));
      const onPage = await page.locator('.highlight').count();
      assert.equal(await page.locator('.highlight > .copy-button').count(), onPage, `every code block of ${path} has a copy button`);
      blocks += onPage;
    }
    assert.ok(blocks >= 10);

    const block = page.locator('figure.verified.code').first();
    await block.locator('.copy-button').click();
    await page.locator('figure.verified.code .copy-button', { hasText: 'Copied' }).first().waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await regionSource('relationships/one-to-one.ts', 'define'));
    assert.match(copied, /^class User extends Model</);
    assert.match(await page.locator('[role="status"]', { hasText: 'copied' }).textContent() ?? '', /copied to the clipboard/);
    await context.close();
  });

  test('the complete program loads when opened, is numbered, and copies without its line numbers', async () => {
    const { context, page } = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await page.goto(url(ONE_TO_ONE));
    assert.equal(await page.locator('.fullcode .highlight').count(), 0, 'the program is not part of the page');
    await page.locator('.fullcode summary').click();
    const program = page.locator('.fullcode .highlight.numbered');
    await program.waitFor();
    const lines = await program.locator('.line').count();
    const source = (await readFile(join(ROOT, 'code/relationships/one-to-one.ts'), 'utf8')).replace(/\n+$/, '');
    assert.equal(lines, source.split('\n').length);
    const firstNumber = await program.locator('.line').first().evaluate((line) => getComputedStyle(line, '::before').content);
    assert.equal(firstNumber, 'counter(line)');
    await program.locator('.copy-button').click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), source);
    await context.close();
  });
});

describe('types', () => {
  const TYPES_BLOCK = 'figure.verified.types';

  test('loads nothing until used, then the pointer on a name shows its type, and leaving hides it', async () => {
    const { context, page, errors } = await open();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url(ONE_TO_ONE_LOADING));
    await page.waitForLoadState('networkidle');
    const typeFiles = (): string[] => requests.filter((request) => /\/types\/|\/js\/types\.|\/css\/types\./.test(request));
    assert.deepEqual(typeFiles(), [], 'the page loaded type files before they were used');
    const point = await textPoint(page, TYPES_BLOCK, 'found');
    await page.mouse.move(point.x, point.y);
    const tip = page.locator('#type-tip');
    await tip.waitFor({ state: 'visible' });
    assert.equal(await tip.textContent(), 'const found: User | null');
    assert.equal(await tip.getAttribute('role'), 'tooltip');
    assert.equal(typeFiles().length, 3, 'the script, its styles and the page types load on first use');
    const findOne = await textPoint(page, TYPES_BLOCK, 'findOne');
    await page.mouse.move(findOne.x, findOne.y);
    await page.waitForFunction(() => document.getElementById('type-tip')?.textContent?.includes('findOne<User>'));
    assert.match((await tip.textContent()) ?? '', /\): Promise<User \| null>/);
    await page.mouse.move(5, point.y);
    await tip.waitFor({ state: 'hidden' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('from the keyboard: Enter in a block walks its names with the arrow keys, Escape leaves', async () => {
    const { context, page, errors } = await open();
    await page.goto(url(ONE_TO_ONE_LOADING));
    const pre = page.locator(`${TYPES_BLOCK} pre`);
    await pre.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const tip = page.locator('#type-tip');
    await tip.waitFor({ state: 'visible' });
    assert.match((await tip.textContent()) ?? '', /^Enter: /, 'a focused block says how to read its types');
    assert.equal(await pre.getAttribute('aria-describedby'), 'type-tip');
    await page.keyboard.press('Enter');
    const focused = async (): Promise<{ text: string; described: string | null; outline: string }> =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        return { text: element.textContent ?? '', described: element.getAttribute('aria-describedby'), outline: `${style.outlineStyle} ${parseFloat(style.outlineWidth)}` };
      });
    assert.deepEqual(await focused(), { text: 'found', described: 'type-tip', outline: 'solid 2' });
    assert.equal(await tip.textContent(), 'const found: User | null');
    await page.keyboard.press('ArrowRight');
    assert.equal((await focused()).text, 'User');
    assert.equal(await tip.textContent(), 'class User');
    await page.keyboard.press('ArrowLeft');
    assert.equal((await focused()).text, 'found');
    await page.keyboard.press('Escape');
    assert.equal(await pre.evaluate((element) => element === document.activeElement), true);
    await tip.waitFor({ state: 'hidden' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('on a touch screen a tap shows the type until a tap elsewhere', async () => {
    const { context, page, errors } = await open({ viewport: PHONE, hasTouch: true, isMobile: true });
    await page.goto(url(ONE_TO_ONE_LOADING));
    const point = await textPoint(page, TYPES_BLOCK, 'findOne');
    await page.touchscreen.tap(point.x, point.y);
    const tip = page.locator('#type-tip');
    await tip.waitFor({ state: 'visible' });
    assert.match((await tip.textContent()) ?? '', /^\(method\) Model<.*\.findOne<User>\(/);
    const box = await tip.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, 'the tooltip fits the screen');
    await page.locator('h1').scrollIntoViewIfNeeded();
    const heading = await page.locator('h1').boundingBox();
    assert.ok(heading);
    await page.touchscreen.tap(heading.x + 5, heading.y + 5);
    await tip.waitFor({ state: 'hidden' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the copy button copies the code, never TypeScript's answers", async () => {
    const { context, page } = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await page.goto(url(ONE_TO_ONE_LOADING));
    await page.locator(`${TYPES_BLOCK} .copy-button`).click();
    await page.locator(`${TYPES_BLOCK} .copy-button`, { hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await regionSource('relationships/one-to-one.ts', 'lazy'));
    assert.ok(!copied.includes('^'), 'no query nor answer');
    assert.ok((await page.locator(`${TYPES_BLOCK} pre`).textContent())?.includes('^ const found: User | null'), 'the block shows the answer');
    await context.close();
  });

  for (const [name, options] of [
    ['desktop, light', { viewport: DESKTOP, colorScheme: 'light' }],
    ['desktop, dark', { viewport: DESKTOP, colorScheme: 'dark' }],
    ['phone, light', { viewport: PHONE, colorScheme: 'light', hasTouch: true, isMobile: true }],
    ['phone, dark', { viewport: PHONE, colorScheme: 'dark', hasTouch: true, isMobile: true }],
  ] as const) {
    test(`axe finds no WCAG 2 AA problem with a type showing (${name})`, async () => {
      const { context, page } = await open(options);
      await page.goto(url(ONE_TO_ONE_LOADING));
      const point = await textPoint(page, TYPES_BLOCK, 'found');
      if (options.viewport === PHONE) await page.touchscreen.tap(point.x, point.y);
      else await page.mouse.move(point.x, point.y);
      await page.locator('#type-tip').waitFor({ state: 'visible' });
      assert.deepEqual(await axeViolations(page), []);
      if (options.viewport === DESKTOP) {
        await mkdir(SCREENSHOTS, { recursive: true });
        const box = await page.locator(TYPES_BLOCK).boundingBox();
        assert.ok(box);
        await page.screenshot({ path: join(SCREENSHOTS, `one-to-one-types-${options.colorScheme}.png`), clip: { x: box.x - 16, y: box.y - 16, width: box.width + 32, height: box.height + 160 } });
      }
      await context.close();
    });
  }
});

describe('small screens', () => {
  test('at 375 px the menu opens and closes, by pointer and by keyboard', async () => {
    const { context, page } = await open({ viewport: PHONE });
    await page.goto(url(ONE_TO_ONE));
    const menu = page.locator('nav#menu');
    const button = page.locator('label.menu-button');
    assert.equal(await menu.isVisible(), false, 'the menu starts closed');
    assert.equal(await button.isVisible(), true);

    await button.click();
    await menu.waitFor({ state: 'visible' });
    const link = menu.getByRole('link', { name: 'One-to-many relationships', exact: true });
    assert.equal(await link.isVisible(), true);
    const box = await menu.boundingBox();
    assert.ok(box && box.width >= PHONE.width - 1, 'the open menu spans the screen');
    await button.click();
    await menu.waitFor({ state: 'hidden' });

    await page.locator('#menu-control').focus();
    await page.keyboard.press('Space');
    await menu.waitFor({ state: 'visible' });
    await page.keyboard.press('Space');
    await menu.waitFor({ state: 'hidden' });

    await button.click();
    await link.click();
    await page.waitForURL(url('docs/relationships/one-to-many/'));
    assert.equal(await page.locator('nav#menu').isVisible(), false, 'the menu is closed on the new page');
    await context.close();
  });

  test('at 375 px nothing is wider than the screen, and "On this page" folds', async () => {
    const { context, page } = await open({ viewport: PHONE });
    await page.goto(url(ONE_TO_ONE));
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), PHONE.width);
    const list = page.locator('.toc > ul');
    assert.equal(await list.isVisible(), false);
    await page.locator('.toc-title').click();
    assert.equal(await list.isVisible(), true);
    await context.close();
  });
});

describe('dark theme', () => {
  test('the toggle switches the palettes and the choice survives a reload', async () => {
    const { context, page } = await open({ colorScheme: 'light' });
    await page.goto(url(ONE_TO_ONE));
    const toggle = page.locator('button.theme-toggle');
    assert.equal(await background(page, 'body'), LIGHT_BACKGROUND);
    const lightCode = await background(page, '.chroma');
    const lightKeyword = await page.locator('.chroma b').first().evaluate((token) => getComputedStyle(token).color);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');

    await toggle.click();
    assert.equal(await background(page, 'body'), DARK_BACKGROUND);
    assert.notEqual(await background(page, '.chroma'), lightCode);
    assert.notEqual(await page.locator('.chroma b').first().evaluate((token) => getComputedStyle(token).color), lightKeyword);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');

    await page.reload();
    assert.equal(await background(page, 'body'), DARK_BACKGROUND);
    assert.equal(await page.locator('button.theme-toggle').getAttribute('aria-pressed'), 'true');
    await page.goto(url());
    assert.equal(await background(page, 'body'), DARK_BACKGROUND, 'the choice holds on other pages');

    await page.locator('button.theme-toggle').click();
    await page.reload();
    assert.equal(await background(page, 'body'), LIGHT_BACKGROUND);
    await context.close();
  });

  test('without a choice the page follows the system setting', async () => {
    const { context, page } = await open({ colorScheme: 'dark' });
    await page.goto(url(ONE_TO_ONE));
    assert.equal(await background(page, 'body'), DARK_BACKGROUND);
    assert.equal(await page.locator('button.theme-toggle').getAttribute('aria-pressed'), 'true');
    await page.locator('button.theme-toggle').click();
    assert.equal(await background(page, 'body'), LIGHT_BACKGROUND);
    await context.close();
  });
});

describe('accessibility', () => {
  test('the skip link comes first, is visible when focused, and moves to the content', async () => {
    const { context, page } = await open();
    await page.goto(url(ONE_TO_ONE));
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip-link');
    assert.equal(await skip.evaluate((link) => link === document.activeElement), true);
    const box = await skip.boundingBox();
    assert.ok(box && box.y >= 0 && box.height > 10, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'content');
    await context.close();
  });

  test('keyboard focus is visible on links, buttons and the search box', async () => {
    const { context, page } = await open();
    await page.goto(url(ONE_TO_ONE));
    const problems: string[] = [];
    for (const selector of ['nav#menu a', '.prose a', 'button.theme-toggle', '#search-input', '.page-nav a', '.edit-link']) {
      await page.locator(selector).first().focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement as Element);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      if (outline.style === 'none' || outline.width < 2) problems.push(`${selector}: outline ${outline.style} ${outline.width}px`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  for (const [name, options] of [
    ['desktop, light', { viewport: DESKTOP, colorScheme: 'light' }],
    ['desktop, dark', { viewport: DESKTOP, colorScheme: 'dark' }],
    ['phone, light', { viewport: PHONE, colorScheme: 'light' }],
    ['phone, dark, menu open', { viewport: PHONE, colorScheme: 'dark' }],
  ] as const) {
    test(`axe finds no WCAG 2 AA problem on the home page and One-to-one relationships (${name})`, async () => {
      const { context, page } = await open(options);
      const violations: string[] = [];
      for (const path of ['', ONE_TO_ONE]) {
        await page.goto(url(path));
        if (name.includes('menu open')) await page.locator('label.menu-button').click();
        violations.push(...(await axeViolations(page)).map((violation) => `/${path}: ${violation}`));
      }
      assert.deepEqual(violations, []);
      await context.close();
    });
  }
});

describe('screenshots', () => {
  test('of One-to-one relationships, desktop and phone, light and dark', async (t) => {
    await mkdir(SCREENSHOTS, { recursive: true });
    const saved: string[] = [];
    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { context, page } = await open({ viewport, colorScheme });
        await page.goto(url(ONE_TO_ONE));
        const file = join(SCREENSHOTS, `one-to-one-${name}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        saved.push(file);
        await context.close();
      }
    }
    assert.equal(saved.length, 4);
    t.diagnostic(`screenshots saved in ${SCREENSHOTS}`);
    console.log(`Screenshots of the One-to-One page: ${SCREENSHOTS}`);
  });
});

/** What axe-core finds against WCAG 2 A and AA and its best practices, one line per rule broken. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
}

/** The middle of the first `text` in a block's code, in the viewport, the block scrolled into view. */
async function textPoint(page: Page, block: string, text: string): Promise<{ x: number; y: number }> {
  await page.locator(block).scrollIntoViewIfNeeded();
  return page.locator(`${block} pre code`).evaluate((code, wanted) => {
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      const at = node.data.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const box = range.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    throw new Error(`no \`${wanted}\` in the block`);
  }, text);
}

/** The code of an example's region as a reader types it: what a verified TypeScript block shows, without TypeScript's notes. */
async function regionSource(example: string, name: string): Promise<string> {
  const file = `code/${example}`;
  const source = await readFile(join(ROOT, file), 'utf8');
  const region = parseRegions(source, file).regions.find((r) => r.name === name);
  assert.ok(region, `${file} has a region ${name}`);
  return withoutNotation(regionCode(source, region));
}
