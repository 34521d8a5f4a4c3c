/**
 * Bad input: each case breaks a copy of the fixture site in one way, runs `build`, and
 * asserts the exact message (with its file and line) and that no page was written.
 */
import assert from 'node:assert/strict';
import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createFixtureSite, removeSite, REPO_ROOT, runCli, SQLITE_ONLY, writeFiles } from './support/fixture-site.ts';

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
      'code/chapter/throws.ts': SQLITE_ONLY + "import '../support/fixed-clock.ts';\n\n// #region run\nconst items: string[] = [];\nconsole.log('before');\nif (items.length === 0) {\n  throw new RangeError('no items to show');\n}\n// #endregion\n",
      [BROKEN_PAGE]: pageUsing('output=chapter/throws.ts#run'),
    });
    assert.equal(code, 1);
    // One root cause, one problem, and one line saying what it left unverified.
    assert.match(stderr, /^1 problem; no page was written:\ncode\/chapter\/throws\.ts:8:9: RangeError: no items to show \(in region `run`\)\n  this left 1 block unverified: content\/docs\/chapter\/broken\.md \(1\)$/m);
  });

  it('an example that never finishes: the timeout and the region it was in', async () => {
    const { code, stderr } = await buildBroken(
      {
        'code/chapter/hangs.ts': SQLITE_ONLY + "import '../support/fixed-clock.ts';\n\n// #region wait\nawait new Promise<void>(() => setInterval(() => {}, 1000));\n// #endregion\n",
        [BROKEN_PAGE]: pageUsing('output=chapter/hangs.ts#wait'),
      },
      ['--timeout', '2000'],
    );
    assert.equal(code, 1);
    assert.match(stderr, /^code\/chapter\/hangs\.ts:4: did not finish within 2000 ms \(still in region `wait`\); raise the limit with --timeout <ms> if it is just slow$/m);
  });

  it('an example that calls process.exit: the line of the call and the region it was in', async () => {
    const { code, stderr } = await buildBroken({
      'code/chapter/quits.ts': SQLITE_ONLY + "import '../support/fixed-clock.ts';\n\n// #region run\nconsole.log('leaving');\nprocess.exit(3);\n// #endregion\n",
      [BROKEN_PAGE]: pageUsing('output=chapter/quits.ts#run'),
    });
    assert.equal(code, 1);
    assert.match(stderr, /^code\/chapter\/quits\.ts:6:9: `process\.exit\(3\)` ended the program in region `run`; throw an error instead, or let the program end\n  this left 1 block unverified/m);
  });

  it('an example that exits with a non-zero code after its regions', async () => {
    const { code, stderr } = await buildBroken({
      'code/chapter/exits.ts': SQLITE_ONLY + "import '../support/fixed-clock.ts';\n\n// #region run\nconsole.log('about to leave');\n// #endregion\nprocess.exit(3);\n",
      [BROKEN_PAGE]: pageUsing('output=chapter/exits.ts#run'),
    });
    assert.equal(code, 1);
    assert.match(stderr, /^code\/chapter\/exits\.ts:7:9: `process\.exit\(3\)` ended the program; throw an error instead, or let the program end$/m);
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

  it('a mistyped view: the option, a suggestion, and no page published', async () => {
    const { stderr } = await buildBroken({
      [BROKEN_PAGE]: '---\ntitle: Broken\n---\n\n{{< highlight text "outptu=chapter/example.ts#create" >}}\ntyped by hand\n{{< /highlight >}}\n',
    });
    assert.match(stderr, /^content\/docs\/chapter\/broken\.md:5:1: unknown option `outptu`; did you mean `output`\? \(views: `code`, `types`, `output`, `sql`, `schema`; see the README for the others\)$/m);
  });

  it('a block without a language, and output typed by hand without the opt-out', async () => {
    const { stderr } = await buildBroken({
      [BROKEN_PAGE]: '---\ntitle: Broken\n---\n\n{{< highlight "output=chapter/example.ts#create" >}}\n{{< /highlight >}}\n\n{{< highlight text >}}\ncreated note 1\n{{< /highlight >}}\n\n```json {handwritten=true}\n{ "allowed": true }\n```\n',
    });
    assert.match(stderr, /^2 problems; no page was written:$/m);
    assert.match(stderr, /^content\/docs\/chapter\/broken\.md:5:1: `highlight` needs a language first, e\.g\. /m);
    assert.match(stderr, /^content\/docs\/chapter\/broken\.md:8: `highlight text` block is not bound to code\/; name a view, e\.g\. "code=<file>#<region>", or, if the reader types it \(a command, a file\), add the option `handwritten=true`$/m);
  });

  it('output that varies between runs is refused, naming the region and both runs', async () => {
    const { code, stderr } = await buildBroken({
      'code/chapter/random.ts': SQLITE_ONLY + "import '../support/fixed-clock.ts';\n\n// #region roll\nconsole.log('rolled', Math.random() < 2 ? Math.random().toFixed(12) : '');\n// #endregion\n",
      [BROKEN_PAGE]: pageUsing('output=chapter/random.ts#roll'),
    });
    assert.equal(code, 1);
    assert.match(stderr, /^code\/chapter\/random\.ts:4: prints something else on each run, so no page shows it: region `roll`, output line 1: first run `rolled 0\.\d{12}`, second run `rolled 0\.\d{12}`; usual causes: the clock/m);
  });

  it('code that does not compile: the file, line, column and TypeScript\'s message', async () => {
    const { stderr } = await buildBroken({
      'code/chapter/typed.ts': SQLITE_ONLY + "import '../support/fixed-clock.ts';\n\n// #region run\nconst count: number = 'three';\nconsole.log(count);\n// #endregion\n",
      [BROKEN_PAGE]: pageUsing('output=chapter/typed.ts#run'),
    });
    assert.match(stderr, /^code\/chapter\/typed\.ts:5:7: TS2322: Type 'string' is not assignable to type 'number'\.$/m);
  });

  it('a run that writes a file where it runs: the file named, nothing left behind', async () => {
    const { stderr } = await buildBroken({
      'code/chapter/file-db.ts':
        SQLITE_ONLY +
        "import '../support/fixed-clock.ts';\nimport { Sequelize } from 'sequelize';\n\nconst sequelize = new Sequelize({ dialect: 'sqlite', storage: 'db.sqlite', logging: false });\n// #region run\nawait sequelize.query('CREATE TABLE t (id INTEGER)');\nconsole.log('created');\n// #endregion\nawait sequelize.close();\n",
      [BROKEN_PAGE]: pageUsing('output=chapter/file-db.ts#run'),
    });
    assert.match(stderr, /^code\/chapter\/file-db\.ts: created `db\.sqlite` in the folder it ran in \(for a reader, their project\); use `storage: ':memory:'` or a temporary folder/m);
  });

  it('a body over its limit, with the size, the limit and the option that raises it', async () => {
    const { stderr } = await buildBroken({
      'code/chapter/long.ts': SQLITE_ONLY + "// #region run\nfor (let i = 1; i <= 250; i++) console.log(`line ${i}`);\n// #endregion\n",
      [BROKEN_PAGE]: pageUsing('output=chapter/long.ts#run'),
    });
    assert.match(stderr, /^content\/docs\/chapter\/broken\.md:8: the `output` body would be 250 lines, over the limit of 200; show a smaller region, or raise the limit for this block with `maxlines=250`$/m);
  });

  it('a run that writes into the repository by an absolute path: the file named, and kept for the author to see', async () => {
    const { stderr } = await buildBroken({
      'code/chapter/writes-here.ts':
        SQLITE_ONLY +
        "import { writeFileSync } from 'node:fs';\n\n// #region run\nwriteFileSync(new URL('./notes.txt', import.meta.url), 'left behind');\nconsole.log('wrote');\n// #endregion\n",
      [BROKEN_PAGE]: pageUsing('output=chapter/writes-here.ts#run'),
    });
    assert.match(stderr, /^code\/chapter\/notes\.txt: was created while the examples ran \(by code\/chapter\/writes-here\.ts\); an example writes only to `:memory:` or a temporary folder of its own: delete this file and fix the example$/m);
  });
});
