/**
 * `npm run build`, `check` and `dev` start scripts/launch.mjs, which runs the command line
 * compiled once with esbuild: it must run what scripts/ holds now, compiling again after
 * any change there, and never a half-written compilation.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { appendFile, cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, runNode, type CliResult } from './support/fixture-site.ts';

describe('the compiled command line', () => {
  let root = '';
  const compiled = async (): Promise<string[]> =>
    (await readdir(join(root, '.cache', 'verified-docs')).catch(() => [] as string[])).filter((name) => name.startsWith('cli-')).sort();

  const launch = (...args: string[]): Promise<CliResult> => runNode(root, [join(root, 'scripts', 'launch.mjs'), ...args]);

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'launch-'));
    for (const entry of ['scripts', 'tsconfig.json', 'package.json']) await cp(join(REPO_ROOT, entry), join(root, entry), { recursive: true });
    await symlink(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('is compiled on the first start, then reused', async () => {
    const first = await launch('--help');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^usage: /);
    const [folder, ...others] = await compiled();
    assert.ok(folder);
    assert.deepEqual(others, []);
    const made = statSync(join(root, '.cache', 'verified-docs', folder, 'cli.mjs')).mtimeMs;

    const second = await launch('--help');
    assert.equal(second.stdout, first.stdout);
    assert.deepEqual(await compiled(), [folder]);
    assert.equal(statSync(join(root, '.cache', 'verified-docs', folder, 'cli.mjs')).mtimeMs, made);
  });

  it('is compiled again when any file under scripts/ changes, and runs the new source', async () => {
    const before = await compiled();
    await appendFile(join(root, 'scripts', 'lib', 'problem.ts'), '\n// changed\n');
    assert.equal((await launch('--help')).code, 0);
    assert.equal((await compiled()).length, before.length + 1);

    const cli = join(root, 'scripts', 'cli.ts');
    await writeFile(cli, (await readFile(cli, 'utf8')).replace('usage: ', 'usage (changed): '));
    assert.match((await launch('--help')).stdout, /^usage \(changed\): /);
  });

  it('two starts at once compile it safely', async () => {
    await appendFile(join(root, 'scripts', 'lib', 'problem.ts'), '\n// changed again\n');
    const before = await compiled();
    const results = await Promise.all([launch('--help'), launch('--help')]);
    for (const result of results) {
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^usage \(changed\): /);
    }
    const after = await compiled();
    assert.equal(after.length, before.length + 1);
    // No staging folder is left behind.
    assert.ok(after.every((name) => /^cli-[0-9a-f]{16}$/.test(name)), after.join(', '));
  });

  it('reports a compile error and fails', async () => {
    await appendFile(join(root, 'scripts', 'lib', 'problem.ts'), '\nexport const = ;\n');
    const result = await launch('--help');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /problem\.ts/);
  });
});
