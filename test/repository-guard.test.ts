/**
 * The repository guard on its own: which files it reports after the runs, and whom it
 * names as the writer.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { filesLeftBehind, snapshotRepository } from '../scripts/lib/repository-guard.ts';

const examples = (count: number): Array<{ file: string; source: string }> =>
  Array.from({ length: count }, (_, index) => ({ file: `code/example-${index + 1}.ts`, source: "console.log('quiet');\n" }));

describe('the repository guard', () => {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'repository-guard-'));
    await writeFile(join(root, 'notes.md'), 'before\n');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('names the example whose source names the file', async () => {
    const before = await snapshotRepository(root);
    await writeFile(join(root, 'db.sqlite'), 'rows');
    const ran = [...examples(5), { file: 'code/writer.ts', source: "new Sequelize({ storage: 'db.sqlite' });\n" }];
    const problems = await filesLeftBehind(root, before, ran);
    assert.deepEqual(
      problems.map((problem) => `${problem.file}: ${problem.message}`),
      ['db.sqlite: was created while the examples ran (by code/writer.ts); an example writes only to `:memory:` or a temporary folder of its own: delete this file and fix the example'],
    );
  });

  it('lists a few suspects, and only counts many, where an edit saved during the build is as likely', async () => {
    const before = await snapshotRepository(root);
    await writeFile(join(root, 'notes.md'), 'after, and longer\n');
    const [few] = await filesLeftBehind(root, before, examples(3));
    assert.equal(few?.message, 'was changed while the examples ran (by one of code/example-1.ts, code/example-2.ts, code/example-3.ts); an example never writes into the repository: restore this file (git checkout) and fix the example');
    const [many] = await filesLeftBehind(root, before, examples(54));
    assert.equal(many?.message, 'was changed while the examples ran (by one of the 54 examples that ran, or by an edit saved while they ran); an example never writes into the repository: restore this file (git checkout) and fix the example');
  });
});
