/**
 * Whether `public/` is already what Hugo and Pagefind would make: true when nothing they
 * read has changed since they last made it, and nobody touched what they made. Then a
 * build with nothing changed skips both (about two thirds of a warm build).
 *
 * What they read is every file of the site outside the folders below (content, layouts,
 * assets, data, static, hugo.toml, and code/, which the theme quotes), the tools'
 * versions and the options they were given. What they made is recorded as each file's
 * path, size and modification time under `public/`.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { readTextIfExists, writeFileAtomic } from './files.ts';

/** What is not Hugo's input: the tools, caches, outputs, Hugo's lock file and the repository. */
const NOT_INPUT = new Set(['.git', '.cache', '.hugo_build.lock', 'node_modules', 'public', 'resources', 'test-results']);

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
  for (const file of await filesUnder(root, root, NOT_INPUT)) inputs.update(`${file}\n`).update(await readFile(join(root, file)));
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
  const publicDir = join(root, 'public');
  for (const file of await filesUnder(publicDir, publicDir, new Set())) {
    const { size, mtimeMs } = await stat(join(publicDir, file));
    manifest.update(`${file} ${size} ${mtimeMs}\n`);
  }
  return manifest.digest('hex');
}

/** Files under `dir` (paths relative to `base`, with `/`), sorted; a missing folder has none. */
async function filesUnder(dir: string, base: string, skipped: ReadonlySet<string>): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    if (skipped.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path, base, new Set())));
    else if (entry.isFile()) files.push(relative(base, path).split(sep).join('/'));
  }
  return files.sort();
}
