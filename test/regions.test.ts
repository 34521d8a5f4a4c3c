import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instrumentRegions, parseRegions, regionCode } from '../scripts/lib/regions.ts';

const example = [
  "import '../support/fixed-clock.ts';",
  '',
  '// #region define',
  'const a = 1;',
  '  // #endregion',
  '',
  'if (a) {',
  '  // #region inside',
  '    console.log(a);',
  '  console.log(2);',
  '  // #endregion',
  '}',
  '// #region fails throws',
  "throw new Error('x');",
  '// #endregion',
].join('\n');

describe('parseRegions', () => {
  it('finds named regions with their marker lines and flags', () => {
    const { regions, problems } = parseRegions(example, 'code/a.ts');
    assert.deepEqual(problems, []);
    assert.deepEqual(regions, [
      { name: 'define', throws: false, startLine: 3, endLine: 5 },
      { name: 'inside', throws: false, startLine: 8, endLine: 11 },
      { name: 'fails', throws: true, startLine: 13, endLine: 15 },
    ]);
  });

  it('reports an unterminated region at its opening line', () => {
    const { problems } = parseRegions('// #region open\nconst a = 1;\n', 'code/a.ts');
    assert.deepEqual(problems, [{ rule: 'region-syntax', file: 'code/a.ts', line: 1, message: 'region `open` is never closed with `// #endregion`' }]);
  });

  it('reports a duplicated region with both lines', () => {
    const { regions, problems } = parseRegions('// #region a\n// #endregion\n// #region a\n// #endregion\n', 'code/a.ts');
    assert.deepEqual(problems, [{ rule: 'region-syntax', file: 'code/a.ts', line: 3, message: 'region `a` is declared twice (first at line 1)' }]);
    assert.equal(regions.length, 1);
  });

  it('reports nesting, a stray #endregion, a missing name and an unknown flag', () => {
    const source = ['// #region a', '// #region b', '// #endregion', '// #endregion', '// #region', '// #region c sometimes', '// #endregion'].join('\n');
    const { problems } = parseRegions(source, 'code/a.ts');
    assert.deepEqual(
      problems.map((p) => `${p.line}: ${p.message}`),
      [
        '2: region `b` starts inside region `a` (line 1); regions cannot nest',
        '4: `#endregion` without a matching `#region`',
        '5: a `#region` marker needs a name made of letters, digits, `-` or `_`',
        '6: unknown region flag `sometimes` (the only flag is `throws`, or `throws:<dialect>,<dialect>` for some dialects only)',
      ],
    );
  });
});

describe('regions that throw on some dialects only', () => {
  it('reads the dialects a `throws:` flag names', () => {
    const source = ['// #region order throws:mariadb', 'x();', '// #endregion', '// #region lock throws:postgres,mariadb', 'y();', '// #endregion'].join('\n');
    assert.deepEqual(parseRegions(source, 'code/a.ts').regions, [
      { name: 'order', throws: ['mariadb'], startLine: 1, endLine: 3 },
      { name: 'lock', throws: ['postgres', 'mariadb'], startLine: 4, endLine: 6 },
    ]);
  });
});

describe('regionCode', () => {
  it('returns the region without its markers, dedented, trailing spaces removed', () => {
    const { regions } = parseRegions(example, 'code/a.ts');
    assert.equal(regionCode(example, regions[1]), '  console.log(a);\nconsole.log(2);');
  });

  it('returns the whole file without any marker lines when no region is given', () => {
    const code = regionCode(example, undefined);
    assert.ok(!code.includes('#region') && !code.includes('#endregion'));
    assert.ok(code.startsWith("import '../support/fixed-clock.ts';\n\nconst a = 1;"));
  });
});

describe('instrumentRegions', () => {
  it('adds capture calls on the marker lines only, so line numbers are kept', () => {
    const { regions } = parseRegions(example, 'code/a.ts');
    const instrumented = instrumentRegions(example, regions).split('\n');
    assert.equal(instrumented.length, example.split('\n').length);
    assert.equal(instrumented[2], 'await globalThis.__docsCapture?.enter("define"); // #region define');
    assert.equal(instrumented[4], '  await globalThis.__docsCapture?.exit("define"); // #endregion');
    assert.equal(instrumented[3], 'const a = 1;');
  });
});
