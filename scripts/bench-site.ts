/**
 * The site's budget, measured on a fresh build served on 127.0.0.1 (gzipped, as
 * GitHub Pages serves it): for every page, the bytes of HTML, CSS, JS, fonts and images
 * Chromium fetches to show it, uncompressed and gzipped (each file at level 6, zlib's
 * default), with the search library and index excluded (they load only when the reader
 * searches, which is checked too); render-blocking scripts; and Lighthouse's four scores
 * with every audit that did not pass.
 *
 *   npm run bench:site                        every page, with Lighthouse
 *   npm run bench:site -- --only one-to-one   pages whose path contains "one-to-one"
 *   npm run bench:site -- --no-lighthouse     weights only
 *
 * Exits 1 when a page weighs more than 80 KB (20 KB gzipped), a script blocks rendering, the
 * One-to-One page scores below 100 in a category, or any page below 95.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, launchChromium } from './site/browser.ts';
import { buildSite } from './site/build-site.ts';
import { listPages, parseHtml, SEARCH_DIR } from './site/site-files.ts';
import { serveSite } from './site/static-server.ts';

const BUDGET_BYTES = 80 * 1024;
const GZIP_BUDGET_BYTES = 20 * 1024;
const GZIP_LEVEL = 6;
const REFERENCE_PAGE = '/docs/relationships/one-to-one/';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const MIN_SCORE = 95;

interface Weight {
  page: string;
  bytes: Record<'html' | 'css' | 'js' | 'fonts' | 'images' | 'other', number>;
  total: number;
  /** The same bytes, each response gzipped on its own. */
  gzipped: number;
  searchLoaded: boolean;
  blockingScripts: string[];
  inlineScriptBytes: number;
}

interface Scores {
  page: string;
  scores: Record<(typeof CATEGORIES)[number], number>;
  /** Audits that count towards a score and did not pass. */
  failing: string[];
  /** Audits that do not count (insights, opportunities) and did not pass. */
  advice: string[];
}

let lighthouseVersion = '';
const { values } = parseArgs({ options: { only: { type: 'string' }, 'no-lighthouse': { type: 'boolean' } } });

const server = await serveSite({ basePath: '/', compress: true });
const site = await buildSite({ baseURL: `${server.origin}/` });
server.setRoot(site.dir);
let exitCode = 0;
try {
  const pages = (await listPages(site.dir))
    .map((file) => `/${file.replace(/index\.html$/, '')}`)
    .filter((page) => !values.only || page.includes(values.only));
  if (pages.length === 0) throw new Error(`no page matches --only ${values.only}`);

  const weights = await measureWeights(pages);
  printWeights(weights);
  for (const weight of weights) {
    if (overBudget(weight) || weight.searchLoaded || weight.blockingScripts.length > 0) exitCode = 1;
  }

  if (!values['no-lighthouse']) {
    const scores = await runLighthouse(pages.filter((page) => page !== '/404.html'));
    printScores(scores);
    for (const { page, scores: byCategory } of scores) {
      const floor = page === REFERENCE_PAGE ? 100 : MIN_SCORE;
      if (CATEGORIES.some((category) => byCategory[category] < floor)) exitCode = 1;
    }
  }
} finally {
  await server.close();
  await site.remove();
}
process.exitCode = exitCode;

