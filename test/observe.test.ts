import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaptureEvent } from '../scripts/runtime/events.ts';
import { escapeBody, formatSections, parseSections, unescapeBody } from '../scripts/lib/body-escape.ts';
import { observeRun, type ProcessEnd } from '../scripts/lib/observe.ts';
import type { Region } from '../scripts/lib/regions.ts';

const file = 'code/chapter/example.ts';
const regions: Region[] = [
  { name: 'setup', throws: false, startLine: 3, endLine: 6 },
  { name: 'fails', throws: true, startLine: 8, endLine: 10 },
];
const ok: ProcessEnd = { exitCode: 0, signal: null, stderr: '' };
const schema = { statements: ['CREATE TABLE `a` (`id` INTEGER);'], tables: [] };

describe('observeRun', () => {
  it('splits a region into printed output and SQL, in order, and ignores output outside regions', () => {
    const events: CaptureEvent[] = [
      { kind: 'output', stream: 'stdout', text: 'before any region\n' },
      { kind: 'enter', region: 'setup' },
      { kind: 'output', stream: 'stdout', text: 'Executing (default): SELECT 1;\n' },
      { kind: 'output', stream: 'stdout', text: 'one\n' },
      { kind: 'output', stream: 'stderr', text: 'warning\n' },
      { kind: 'output', stream: 'stdout', text: 'Executing (4f2a-transaction): COMMIT;\n' },
      { kind: 'exit', region: 'setup', schema },
      { kind: 'output', stream: 'stdout', text: 'after\n' },
    ];
    const { captures, problems } = observeRun({ events: events, end: ok }, { file, regions: regions.slice(0, 1) });
    assert.deepEqual(problems, []);
    assert.deepEqual(captures.get('setup'), { output: 'one\nwarning\n', sql: ['SELECT 1;', 'COMMIT;'], schema });
  });

  it('numbers random transaction ids in SQL, keeping one name per transaction', () => {
    const id = '4fc711c0-eca4-4d7e-8a41-31e9eed430d0';
    const other = 'd24cb2c2-fa9b-43ac-b914-d74d5bebc6c8';
    const events: CaptureEvent[] = [
      { kind: 'enter', region: 'setup' },
      { kind: 'output', stream: 'stdout', text: `Executing (${id}): SAVEPOINT \`${id}-sp-1\`;\n` },
      { kind: 'output', stream: 'stdout', text: `Executing (${other}): SAVEPOINT \`${other}-sp-1\`;\n` },
      { kind: 'output', stream: 'stdout', text: `Executing (${id}): ROLLBACK TO SAVEPOINT \`${id}-sp-1\`;\n` },
      { kind: 'exit', region: 'setup', schema },
    ];
    const { captures } = observeRun({ events: events, end: ok }, { file, regions });
    assert.deepEqual(captures.get('setup')?.sql, [
      'SAVEPOINT `<transaction-1>-sp-1`;',
      'SAVEPOINT `<transaction-2>-sp-1`;',
      'ROLLBACK TO SAVEPOINT `<transaction-1>-sp-1`;',
    ]);
  });

  it("hides MariaDB's connection ids in output and errors, and PostgreSQL's function tags in SQL", () => {
    const tag = '$func_f55028165ee24d2784dd06c91ab5e665$';
    const events: CaptureEvent[] = [
      { kind: 'enter', region: 'setup' },
      { kind: 'output', stream: 'stdout', text: `Executing (default): CREATE OR REPLACE FUNCTION pg_temp.testfunc() AS ${tag} BEGIN END ${tag};\n` },
      { kind: 'output', stream: 'stdout', text: "parent: (conn=57, no: 1062, SQLState: 23000) Duplicate entry 'a' for key 'email'\n" },
      { kind: 'exit', region: 'setup', schema },
      { kind: 'enter', region: 'fails' },
      { kind: 'error', name: 'SequelizeDatabaseError', message: '(conn=534, no: 1064, SQLState: 42000) You have an error', stack: '' },
    ];
    const { captures } = observeRun({ events: events, end: { ...ok, exitCode: 1 } }, { file, regions });
    assert.deepEqual(captures.get('setup')?.sql, ['CREATE OR REPLACE FUNCTION pg_temp.testfunc() AS $func_<id>$ BEGIN END $func_<id>$;']);
    assert.equal(captures.get('setup')?.output, "parent: (conn=<id>, no: 1062, SQLState: 23000) Duplicate entry 'a' for key 'email'\n");
    assert.equal(captures.get('fails')?.error, 'SequelizeDatabaseError: (conn=<id>, no: 1064, SQLState: 42000) You have an error');
  });

  it('takes the error of a `throws` region as its output', () => {
    const events: CaptureEvent[] = [
      { kind: 'enter', region: 'fails' },
      { kind: 'error', name: 'ValidationError', message: 'Validation error: bad', stack: '' },
    ];
    const { captures, problems } = observeRun({ events: events, end: { ...ok, exitCode: 1 } }, { file, regions });
    assert.deepEqual(problems, []);
    assert.equal(captures.get('fails')?.error, 'ValidationError: Validation error: bad');
  });

  it('places any other throw at the example line from the stack', () => {
    const events: CaptureEvent[] = [
      { kind: 'enter', region: 'setup' },
      {
        kind: 'error',
        name: 'TypeError',
        message: 'x is not a function',
        stack: `TypeError: x is not a function\n    at run (node_modules/sequelize/lib/model.js:10:5)\n    at <anonymous> (${file}:5:9)`,
      },
    ];
    const { problems } = observeRun({ events: events, end: { ...ok, exitCode: 1 } }, { file, regions });
    assert.deepEqual(problems, [{ rule: 'run-failed', file, line: 5, column: 9, message: 'TypeError: x is not a function (in region `setup`)' }]);
  });

  it('reports a timeout with the region that was running', () => {
    const events: CaptureEvent[] = [{ kind: 'enter', region: 'setup' }];
    const { problems } = observeRun({ events: events, end: { exitCode: null, signal: 'SIGKILL', stderr: '', timedOutAfterMs: 500 } }, { file, regions });
    assert.deepEqual(problems, [
      { rule: 'timeout', file, line: 3, message: 'did not finish within 500 ms (still in region `setup`); raise the limit with --timeout <ms> if it is just slow' },
    ]);
  });

  it('reports a non-zero exit without an error, with the end of stderr', () => {
    const { problems } = observeRun({ events: [], end: { exitCode: 3, signal: null, stderr: 'bye\n' } }, { file, regions: [] });
    assert.deepEqual(problems, [{ rule: 'run-failed', file, message: 'exited with code 3:\nbye' }]);
  });

  it('reports a `throws` region that finished normally', () => {
    const events: CaptureEvent[] = [
      { kind: 'enter', region: 'fails' },
      { kind: 'exit', region: 'fails', schema },
    ];
    const { problems } = observeRun({ events: events, end: ok }, { file, regions });
    assert.deepEqual(problems, [{ rule: 'run-failed', file, line: 8, message: 'region `fails` is declared `throws` but finished without an error' }]);
  });
});

