/**
 * The run cache must never let a stale output through: an example runs again when
 * anything it depends on changes, and only then. Every test builds a site of its own.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { computeFingerprints, RUNNER_MODULES } from '../scripts/lib/fingerprints.ts';
import { Session } from '../scripts/lib/session.ts';
import type { CacheMode } from '../scripts/lib/store.ts';
import { verifyPages, type VerifyResult } from '../scripts/lib/verify.ts';
import { createFixtureSite, removeSite, REPO_ROOT, SQLITE_ONLY, writeFiles } from './support/fixture-site.ts';

const helper = (greeting: string): string => `export function greet(name: string): string {\n  return \`${greeting}, \${name}\`;\n}\n`;
const exampleUsing = (name: string, importsHelper: boolean): string =>
  [
    SQLITE_ONLY + (importsHelper ? "import { greet } from './shared/greet.ts';" : ''),
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

/** A fresh site of its own for one test, and a build function over it. */
async function withSite(test: (site: string, build: (mode?: CacheMode, concurrency?: number) => Promise<VerifyResult>) => Promise<void>): Promise<void> {
  const site = await createFixtureSite(files);
  await cp(join(REPO_ROOT, 'package-lock.json'), join(site, 'package-lock.json'));
  const build = async (cacheMode: CacheMode = 'read-write', concurrency?: number): Promise<VerifyResult> => {
    const session = new Session({ root: site, cacheMode });
    try {
      return await verifyPages(session, { timeoutMs: 30_000, ...(concurrency ? { concurrency } : {}) });
    } finally {
      await session.close();
    }
  };
  try {
    await test(site, build);
  } finally {
    await removeSite(site);
  }
}

describe('the run cache', () => {
  it('runs every example the first time, then none while nothing changed', () =>
    withSite(async (_site, build) => {
      assert.deepEqual(ran(await build()), ['code/cache/alpha.ts', 'code/cache/beta.ts', 'code/cache/gamma.ts']);
      const second = await build();
      assert.deepEqual(ran(second), []);
      assert.ok(second.pages[1]?.updated.includes('Hello, alpha'));
    }));

  it('editing an imported helper re-runs exactly the examples that import it', () =>
    withSite(async (site, build) => {
      await build();
      await writeFiles(site, { 'code/cache/shared/greet.ts': helper('Welcome') });
      const result = await build();
      assert.deepEqual(ran(result), ['code/cache/alpha.ts', 'code/cache/beta.ts']);
      const page = result.pages.find((p) => p.file === 'content/docs/cache/page.md')?.updated ?? '';
      assert.ok(page.includes('Welcome, alpha') && page.includes('Welcome, beta') && page.includes('plain gamma'));
      assert.deepEqual(ran(await build()), []);
    }));

  it('a new import in an example is followed, and its module becomes an input', () =>
    withSite(async (site, build) => {
      await build();
      await writeFiles(site, { 'code/cache/gamma.ts': exampleUsing('gamma', true) });
      assert.deepEqual(ran(await build()), ['code/cache/gamma.ts']);
      await writeFiles(site, { 'code/cache/shared/greet.ts': helper('Hi') });
      assert.deepEqual(ran(await build()), ['code/cache/alpha.ts', 'code/cache/beta.ts', 'code/cache/gamma.ts']);
    }));

  it('a changed lockfile (other installed packages) re-runs everything', () =>
    withSite(async (site, build) => {
      await build();
      const lockfile = join(site, 'package-lock.json');
      await writeFile(lockfile, `${await readFile(lockfile, 'utf8')}\n`);
      assert.equal(ran(await build()).length, 3);
      assert.deepEqual(ran(await build()), []);
    }));

  it('a failed run is not stored: it runs again next time', () =>
    withSite(async (site, build) => {
      await build();
      await writeFiles(site, { 'code/cache/beta.ts': `${SQLITE_ONLY}// #region run\nthrow new Error('broken');\n// #endregion\n` });
      const failed = await build();
      assert.deepEqual(failed.problems, [
        {
          rule: 'run-failed',
          file: 'code/cache/beta.ts',
          line: 3,
          column: 7,
          message: 'Error: broken (in region `run`)',
          consequence: 'this left 1 block unverified: content/docs/cache/page.md (1)',
        },
      ]);
      assert.deepEqual(ran(await build()), ['code/cache/beta.ts']);
    }));

  it('check mode runs every example from scratch', () =>
    withSite(async (_site, build) => {
      await build();
      assert.equal(ran(await build('write-only')).length, 3);
    }));

  it('check mode reads nothing from the cache, not even the shortcodes found in pages', () =>
    withSite(async (site, build) => {
      await build();
      const pagesDir = join(site, '.cache', 'verified-docs', 'pages');
      // Poison every remembered page: a mode that reads the cache would see no blocks at all.
      for (const entry of await readdir(pagesDir)) {
        await writeFile(join(pagesDir, entry), JSON.stringify({ shortcodes: [], fences: [], problems: [] }));
      }
      assert.ok(!(await build()).pages[1]?.updated.includes('plain gamma'), 'the poison works on a build that reads the cache');
      const checked = await build('write-only');
      const page = checked.pages.find((p) => p.file === 'content/docs/cache/page.md');
      // The page on disk has empty bodies: they are filled only if check found the blocks itself.
      assert.ok(page && page.updated !== page.current && page.updated.includes('plain gamma'), 'check found the blocks itself');
    }));

  it('parallel runs give the same pages as one at a time', () =>
    withSite(async (_site, build) => {
      const sequential = await build('write-only', 1);
      const parallel = await build('write-only', 3);
      assert.deepEqual(parallel.pages, sequential.pages);
      assert.deepEqual(parallel.problems, []);
    }));
});

