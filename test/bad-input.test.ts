/**
 * Bad input: each case breaks a copy of the fixture site in one way, runs `build`, and
 * asserts the exact message (with its file and line) and that no page was written.
 */
import assert from 'node:assert/strict';
import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createFixtureSite, removeSite, REPO_ROOT, runCli, writeFiles } from './support/fixture-site.ts';

async function contentSnapshot(site: string): Promise<Map<string, string>> {
  const files = (await readdir(join(site, 'content'), { recursive: true })).filter((file) => file.endsWith('.md')).sort();
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(join(site, 'content', file), 'utf8')] as const)));
}

/** Builds a broken copy of the fixture site and returns what the build said. */
async function buildBroken(files: Record<string, string>, args: string[] = []): Promise<{ stderr: string; code: number | null }> {
  const site = await createFixtureSite({});
  try {
    await cp(join(REPO_ROOT, 'test', 'fixtures', 'site'), site, { recursive: true });
    await writeFiles(site, files);
    const before = await contentSnapshot(site);
    const result = await runCli(site, ['build', ...args]);
    assert.deepEqual(await contentSnapshot(site), before, 'no page may change when the build fails');
    assert.ok(!result.stdout.includes('Start building sites'), 'Hugo must not run after a failed verification');
    return { stderr: result.stderr, code: result.code };
  } finally {
    await removeSite(site);
  }
}

function pageUsing(reference: string): string {
  return `---\ntitle: Broken\nweight: 9\n---\n\nText.\n\n{{< highlight text "${reference}" >}}\n{{< /highlight >}}\n`;
}

const BROKEN_PAGE = 'content/docs/chapter/broken.md';

describe('bad input fails the build with a clear message and writes nothing', () => {
  it('an example that throws: the error and the line in code/', async () => {
    const { code, stderr } = await buildBroken({
      'code/chapter/throws.ts': "import '../support/fixed-clock.ts';\n\n// #region run\nconst items: string[] = [];\nconsole.log('before');\nif (items.length === 0) {\n  throw new RangeError('no items to show');\n}\n// #endregion\n",
      [BROKEN_PAGE]: pageUsing('output=chapter/throws.ts#run'),
    });
    assert.equal(code, 1);
    assert.match(stderr, /^code\/chapter\/throws\.ts:7:9: RangeError: no items to show \(in region `run`\)$/m);
    assert.match(stderr, /^content\/docs\/chapter\/broken\.md:8: code\/chapter\/throws\.ts failed, so its output is unknown$/m);
  });

  it('an example that never finishes: the timeout and the region it was in', async () => {
    const { code, stderr } = await buildBroken(
      {
        'code/chapter/hangs.ts': "import '../support/fixed-clock.ts';\n\n// #region wait\nawait new Promise<void>(() => setInterval(() => {}, 1000));\n// #endregion\n",
        [BROKEN_PAGE]: pageUsing('output=chapter/hangs.ts#wait'),
      },
      ['--timeout', '2000'],
    );
    assert.equal(code, 1);
    assert.match(stderr, /^code\/chapter\/hangs\.ts:3: did not finish within 2000 ms \(still in region `wait`\); raise the limit with --timeout <ms> if it is just slow$/m);
  });

  it('an example that exits with a non-zero code', async () => {
    const { code, stderr } = await buildBroken({
      'code/chapter/exits.ts': "import '../support/fixed-clock.ts';\n\n// #region run\nconsole.log('about to leave');\n// #endregion\nprocess.exit(3);\n",
      [BROKEN_PAGE]: pageUsing('output=chapter/exits.ts#run'),
    });
    assert.equal(code, 1);
    assert.match(stderr, /^code\/chapter\/exits\.ts: exited with code 3$/m);
  });

  it('a missing example file, named with the page and line', async () => {
    const { stderr } = await buildBroken({ [BROKEN_PAGE]: pageUsing('output=chapter/nowhere.ts#run') });
    assert.match(stderr, /^content\/docs\/chapter\/broken\.md:8: example `code\/chapter\/nowhere\.ts` does not exist$/m);
  });

  it('a missing region, with a suggestion', async () => {
    const { stderr } = await buildBroken({ [BROKEN_PAGE]: pageUsing('output=chapter/example.ts#creat') });
    assert.match(stderr, /^content\/docs\/chapter\/broken\.md:8: region `creat` not found in code\/chapter\/example\.ts; did you mean `create`\? \(its regions: `define`, `create`\)$/m);
  });

  it('an unterminated region and a duplicated region, both reported', async () => {
    const { stderr } = await buildBroken({
      'code/chapter/regions.ts': "// #region a\nconsole.log(1);\n// #endregion\n// #region a\nconsole.log(2);\n// #endregion\n// #region open\nconsole.log(3);\n",
      [BROKEN_PAGE]: pageUsing('output=chapter/regions.ts#a'),
    });
    assert.match(stderr, /^code\/chapter\/regions\.ts:4: region `a` is declared twice \(first at line 1\)$/m);
    assert.match(stderr, /^code\/chapter\/regions\.ts:7: region `open` is never closed with `\/\/ #endregion`$/m);
  });

  it('a shortcode that is never closed', async () => {
    const { stderr } = await buildBroken({
      [BROKEN_PAGE]: '---\ntitle: Broken\n---\n\n{{< highlight ts "code=chapter/example.ts#define" >}}\n\nThe author forgot the closing tag.\n',
    });
    assert.match(stderr, /^content\/docs\/chapter\/broken\.md:5:1: `highlight` is never closed: add `\{\{< \/highlight >\}\}` after its body$/m);
  });

  it('reports every problem of a run, not only the first', async () => {
    const { stderr } = await buildBroken({
      [BROKEN_PAGE]: `${pageUsing('output=chapter/nowhere.ts#run')}\n{{< highlight text "sql=chapter/example.ts#missing" >}}\n{{< /highlight >}}\n`,
    });
    assert.match(stderr, /^2 problems; no page was written:$/m);
    assert.match(stderr, /^content\/docs\/chapter\/broken\.md:8: example `code\/chapter\/nowhere\.ts` does not exist$/m);
    assert.match(stderr, /^content\/docs\/chapter\/broken\.md:11: region `missing` not found in code\/chapter\/example\.ts/m);
  });
});
