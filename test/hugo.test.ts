import assert from 'node:assert/strict';
import { chmod, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findHugo, pinnedHugoVersion, versionWarning } from '../scripts/lib/hugo.ts';
import { REPO_ROOT } from './support/fixture-site.ts';

describe('finding Hugo', () => {
  let dir = '';
  let fakeHugo = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'find-hugo-'));
    fakeHugo = join(dir, 'hugo');
    await writeFile(fakeHugo, '#!/bin/sh\necho "hugo v0.120.0+extended linux/amd64"\n');
    await chmod(fakeHugo, 0o755);
    await copyFile(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('pins the version for hugo-bin in package.json, the same as hugo.toml', async () => {
    const toml = await readFile(join(REPO_ROOT, 'hugo.toml'), 'utf8');
    const minimum = /\[module\.hugoVersion\][^[]*?\bmin\s*=\s*"([^"]+)"/.exec(toml)?.[1];
    assert.ok(minimum, 'hugo.toml declares [module.hugoVersion] min');
    assert.equal(pinnedHugoVersion(REPO_ROOT), minimum);
  });

  it('prefers the HUGO variable, and warns when its version is not the pinned one', () => {
    const hugo = findHugo(dir, { PATH: process.env.PATH, HUGO: fakeHugo });
    assert.deepEqual(hugo, { path: fakeHugo, origin: 'HUGO', version: '0.120.0' });
    assert.equal(
      versionWarning(hugo, REPO_ROOT),
      `warning: using Hugo 0.120.0 (HUGO: ${fakeHugo}), but the site is pinned to 0.111.3; output may differ`,
    );
  });

  it('fails clearly when HUGO points at something that is not Hugo', () => {
    assert.throws(() => findHugo(dir, { PATH: process.env.PATH, HUGO: join(dir, 'missing') }), {
      message: `HUGO is set to \`${join(dir, 'missing')}\`, which does not run as Hugo; fix or unset it`,
    });
  });

  it('falls back to hugo on the PATH', () => {
    assert.equal(findHugo(dir, { PATH: dir }).origin, 'PATH');
  });

  it('says how to get Hugo when none is found', () => {
    assert.throws(() => findHugo(dir, { PATH: join(dir, 'empty') }), (error: Error) => {
      assert.match(error.message, /^Hugo was not found\. Get Hugo 0\.111\.3 \(extended\)/);
      assert.match(error.message, /apt-get install hugo/);
      assert.match(error.message, /HUGO=\/path\/to\/hugo npm run build/);
      return true;
    });
  });
});
