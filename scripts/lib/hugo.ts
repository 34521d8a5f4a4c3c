import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { probe } from './probe.ts';

export interface HugoBinary {
  path: string;
  /** Where it was found: the `HUGO` variable, the hugo-bin package, or the PATH. */
  origin: 'HUGO' | 'hugo-bin' | 'PATH';
  /** The version it reports, e.g. `0.111.3`. */
  version: string;
}

/** The Hugo version every machine should render with, pinned in package.json for hugo-bin. */
export function pinnedHugoVersion(root: string): string {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { 'hugo-bin'?: { version?: string } };
  const version = manifest['hugo-bin']?.version;
  if (!version) throw new Error('package.json must pin the Hugo version under "hugo-bin": { "version": ... }');
  return version;
}

/**
 * Finds the Hugo binary: the `HUGO` environment variable, else the binary hugo-bin
 * downloaded at install time, else `hugo` on the PATH. Throws with a hint when none runs.
 */
export function findHugo(root: string, env: NodeJS.ProcessEnv = process.env): HugoBinary {
  const candidates: Array<{ path: string; origin: HugoBinary['origin'] }> = [];
  if (env.HUGO) candidates.push({ path: env.HUGO, origin: 'HUGO' });
  const vendored = join(root, 'node_modules', 'hugo-bin', 'vendor', process.platform === 'win32' ? 'hugo.exe' : 'hugo');
  if (existsSync(vendored)) candidates.push({ path: vendored, origin: 'hugo-bin' });
  candidates.push({ path: 'hugo', origin: 'PATH' });

  for (const candidate of candidates) {
    const version = readVersion(candidate.path, env);
    if (version) return { ...candidate, version };
    if (candidate.origin === 'HUGO') {
      throw new Error(`HUGO is set to \`${candidate.path}\`, which does not run as Hugo; fix or unset it`);
    }
  }
  const pinned = pinnedHugoVersion(root);
  throw new Error(
    [
      'Hugo was not found. Get Hugo ' + pinned + ' (extended) in one of these ways:',
      '  - with network access to GitHub, `npm install` downloads it through hugo-bin;',
      '  - on Debian or Ubuntu: `sudo apt-get install hugo` (Debian 12 ships ' + pinned + ');',
      '  - any other way, then point to it: `HUGO=/path/to/hugo npm run build`.',
    ].join('\n'),
  );
}

/** Returns a warning when the Hugo found is not the pinned version, so pages may render differently. */
export function versionWarning(hugo: HugoBinary, root: string): string | undefined {
  const pinned = pinnedHugoVersion(root);
  return hugo.version === pinned
    ? undefined
    : `warning: using Hugo ${hugo.version} (${hugo.origin}: ${hugo.path}), but the site is pinned to ${pinned}; output may differ`;
}

function readVersion(path: string, env: NodeJS.ProcessEnv): string | undefined {
  const output = probe(path, ['version'], env);
  return output === undefined ? undefined : /v(\d+\.\d+\.\d+)/.exec(output)?.[1];
}
