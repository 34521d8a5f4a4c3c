/**
 * What the reader types works: following every page in reading order, in a fresh folder
 * outside the repository, each command, file and example does what the page says (see
 * scripts/lib/reader-replay.ts). `READER_KEEP=1` keeps the folder for inspection.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replayReader } from '../../scripts/lib/reader-replay.ts';
import type { ReaderStep } from '../../scripts/lib/reader-steps.ts';
import { REPO_ROOT } from '../support/fixture-site.ts';

describe('the reader replay', () => {
  it('follows every page in reading order, and every step works as the page shows', async (t) => {
    const timings: Array<{ step: ReaderStep; ms: number }> = [];
    const keep = process.env.READER_KEEP === '1';
    const report = await replayReader({ root: REPO_ROOT, keep, onStep: (step, ms) => timings.push({ step, ms }) });
    const counts = { command: 0, write: 0, example: 0 };
    for (const step of report.steps) counts[step.kind]++;
    const slowest = timings
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map(({ step, ms }) => `${step.kind === 'write' ? step.file : step.kind === 'example' ? step.command : step.command} (${(ms / 1000).toFixed(1)} s)`);
    t.diagnostic(
      `${report.pages.length} pages; ${report.steps.length} steps: ${counts.command} commands, ${counts.write} files written, ${counts.example} examples run; ` +
        `${report.done} done in ${(report.durationMs / 1000).toFixed(1)} s; slowest: ${slowest.join(', ')}${keep ? `; kept ${report.folder}` : ''}`,
    );
    if (report.failure !== undefined) assert.fail(report.failure);
  });
});
