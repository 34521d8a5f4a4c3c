/** Running `npm run build` and `npm run dev` in the benchmark's copy of the repository, and timing them. */
import { spawn } from 'node:child_process';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startDev, waitFor } from '../site/dev-process.ts';
import { childrenCpuMs, treeMemory } from './measure.ts';

/** The example whose output the one-edit and live-preview steps change. */
export const EDITED = { file: 'code/relationships/one-to-one.ts', from: "console.log('Profile:', ", to: "console.log('Profile (edited):', ", page: 'docs/relationships/one-to-one-loading/' };

export interface BuildRun {
  ms: number;
  /** CPU time (user and system) of the build and every process it started. */
  cpuMs: number;
  /** The largest resident memory of the build's processes together, when sampled. */
  /** The highest sum of resident sets seen, and of proportional sets (see treeMemory). */
  peakRssBytes?: number;
  peakPssBytes?: number;
}

export interface BuildOptions {
  /** The dialects to verify (`DIALECTS`). */
  dialects: readonly string[];
  /** Start from an empty cache (`.cache/` removed). */
  cold?: boolean;
  /** Sample the memory of the build's process tree every 20 ms (in a run of its own: sampling costs time). */
  sampleMemory?: boolean;
}

/** The environment of a build on `dialects`: CI's plain progress lines, and nothing inherited that changes the dialects. */
function buildEnvironment(dialects: readonly string[]): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env, CI: '1', DIALECTS: dialects.join(',') };
  delete environment.REQUIRE_DIALECTS;
  return environment;
}

/** Runs `npm run build` in the copy and measures it. */
export async function measureBuild(site: string, { dialects, cold = false, sampleMemory = false }: BuildOptions): Promise<BuildRun> {
  if (cold) await rm(join(site, '.cache'), { recursive: true, force: true });
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const child = spawn('npm', ['run', 'build'], { cwd: site, stdio: ['ignore', 'ignore', 'pipe'], env: buildEnvironment(dialects) });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const peak = { rss: 0, pss: 0 };
  const sampler = sampleMemory
    ? setInterval(() => {
        void treeMemory(child.pid ?? 0).then(({ rss, pss }) => {
          peak.rss = Math.max(peak.rss, rss);
          peak.pss = Math.max(peak.pss, pss);
        });
      }, 20)
    : undefined;
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  const ms = performance.now() - started;
  const cpuMs = childrenCpuMs() - cpuBefore;
  if (code !== 0) throw new Error(`npm run build (DIALECTS=${dialects.join(',')}) failed:\n${stderr}`);
  return sampleMemory ? { ms, cpuMs, peakRssBytes: peak.rss, peakPssBytes: peak.pss } : { ms, cpuMs };
}

/**
 * Edits one example's output, runs `npm run build`, checks that the edit reached the
 * built page, then puts the example and every page and data file back as they were (the
 * build wrote the edited output into them), so that later steps start from the same pages.
 */
export async function measureEditedBuild(site: string, dialects: readonly string[]): Promise<BuildRun> {
  const file = join(site, EDITED.file);
  const source = await readFile(file, 'utf8');
  if (!source.includes(EDITED.from)) throw new Error(`${EDITED.file} no longer contains ${EDITED.from}; update scripts/bench/builds.ts`);
  const written = await snapshot(site, ['content', 'data']);
  await writeFile(file, source.replace(EDITED.from, EDITED.to));
  try {
    const run = await measureBuild(site, { dialects });
    const html = await readFile(join(site, 'public', EDITED.page, 'index.html'), 'utf8');
    if (!html.includes('Profile (edited):')) throw new Error('the edited output did not reach the built page');
    return run;
  } finally {
    await writeFile(file, source);
    for (const [path, text] of written) if ((await readFile(path, 'utf8')) !== text) await writeFile(path, text);
  }
}

/** The text of every file under some folders of the site, by absolute path. */
async function snapshot(site: string, folders: readonly string[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const folder of folders) {
    for (const entry of await readdir(join(site, folder), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.set(join(entry.parentPath, entry.name), await readFile(join(entry.parentPath, entry.name), 'utf8'));
    }
  }
  return files;
}

/**
 * Starts `npm run dev` (the command line's `dev`, on every dialect the machine has), then
 * saves the example twice, in place and as editors that save by rename do, and times each
 * save until the server serves the page with the new output.
 */
export async function measureLivePreview(site: string): Promise<{ inPlaceMs: number; byRenameMs: number }> {
  const file = join(site, EDITED.file);
  const source = await readFile(file, 'utf8');
  const dev = await startDev({ site, cli: join(site, 'scripts', 'cli.ts') });
  const served = async (text: string): Promise<boolean> => (await dev.fetchPage(EDITED.page))?.text.includes(text) ?? false;
  try {
    await waitFor(async () => (await dev.fetchPage(EDITED.page))?.status === 200, { timeoutMs: 120_000, what: 'npm run dev serves the page' });
    let saved = performance.now();
    await writeFile(file, source.replace(EDITED.from, EDITED.to));
    await waitFor(() => served('Profile (edited):'), { timeoutMs: 30_000, what: 'the page shows the edit' });
    const inPlaceMs = performance.now() - saved;
    saved = performance.now();
    await writeFile(`${file}___jb_tmp___`, source.replace(EDITED.from, "console.log('Profile (renamed):', "));
    await rename(`${file}___jb_tmp___`, file);
    await waitFor(() => served('Profile (renamed):'), { timeoutMs: 30_000, what: 'the page shows the save by rename' });
    return { inPlaceMs, byRenameMs: performance.now() - saved };
  } finally {
    await dev.stop();
    await writeFile(file, source);
  }
}
