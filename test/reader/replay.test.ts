/**
 * What the reader types works: following every page in reading order, in a fresh folder
 * outside the repository, each command, file and example does what the page says (see
 * scripts/lib/reader-replay.ts). `READER_KEEP=1` keeps the folder for inspection.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replayReader } from '../../scripts/lib/reader-replay.ts';
import type { ReaderStep } from '../../scripts/lib/reader-steps.ts';
import { createFixtureSite, removeSite, REPO_ROOT } from '../support/fixture-site.ts';

/** A one-page tutorial: make a project, install TypeScript and tsx, write a tsconfig.json, run an example. */
function tutorial(shownEcho: string): Record<string, string> {
  return {
    'content/docs/start/_index.md': [
      '---', 'title: Start', 'weight: 1', '---', '',
      '```sh {reader=no}', 'node --version', '```', '',
      '```sh', 'mkdir app && cd app', 'npm init -y', 'npm pkg set type=module', 'npm install --save-dev typescript tsx @types/node', 'echo hello', '```', '',
      '{{< highlight text "output=start/transcript.ts#echo" >}}', '$ echo hello', shownEcho, '{{< /highlight >}}', '',
      '{{< highlight json "code=reader-project/tsconfig.json" >}}', '{{< /highlight >}}', '',
      '{{< highlight text "output=start/hello.ts#hello" >}}', 'Hello from app', '{{< /highlight >}}',
    ].join('\n'),
    'code/reader-project/tsconfig.json': '{ "compilerOptions": { "module": "NodeNext", "strict": true, "noEmit": true } }\n',
    'code/start/transcript.ts': "// #region echo\nconsole.log('$ echo hello');\nconsole.log('hello');\n// #endregion\n",
    'code/start/hello.ts': "const place: string = process.cwd().split('/').at(-1) ?? '';\n// #region hello\nconsole.log(`Hello from ${place}`);\n// #endregion\n",
  };
}

describe('the reader replay', () => {
  it('performs commands where the last `cd` left the reader, installs, writes files, runs examples and type-checks them', async () => {
    const site = await createFixtureSite(tutorial('hello'));
    try {
      const report = await replayReader({ root: site });
      assert.equal(report.failure, undefined);
      assert.deepEqual(
        report.steps.map((step) => `${step.line} ${step.kind}`),
        ['11 command', '12 command', '13 command', '14 command', '15 command', '18 example', '23 write', '26 example'],
      );
      assert.equal(report.done, report.steps.length);
    } finally {
      await removeSite(site);
    }
  });

  it('names the page and line of a step whose output differs from the page, with the difference', async () => {
    const site = await createFixtureSite(tutorial('hi'));
    try {
      const report = await replayReader({ root: site });
      assert.equal(
        report.failure,
        [
          'content/docs/start/_index.md:15: `echo hello` printed something else than the page shows at line 18:',
          '+++ the reader',
          '@@ -1,1 +1,1 @@',
          '-hi',
          '+hello',
        ].join('\n'),
      );
    } finally {
      await removeSite(site);
    }
  });

  it('follows every page of this tutorial in reading order, and every step works as the page shows', async (t) => {
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
