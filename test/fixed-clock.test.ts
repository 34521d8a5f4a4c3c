/**
 * Under code/support/fixed-clock.ts, dates are plain Date objects: they print as in any
 * program (no class name leaks through), in the build's capture and under `npx tsx`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createFixtureSite, readSiteFile, removeSite, runCli, SQLITE_ONLY } from './support/fixture-site.ts';

const TSX = createRequire(import.meta.url).resolve('tsx');

const EXAMPLE = [
  SQLITE_ONLY.trimEnd(),
  "import '../support/fixed-clock.ts';",
  "import { inspect } from 'node:util';",
  '',
  '// #region dates',
  'const now = new Date();',
  'console.log(now);',
  "console.log({ at: new Date(), label: 'stamp' });",
  'console.log(inspect([new Date(0)]));',
  'console.log(JSON.stringify({ at: new Date() }));',
  'console.log(now instanceof Date, Object.prototype.toString.call(now), typeof Date.now());',
  'class Stamp extends Date {}',
  'console.log(new Stamp() instanceof Stamp, new Stamp(0).toISOString());',
  '// #endregion',
  '',
].join('\n');

const EXPECTED = [
  '2024-01-01T09:00:00.000Z',
  "{ at: 2024-01-01T09:00:00.001Z, label: 'stamp' }",
  '[ 1970-01-01T00:00:00.000Z ]',
  '{"at":"2024-01-01T09:00:00.002Z"}',
  'true [object Date] number',
  'true 1970-01-01T00:00:00.000Z',
].join('\n');

describe('the fixed clock', () => {
  it('prints dates exactly as real Date objects, in the build and under npx tsx', async () => {
    const site = await createFixtureSite({
      'code/clock/dates.ts': EXAMPLE,
      'content/docs/clock/_index.md': '---\ntitle: Clock\ndescription: Dates under the fixed clock.\nweight: 1\n---\n\n{{< highlight text "output=clock/dates.ts#dates" >}}\n{{< /highlight >}}\n',
    });
    try {
      const build = await runCli(site, ['build']);
      assert.equal(build.code, 0, build.stderr);
      const page = await readSiteFile(site, 'content/docs/clock/_index.md');
      assert.ok(page.includes(`{{< highlight text "output=clock/dates.ts#dates" >}}\n${EXPECTED}\n{{< /highlight >}}`), page);

      const plain = spawnSync(process.execPath, ['--import', TSX, join('code', 'clock', 'dates.ts')], { cwd: site, encoding: 'utf8' });
      assert.equal(plain.stdout, `${EXPECTED}\n`, plain.stderr);
    } finally {
      await removeSite(site);
    }
  });
});
