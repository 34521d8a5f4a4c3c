/**
 * What tools print of their version is remembered under the tool's identity: asked once,
 * asked again when the tool changes, never remembered when it fails.
 */
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { probe, rememberProbesIn } from '../scripts/lib/probe.ts';

describe('probing a tool', () => {
  let dir = '';
  let tool = '';
  let calls = '';
  const writeTool = async (version: string, exitCode = 0): Promise<void> => {
    await writeFile(tool, `#!/bin/sh\necho called >> '${calls}'\necho 'tool ${version}'\nexit ${exitCode}\n`);
    await chmod(tool, 0o755);
  };
  const callCount = async (): Promise<number> => (await readFile(calls, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'probe-'));
    tool = join(dir, 'tool');
    calls = join(dir, 'calls');
    rememberProbesIn(join(dir, 'cache', 'probes.json'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('runs the tool once, and a later command reads what it printed from the file', async () => {
    await writeTool('1.0');
    assert.equal(probe(tool, ['--version']), 'tool 1.0\n');
    assert.equal(probe(tool, ['--version']), 'tool 1.0\n');
    rememberProbesIn(join(dir, 'cache', 'probes.json'));
    assert.equal(probe(tool, ['--version']), 'tool 1.0\n');
    assert.equal(await callCount(), 1);
  });

  it('asks again when the tool is replaced, or asked something else', async () => {
    await writeTool('1.0');
    assert.equal(probe(tool, ['--version']), 'tool 1.0\n');
    await writeTool('2.0');
    await utimes(tool, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    assert.equal(probe(tool, ['--version']), 'tool 2.0\n');
    assert.equal(probe(tool, ['version']), 'tool 2.0\n');
    assert.equal(await callCount(), 3);
  });

  it('says undefined for a tool that fails or is missing, and does not remember it', async () => {
    await writeTool('1.0', 3);
    assert.equal(probe(tool, ['--version']), undefined);
    assert.equal(probe(tool, ['--version']), undefined);
    assert.equal(await callCount(), 2);
    assert.equal(probe(join(dir, 'missing'), ['--version']), undefined);
  });

  it('finds a bare name on the PATH, as the shell does', async () => {
    await writeTool('1.0');
    const env = { PATH: `/nonexistent:${dir}` };
    assert.equal(probe('tool', ['--version'], env), 'tool 1.0\n');
    assert.equal(probe('tool', ['--version'], env), 'tool 1.0\n');
    assert.equal(await callCount(), 1);
  });
});