/** Loads each page in a fresh browser context and adds up what it fetched, by kind. */
async function measureWeights(pages: string[]): Promise<Weight[]> {
  const browser = await launchChromium();
  const weights: Weight[] = [];
  try {
    for (const page of pages) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const tab = await context.newPage();
      const bytes: Weight['bytes'] = { html: 0, css: 0, js: 0, fonts: 0, images: 0, other: 0 };
      let gzipped = 0;
      let searchLoaded = false;
      const pending: Array<Promise<void>> = [];
      tab.on('response', (response) => {
        const { pathname } = new URL(response.url());
        if (pathname.startsWith(`/${SEARCH_DIR}/`)) {
          searchLoaded = true;
          return;
        }
        const kind = kindOf(response.request().resourceType());
        pending.push(
          response.body().then(
            (body) => {
              bytes[kind] += body.length;
              gzipped += gzipSync(body, { level: GZIP_LEVEL }).length;
            },
            () => undefined,
          ),
        );
      });
      await tab.goto(`${server.origin}${page}`, { waitUntil: 'networkidle' });
      await Promise.all(pending);
      const html = await readFile(join(site.dir, page.endsWith('/') ? `${page}index.html` : page), 'utf8');
      const root = await parseHtml(html);
      const scripts = root.querySelectorAll('script');
      weights.push({
        page,
        bytes,
        total: Object.values(bytes).reduce((sum, value) => sum + value, 0),
        gzipped,
        searchLoaded,
        blockingScripts: scripts
          .filter((script) => script.hasAttribute('src') && !script.hasAttribute('defer') && !script.hasAttribute('async') && script.getAttributeValue('type') !== 'module')
          .map((script) => script.getAttributeValue('src') ?? ''),
        inlineScriptBytes: scripts.filter((script) => !script.hasAttribute('src')).reduce((sum, script) => sum + script.textContent.length, 0),
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return weights;
}

function kindOf(resourceType: string): keyof Weight['bytes'] {
  switch (resourceType) {
    case 'document':
      return 'html';
    case 'stylesheet':
      return 'css';
    case 'script':
      return 'js';
    case 'font':
      return 'fonts';
    case 'image':
      return 'images';
    default:
      return 'other';
  }
}

/** Whether a page weighs more than the budget, uncompressed or gzipped. */
function overBudget(weight: Weight): boolean {
  return weight.total > BUDGET_BYTES || weight.gzipped > GZIP_BUDGET_BYTES;
}

function printWeights(weights: Weight[]): void {
  const kb = (bytes: number): string => (bytes / 1024).toFixed(1).padStart(6);
  const width = Math.max(...weights.map((weight) => weight.page.length), 4);
  console.log(
    `\nPage weight in KB, uncompressed, and the total gzipped (budget ${BUDGET_BYTES / 1024} KB, ${GZIP_BUDGET_BYTES / 1024} KB gzipped; Pagefind's library and index load only on search)\n`,
  );
  console.log(`${'page'.padEnd(width)}    html    css     js  fonts images  other   total gzipped`);
  for (const weight of weights) {
    const { html, css, js, fonts, images, other } = weight.bytes;
    const notes = [
      overBudget(weight) ? 'OVER BUDGET' : '',
      weight.searchLoaded ? 'LOADED THE SEARCH INDEX' : '',
      weight.blockingScripts.length > 0 ? `RENDER-BLOCKING: ${weight.blockingScripts.join(' ')}` : '',
    ].filter(Boolean);
    console.log(`${weight.page.padEnd(width)} ${[html, css, js, fonts, images, other, weight.total].map(kb).join(' ')}  ${kb(weight.gzipped)}  ${notes.join('; ')}`);
  }
  const totals = weights.map((weight) => weight.total).sort((a, b) => a - b);
  const median = totals[Math.floor(totals.length / 2)] ?? 0;
  const compressed = weights.map((weight) => weight.gzipped).sort((a, b) => a - b);
  const blocking = weights.reduce((sum, weight) => sum + weight.blockingScripts.length, 0);
  const inline = Math.max(...weights.map((weight) => weight.inlineScriptBytes));
  console.log(
    `\n${weights.length} pages: median ${kb(median).trim()} KB, largest ${kb(totals.at(-1) ?? 0).trim()} KB; ` +
      `gzipped: median ${kb(compressed[Math.floor(compressed.length / 2)] ?? 0).trim()} KB, largest ${kb(compressed.at(-1) ?? 0).trim()} KB; ` +
      `${weights.filter(overBudget).length} over budget; ` +
      `render-blocking scripts: ${blocking} (the one inline script, ${inline} bytes, only applies the saved theme before the first paint)`,
  );
}

/** Runs Lighthouse (its default mobile settings) on each page, one Chromium for all. */
async function runLighthouse(pages: string[]): Promise<Scores[]> {
  const chromium = await startDebuggableChromium();
  const results: Scores[] = [];
  try {
    for (const page of pages) {
      const result = await lighthouse(`${server.origin}${page}`, {
        port: chromium.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${page}: ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(CATEGORIES.map((category) => [category, Math.round((lhr.categories[category]?.score ?? 0) * 100)])) as Scores['scores'];
      const failing: string[] = [];
      const advice: string[] = [];
      for (const category of CATEGORIES) {
        for (const reference of lhr.categories[category]?.auditRefs ?? []) {
          const audit = lhr.audits[reference.id];
          if (!audit || audit.score === null || audit.score >= 1) continue;
          if (!['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode)) continue;
          const line = `${category}: ${audit.id} (${Math.round(audit.score * 100)})${audit.displayValue ? ` ${audit.displayValue}` : ''} - ${audit.title}`;
          (reference.weight > 0 ? failing : advice).push(line);
        }
      }
      lighthouseVersion = lhr.lighthouseVersion;
      results.push({ page, scores, failing, advice });
      process.stderr.write('.');
    }
  } finally {
    process.stderr.write('\n');
    await chromium.stop();
  }
  return results;
}

function printScores(results: Scores[]): void {
  const width = Math.max(...results.map((result) => result.page.length), 4);
  console.log(`\nLighthouse ${lighthouseVersion} (mobile, simulated throttling): performance, accessibility, best practices, SEO\n`);
  console.log(`${'page'.padEnd(width)}  perf  a11y    bp   seo`);
  for (const { page, scores } of results) {
    console.log(`${page.padEnd(width)} ${CATEGORIES.map((category) => String(scores[category]).padStart(5)).join(' ')}`);
  }
  const minimum = (category: (typeof CATEGORIES)[number]): number => Math.min(...results.map((result) => result.scores[category]));
  console.log(`\nlowest: ${CATEGORIES.map((category) => `${category} ${minimum(category)}`).join(', ')}`);
  const failing = results.filter((result) => result.failing.length > 0);
  if (failing.length === 0) {
    console.log('every audit that counts towards a score passed on every page');
  } else {
    console.log('\nAudits that count towards a score and did not pass:');
    for (const { page, failing: audits } of failing) {
      console.log(`  ${page}`);
      for (const audit of audits) console.log(`    ${audit}`);
    }
  }
  const advice = new Map<string, number>();
  for (const result of results) for (const line of result.advice) {
    const key = line.replace(/ \(\d+\)[^-]*-/, ' -');
    advice.set(key, (advice.get(key) ?? 0) + 1);
  }
  if (advice.size > 0) {
    console.log('\nAdvice that does not count towards the scores (pages concerned):');
    for (const [line, count] of advice) console.log(`  ${String(count).padStart(3)}  ${line}`);
  }
}


/** Starts Chromium with a DevTools port for Lighthouse, in a throwaway profile. */
async function startDebuggableChromium(): Promise<{ port: number; stop(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'chromium-'));
  const child: ChildProcess = spawn(CHROMIUM_PATH, [...CHROMIUM_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not open a DevTools port:\n${output}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before opening a DevTools port:\n${output}`)));
  });
  return {
    port,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
      await rm(profile, { recursive: true, force: true });
    },
  };
}