describe('the fingerprints', () => {
  it('the runner modules include every local module they import', async () => {
    const { build } = await import('esbuild');
    const scripts = join(REPO_ROOT, 'scripts');
    const result = await build({
      entryPoints: RUNNER_MODULES.map((module) => join(scripts, module)),
      absWorkingDir: scripts,
      bundle: true,
      write: false,
      metafile: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      outdir: 'unused',
      logLevel: 'silent',
    });
    const imported = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules')).sort();
    assert.deepEqual(imported, [...RUNNER_MODULES].sort());
  });

  it('runs depend on the runner modules and the lockfile; parsed pages and diagrams on every module', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fingerprint-'));
    try {
      await cp(join(REPO_ROOT, 'scripts'), join(dir, 'scripts'), { recursive: true });
      await cp(join(REPO_ROOT, 'package-lock.json'), join(dir, 'package-lock.json'));
      const compute = (): ReturnType<typeof computeFingerprints> => computeFingerprints(dir, join(dir, 'scripts'));
      const original = await compute();
      assert.deepEqual(await compute(), original, 'stable while nothing changes');

      const touched = async (file: string): Promise<{ runner: boolean; renderers: boolean }> => {
        const path = join(dir, file);
        const content = await readFile(path, 'utf8');
        await writeFile(path, `${content} `);
        const changed = await compute();
        await writeFile(path, content);
        return { runner: changed.runner !== original.runner, renderers: changed.renderers !== original.renderers };
      };
      assert.deepEqual(await touched('scripts/runtime/capture.ts'), { runner: true, renderers: true });
      assert.deepEqual(await touched('scripts/lib/run-example.ts'), { runner: true, renderers: true });
      assert.deepEqual(await touched('package-lock.json'), { runner: true, renderers: true });
      assert.deepEqual(await touched('scripts/lib/views/sql.ts'), { runner: false, renderers: true }, 'editing a renderer re-runs no example');
      assert.deepEqual(await touched('scripts/lib/observe.ts'), { runner: false, renderers: true }, 'runs are stored raw; observing them is not part of the run');
      assert.deepEqual(await compute(), original);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
