/**
 * The V8 code cache that example processes (and the processes they start) share
 * (scripts/runtime/code-cache.ts) may make a module start faster, never behave otherwise:
 * an entry is used only for the exact source it was made from, a damaged entry is
 * ignored and written again, and processes that fill the cache at the same time are safe.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { codeCacheEnvironment } from '../scripts/lib/code-cache.ts';
import { prepareRuntime } from '../scripts/lib/runtime-bundle.ts';
import { runNode, writeFiles, type CliResult } from './support/fixture-site.ts';

// A package with a few modules, required from a program outside node_modules.
const pkg = 'node_modules/fixture-pkg';
const files = {
  [`${pkg}/package.json`]: '{ "name": "fixture-pkg", "main": "index.js" }',
  [`${pkg}/index.js`]: [
    "'use strict';",
    "const patched = require('./patch-fs.js');",
    "const helper = require('./helper.js');",
    'module.exports = {',
    '  answer: helper.answer,',
    "  resolved: require.resolve('./helper.js') === require.cache[require.resolve('./helper.js')].filename,",
    '  sameThis: this === module.exports,',
    '  names: [__filename, __dirname].map((name) => name.slice(name.indexOf("node_modules"))).join(" "),',
    '  parent: helper.parent,',
    "  importer: require('./importer.js'),",
    "  shebang: require('./bin.js'),",
    '  fileCalls: () => patched.calls,',
    '};',
    '',
  ].join('\n'),
  // Like graceful-fs, which sequelize-cli loads: wraps fs.closeSync for the whole process
  // (graceful-fs reads the clock there, which would move a fixed clock).
  [`${pkg}/patch-fs.js`]: [
    "const fs = require('fs');",
    'const state = { calls: 0 };',
    'const closeSync = fs.closeSync;',
    'fs.closeSync = function (fd) { state.calls++; return closeSync.call(this, fd); };',
    'module.exports = state;',
    '',
  ].join('\n'),
  [`${pkg}/helper.js`]: "exports.answer = 'forty-two'; exports.parent = module.parent && module.parent.filename.endsWith('index.js');\n",
  [`${pkg}/importer.js`]: "module.exports = () => import('./helper.js').then((ns) => ns.default.answer);\n",
  [`${pkg}/bin.js`]: '#!/usr/bin/env node\nmodule.exports = typeof module;\n',
  // CommonJS text in .js files of "type": "module" folders, which Node.js loads as ES
  // modules (and so fails to run): sequelize-cli's generated migrations in an ES module project.
  [`${pkg}/esm/package.json`]: '{ "type": "module" }',
  [`${pkg}/esm/common.js`]: 'module.exports = 1;\n',
  'project/package.json': '{ "type": "module" }',
  'project/migration.js': 'module.exports = { up() {} };\n',
  [`${pkg}/thrower.js`]: "module.exports = () => { throw new Error('from line one'); };\n",
  'program.cjs': [
    "const fixture = require('fixture-pkg');",
    'const loads = (id) => { try { require(id); return "loaded"; } catch { return "error"; } };',
    "const moduleScope = [loads('fixture-pkg/esm/common.js'), loads('./project/migration.js')].join(' ');",
    'fixture.importer().then((imported) => {',
    '  let where = "";',
    "  try { require('fixture-pkg/thrower.js')(); } catch (error) { where = error.stack.split('\\n')[1].slice(error.stack.split('\\n')[1].indexOf('node_modules')); }",
    '  console.log(JSON.stringify({ ...fixture, importer: imported, where, fileCalls: fixture.fileCalls(), moduleScope }));',
    '});',
    '',
  ].join('\n'),
};

const expected = {
  answer: 'forty-two',
  resolved: true,
  sameThis: true,
  names: 'node_modules/fixture-pkg/index.js node_modules/fixture-pkg',
  parent: true,
  importer: 'forty-two',
  shebang: 'object',
  where: 'node_modules/fixture-pkg/thrower.js:1:32)',
  moduleScope: 'error error',
};

describe('the code cache of example processes', () => {
  let root = '';
  let env: Record<string, string> = {};
  let cacheRoot = '';

  const run = (extraEnv: Record<string, string> = env): Promise<CliResult> =>
    runNode(root, ['--lite-mode', '--no-expose-wasm', 'program.cjs'], extraEnv);

  // What the program prints without the cache; with it, it must print the same.
  let plain: unknown;
  // Node.js itself reads modules with the replaced functions, so they count some calls
  // without the cache; reading the cache must add none (so that the clock a package may
  // read in them does not move).
  const withoutCalls = ({ fileCalls, ...rest }: { fileCalls: number }): object => rest;

  const runOk = async (): Promise<void> => {
    const { code, stdout, stderr } = await run();
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), plain);
  };

  /** The cache's entries (one folder per Node.js and V8 flags), by key. */
  const entries = (): Map<string, string> => {
    const found = new Map<string, string>();
    for (const flavour of readdirSync(cacheRoot)) {
      for (const name of readdirSync(join(cacheRoot, flavour))) found.set(name, join(cacheRoot, flavour, name));
    }
    return found;
  };

  const verifies = (file: string): boolean => {
    const entry = readFileSync(file);
    return entry.readUInt32LE(0) === 0x31434344 && crc32(entry.subarray(8)) === entry.readUInt32LE(4);
  };

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'code-cache-'));
    await writeFiles(root, files);
    const runtime = await prepareRuntime(root);
    env = codeCacheEnvironment(root, runtime, {});
    cacheRoot = join(root, '.cache', 'verified-docs', 'code-cache');
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('behaves as Node.js does without it', async () => {
    const result = await run({});
    assert.equal(result.code, 0);
    plain = JSON.parse(result.stdout);
    assert.deepEqual(withoutCalls(plain as { fileCalls: number }), expected);
    await runOk();
  });

  it('caches the modules of packages, and uses the entries without writing them again', async () => {
    await runOk();
    const first = entries();
    // index, patch-fs, helper, bin, thrower; importer.js uses import() and is left to Node.js.
    assert.equal(first.size, 5);
    assert.ok([...first.values()].every(verifies));
    const inodes = new Map([...first].map(([key, file]) => [key, statSync(file).ino]));
    await runOk();
    assert.deepEqual(new Map([...entries()].map(([key, file]) => [key, statSync(file).ino])), inodes);
  });

  it('ignores a damaged entry and writes it again', async () => {
    for (const [index, damage] of [(entry: Buffer) => entry.subarray(0, entry.length - 7), (entry: Buffer) => flipByte(entry)].entries()) {
      const [key, file] = [...entries()][index] ?? [];
      assert.ok(key && file);
      const before = statSync(file).ino;
      await writeFile(file, damage(await readFile(file)));
      assert.ok(!verifies(file));
      await runOk();
      assert.ok(verifies(file));
      assert.notEqual(statSync(file).ino, before);
    }
  });

  it('never uses an entry made for other source text, even of the same length', async () => {
    const helper = join(root, pkg, 'helper.js');
    const source = await readFile(helper, 'utf8');
    await writeFile(helper, source.replace("'forty-two'", "'forty-one'"));
    const { stdout } = await run();
    assert.deepEqual(JSON.parse(stdout), { ...(plain as object), answer: 'forty-one', importer: 'forty-one' });
    await writeFile(helper, source);
    await runOk();
  });

  it('is filled safely by processes running at the same time', async () => {
    await rm(cacheRoot, { recursive: true, force: true });
    const results = await Promise.all(Array.from({ length: 6 }, () => run()));
    for (const { code, stdout, stderr } of results) {
      assert.equal(stderr, '');
      assert.equal(code, 0);
      assert.deepEqual(JSON.parse(stdout), plain);
    }
    assert.equal(entries().size, 5);
    assert.ok([...entries().values()].every(verifies));
    for (const flavour of await readdir(cacheRoot)) assert.deepEqual((await readdir(join(cacheRoot, flavour))).filter((name) => name.endsWith('.tmp')), []);
  });
});

function flipByte(entry: Buffer): Buffer {
  const copy = Buffer.from(entry);
  const at = Math.floor(copy.length / 2);
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
}
