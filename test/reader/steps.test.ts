/**
 * How the reader's steps are read from pages (scripts/lib/reader-steps.ts) and what may
 * differ between a page and the reader's terminal (scripts/lib/reader-normalise.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelPage } from '../../scripts/lib/page-model.ts';
import { normaliseCommandOutput, normaliseShown, readersStampedFile, withReadersStamps } from '../../scripts/lib/reader-normalise.ts';
import { pageSteps, readerSteps, readingOrder } from '../../scripts/lib/reader-steps.ts';
import { findShortcodes } from '../../scripts/lib/shortcodes.ts';

function page(file: string, lines: string[]) {
  const text = lines.join('\n');
  return modelPage(file, text, findShortcodes(text, file));
}

describe('reader steps', () => {
  const setUp = page('content/docs/cli/setup.md', [
    '---', 'title: Set-up', 'weight: 2', '---', '',
    '```sh {reader=no}', 'node --version', '```', '',
    '```sh', 'npm install --save-dev sequelize-cli', '', '# a comment', 'npx sequelize-cli init \\', '  --force', '```', '',
    '{{< highlight json "code=reader-project/db/config.json" >}}', '{}', '{{< /highlight >}}', '',
    '```sh', 'npx sequelize-cli db:migrate', 'npx sequelize-cli db:migrate:status', '```', '',
    '{{< highlight text "output=cli/setup.ts#migrate" >}}',
    '$ npx sequelize-cli db:migrate', '', 'Loaded &#123;{ x }}', '$ npx sequelize-cli db:migrate:status', 'up', '(exit status 1)',
    '{{< /highlight >}}', '',
    '{{< highlight sql "sql=cli/setup.ts#migrate" >}}', 'SELECT 1', '{{< /highlight >}}',
  ]);

  it('reads commands, files to write and examples in the order of the page', () => {
    const { steps, problems } = pageSteps(setUp);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      steps.map((step) => [step.line, step.kind, step.kind === 'write' ? step.file : step.kind === 'example' ? step.example : step.command]),
      [
        [11, 'command', 'npm install --save-dev sequelize-cli'],
        [14, 'command', 'npx sequelize-cli init \\\n  --force'],
        [18, 'write', 'db/config.json'],
        [23, 'command', 'npx sequelize-cli db:migrate'],
        [24, 'command', 'npx sequelize-cli db:migrate:status'],
        [27, 'example', 'code/cli/setup.ts'],
      ],
    );
  });

  it('pairs a command with its transcript in the output that follows it, and shows examples their blocks', () => {
    const { steps } = pageSteps(setUp);
    const migrate = steps.find((step) => step.kind === 'command' && step.command === 'npx sequelize-cli db:migrate');
    assert.deepEqual(migrate?.kind === 'command' && migrate.shown, { line: 27, text: '\nLoaded {{ x }}', exitStatus: 0 });
    const status = steps.find((step) => step.kind === 'command' && step.command === 'npx sequelize-cli db:migrate:status');
    assert.deepEqual(status?.kind === 'command' && status.shown, { line: 27, text: 'up', exitStatus: 1 });
    const example = steps.find((step) => step.kind === 'example');
    assert.deepEqual(example?.kind === 'example' && example.shown.map((block) => [block.view, block.region, block.line]), [['output', 'migrate', 27], ['sql', 'migrate', 36]]);
  });

  it("shows an example SQLite's section of a block whose dialects differ, since the reader runs on SQLite", () => {
    const portable = page('content/docs/start/versions.md', [
      '---', 'title: Versions', 'weight: 1', '---', '',
      '{{< highlight text "output=start/versions.ts#versions" >}}',
      '@dialect sqlite', 'SQLite 3.44.2', '@dialect postgres', 'PostgreSQL 15', '@dialect mariadb', 'MariaDB 10.11',
      '{{< /highlight >}}', '',
      '{{< highlight sql "sql=start/versions.ts#versions" >}}', 'SELECT 1+1 AS result', '{{< /highlight >}}',
    ]);
    const example = pageSteps(portable).steps.find((step) => step.kind === 'example');
    assert.deepEqual(example?.kind === 'example' && example.shown.map((block) => block.text), ['SQLite 3.44.2', 'SELECT 1+1 AS result']);
  });

  it('follows the reading order: chapters by weight, the chapter page first, then pages by weight', () => {
    const pages = [
      setUp,
      page('content/docs/cli/_index.md', ['---', 'title: CLI', 'weight: 20', '---']),
      page('content/docs/cli/first.md', ['---', 'title: First', 'weight: 1', '---']),
      page('content/docs/start/_index.md', ['---', 'title: Start', 'weight: 10', '---']),
      page('content/docs/start/unweighted.md', ['---', 'title: Unweighted', '---']),
      page('content/docs/start/install.md', ['---', 'title: Install', 'weight: 1', '---']),
      page('content/_index.md', ['---', 'title: Home', '---']),
    ];
    const { ordered, outside } = readingOrder(pages);
    assert.deepEqual(ordered.map((p) => p.file), [
      'content/docs/start/_index.md',
      'content/docs/start/install.md',
      'content/docs/start/unweighted.md',
      'content/docs/cli/_index.md',
      'content/docs/cli/first.md',
      'content/docs/cli/setup.md',
    ]);
    assert.deepEqual(outside.map((p) => p.file), ['content/_index.md']);
  });

  it('reports a step on a page outside the reading order, and a file shown in part', () => {
    const home = page('content/_index.md', ['---', 'title: Home', '---', '```sh', 'npm init -y', '```']);
    const part = page('content/docs/cli/_index.md', ['---', 'title: CLI', 'weight: 1', '---', '{{< highlight json "code=reader-project/package.json#deps" >}}', '{{< /highlight >}}']);
    assert.deepEqual(readerSteps([home, part]).problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`), [
      "content/docs/cli/_index.md:5: a file of the reader's project is shown whole, so that the reader can write it: drop `#deps`",
      'content/_index.md:5: this page is not in the reading order, so a reader never gets here: move the step to a chapter page, or mark its block `{reader=no}`',
    ]);
  });
});

describe('what may differ between a page and the reader', () => {
  it('the project folder, the Node.js version, CLI time stamps, durations and SQL log lines', () => {
    const printed = [
      '',
      'Sequelize CLI [Node: 20.20.2, CLI: 6.6.5, ORM: 6.37.8]',
      'Executing (default): SELECT 1+1 AS result',
      'New migration was created at /tmp/r/p/db/migrations/20261203101500-create-user.js .',
      '== 20261203101500-create-user: migrated (0.034s)',
      '',
    ].join('\n');
    const shown = ['', 'Sequelize CLI [Node: <node>, CLI: 6.6.5, ORM: 6.37.8]', 'New migration was created at <project>/db/migrations/20240101090100-create-user.js .', '== 20240101090100-create-user: migrated (0.007s)'].join('\n');
    assert.equal(normaliseCommandOutput(printed, '/tmp/r/p'), normaliseShown(shown));
  });

  it("a stamped name stands for the reader's file with the same name after the stamp", () => {
    const files = ['db/config.json', 'db/migrations/20261203101500-create-user.js', 'db/migrations/20261203101600-add-birthday-to-users.js'];
    assert.equal(readersStampedFile('db/migrations/20240101090200-add-birthday-to-users.js', files), 'db/migrations/20261203101600-add-birthday-to-users.js');
    assert.equal(readersStampedFile('db/seeders/20240101090400-demo-users.js', files), undefined);
    assert.equal(readersStampedFile('db/config.json', files), undefined);
    assert.equal(withReadersStamps('npx sequelize-cli db:migrate --to 20240101090100-create-user.js', files), 'npx sequelize-cli db:migrate --to 20261203101500-create-user.js');
    assert.equal(withReadersStamps('npx sequelize-cli db:seed --seed 20240101090400-demo-users.js', files), 'npx sequelize-cli db:seed --seed 20240101090400-demo-users.js');
  });
});
