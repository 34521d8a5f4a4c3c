/**
 * A reader who runs `npx tsx code/<file>.ts` must see what the page shows: for every
 * example the pages use, a plain run prints exactly what the build's capture recorded.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { isProgram } from '../scripts/lib/examples.ts';
import { stableTransactionIds } from '../scripts/lib/observe.ts';
import { mapConcurrent } from '../scripts/lib/pool.ts';
import { compileModules, findInputs } from '../scripts/lib/compile-example.ts';
import { parseRegions } from '../scripts/lib/regions.ts';
import { runExample, type RawRun } from '../scripts/lib/run-example.ts';
import { prepareRuntime } from '../scripts/lib/runtime-bundle.ts';
import { referencedExamples } from '../scripts/lib/verify.ts';
import { REPO_ROOT } from './support/fixture-site.ts';

const TSX = createRequire(import.meta.url).resolve('tsx');

/** Compiles and runs an example exactly as the build does, without the cache. */
async function captureFromScratch(file: string): Promise<RawRun> {
  const inputs = await findInputs(REPO_ROOT, file);
  assert.ok(!('problems' in inputs));
  const { regions } = parseRegions(inputs.contents.get(file) ?? '', file);
  const compiled = await compileModules(REPO_ROOT, inputs, regions);
  assert.ok(!('problems' in compiled));
  return runExample({ root: REPO_ROOT, file, modules: compiled.modules, runtime: await prepareRuntime(REPO_ROOT), timeoutMs: 60_000 });
}

describe('examples run on their own', () => {
  it('print the same thing with `tsx` alone as under the build', async () => {
    // Pages also quote files that are not programs (code/reader-project/package.json): only programs run.
    const examples = (await referencedExamples(REPO_ROOT)).filter(isProgram);
    assert.ok(examples.length > 0);
    const mismatches = await mapConcurrent(examples, async (file) => {
      const captured = await captureFromScratch(file);
      const printed = captured.events.flatMap((event) => (event.kind === 'output' && event.stream === 'stdout' ? [event.text] : [])).join('');
      const plain = spawnSync(process.execPath, ['--import', TSX, file], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
      // Transaction ids are random in every run; the build numbers them (see captures.ts).
      return stableTransactionIds()(plain.stdout) === stableTransactionIds()(printed)
        ? undefined
        : `${file}: a plain run printed something else than the build captured`;
    });
    assert.deepEqual(mismatches.filter(Boolean), []);
  });
});