describe('a region that throws on some dialects only', () => {
  const only: Region[] = [{ name: 'order', throws: ['mariadb'], startLine: 3, endLine: 6 }];
  const error: CaptureEvent = { kind: 'error', name: 'SequelizeDatabaseError', message: 'You have an error in your SQL syntax', stack: '' };

  it('takes the error as its output on a dialect it names', () => {
    const { captures, problems } = observeRun({ events: [{ kind: 'enter', region: 'order' }, error], end: { ...ok, exitCode: 1 } }, { file, regions: only }, 'mariadb');
    assert.deepEqual(problems, []);
    assert.equal(captures.get('order')?.error, 'SequelizeDatabaseError: You have an error in your SQL syntax');
  });

  it('fails on a dialect it does not name, and when a named dialect finishes without an error', () => {
    const thrown = observeRun({ events: [{ kind: 'enter', region: 'order' }, error], end: { ...ok, exitCode: 1 } }, { file, regions: only }, 'postgres');
    assert.deepEqual(thrown.problems.map((problem) => problem.message), ['SequelizeDatabaseError: You have an error in your SQL syntax (in region `order`)']);
    const finished = observeRun({ events: [{ kind: 'enter', region: 'order' }, { kind: 'exit', region: 'order', schema }], end: ok }, { file, regions: only }, 'mariadb');
    assert.deepEqual(finished.problems.map((problem) => problem.message), ['region `order` is declared `throws:mariadb` but finished without an error']);
  });
});

describe('bodies per dialect', () => {
  const order = ['sqlite', 'postgres', 'mariadb'];

  it('writes one text when every dialect shows the same, and a section per dialect otherwise', () => {
    assert.equal(formatSections(new Map([['sqlite', 'a'], ['postgres', 'a']]), order), 'a');
    const body = formatSections(new Map([['mariadb', 'c'], ['sqlite', 'a'], ['postgres', 'b']]), order);
    assert.equal(body, '@dialect sqlite\na\n@dialect postgres\nb\n@dialect mariadb\nc');
    assert.deepEqual(parseSections(body), { byDialect: new Map([['sqlite', 'a'], ['postgres', 'b'], ['mariadb', 'c']]) });
  });

  it('escapes output that looks like a marker, and reads it back', () => {
    const texts = new Map([['sqlite', '@dialect postgres\n{{< x >}}'], ['postgres', 'b']]);
    const body = formatSections(texts, order);
    assert.equal(body.split('\n').filter((line) => line.startsWith('@dialect')).length, 2);
    assert.deepEqual(parseSections(body), { byDialect: texts });
    assert.deepEqual(parseSections(formatSections(new Map([['sqlite', '@dialect sqlite']]), order)), { all: '@dialect sqlite' });
  });
});

describe('body escaping', () => {
  it('removes every shortcode opener and round-trips any text', () => {
    const samples = ['{{< x >}}', '{{% y %}}', '{{{<', '&#123;', '&amp;', '&amp;#123;', 'a && b', '{{ plain }}', '&#123;{< z'];
    for (const sample of samples) {
      const escaped = escapeBody(sample);
      assert.ok(!/\{\{[<%]/.test(escaped), `${sample} -> ${escaped}`);
      assert.equal(unescapeBody(escaped), sample);
    }
    assert.equal(escapeBody('const x = a && b;\n<script>'), 'const x = a && b;\n<script>');
  });
});
