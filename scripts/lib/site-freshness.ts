/**
 * Whether `public/` is already what Hugo and Pagefind would make: true when nothing they
 * read has changed since they last made it, and nobody touched what they made. Then a
 * build with nothing changed skips both (about two thirds of a warm build).
 *
 * What they read is every file of the site outside the build's own folders (content,
 * layouts, assets, data, static, hugo.toml, and code/, which the theme quotes), the tools'
 * versions and the options they were given. What they made is recorded as each file's
 * path, size and modification time under `public/`.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BUILD_OUTPUTS, listFiles, readTextIfExists, writeFileAtomic } from './files.ts';

/** Where the last site build is recorded. */
export const SITE_RECORD = join('.cache', 'verified-docs', 'site-build.json');

/** What the site steps read (a hash) and what `public/` holds now (a hash of its manifest). */
export interface SiteState {
  inputs: string;
  output: string;
}

/** The state of the site now; `tools` names the tools' versions and the options they get. */
export async function siteState(root: string, tools: string): Promise<SiteState> {
  const inputs = createHash('sha256').update(`${tools}\n`);
  for (const file of (await listFiles(root, BUILD_OUTPUTS)).keys()) inputs.update(`${file}\n`).update(await readFile(join(root, file)));
  return { inputs: inputs.digest('hex'), output: await outputManifest(root) };
}

/** True when the last recorded site build read the same inputs and its output is untouched. */
export async function siteIsCurrent(root: string, state: SiteState): Promise<boolean> {
  const text = await readTextIfExists(join(root, SITE_RECORD));
  if (!text) return false;
  const record = JSON.parse(text) as SiteState;
  return record.inputs === state.inputs && record.output === state.output && state.output !== EMPTY_OUTPUT;
}

/** Records the site Hugo and Pagefind just made from `inputs`. */
export async function recordSite(root: string, inputs: string): Promise<void> {
  const record: SiteState = { inputs, output: await outputManifest(root) };
  await mkdir(dirname(join(root, SITE_RECORD)), { recursive: true });
  await writeFileAtomic(join(root, SITE_RECORD), `${JSON.stringify(record)}\n`);
}

const EMPTY_OUTPUT = createHash('sha256').digest('hex');

async function outputManifest(root: string): Promise<string> {
  const manifest = createHash('sha256');
  for (const [file, signature] of await listFiles(join(root, 'public'))) manifest.update(`${file} ${signature}\n`);
  return manifest.digest('hex');
}
