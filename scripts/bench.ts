/**
 * `npm run bench`: measures the verified build on this machine, in one run, on a
 * temporary copy of the repository (the working tree is never touched), and prints a table:
 *
 *   a. naive baseline: every example run one after another with `npx tsx <file>`;
 *   b. cold build: `npm run build` with no cache (examples, pages, Hugo, Pagefind);
 *   c. warm build: `npm run build` again, nothing changed;
 *   d. one example edited, then `npm run build`;
 *   e. peak memory of a cold build (all its processes together), sampled in a run of its
 *      own so that sampling does not slow the timed one;
 *   f. live preview: from saving an example (in place, then by rename as many editors do)
 *      to `npm run dev` serving the updated page.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isProgram } from './lib/examples.ts';
import { referencedExamples } from './lib/verify.ts';
import { startDev, waitFor } from './site/dev-process.ts';
import { createTempSite, SOURCES } from './site/temp-site.ts';


/** The example whose output the one-change and live-preview steps edit. */
const EDITED = { file: 'code/relationships/one-to-one.ts', from: "console.log('Profile:', ", to: "console.log('Profile (edited):', ", page: 'docs/relationships/one-to-one-loading/' };

async function main(): Promise<void> {
  const site = await createTempSite({ copy: SOURCES, linkPackages: true, prefix: 'bench-site-' });
  try {
    const examples = (await referencedExamples(site)).filter(isProgram);
    console.log(`Benchmarking ${examples.length} examples in ${site} (${process.version}, ${(await cpus())} cores)\n`);

    // An example that ends with a declared error exits non-zero; that is its point, so
    // exit codes are not checked here (the build checks every one).
    const naiveCpuBefore = childrenCpuMs();
    const naive = timed(() => {
      for (const file of examples) spawnSync('npx', ['tsx', file], { cwd: site, stdio: 'ignore' });
    });
    const naiveCpu = childrenCpuMs() - naiveCpuBefore;
    console.log(`a. naive baseline       ${seconds(naive)}  (CPU ${seconds(naiveCpu)})`);

    const cold = await measureBuild(site, { cold: true });
    console.log(`b. cold build           ${seconds(cold.ms)}  (${(cold.ms / naive).toFixed(2)} of the baseline; CPU ${seconds(cold.cpuMs)}, ${(cold.cpuMs / naiveCpu).toFixed(2)} of the baseline's)`);
    const warm = await measureBuild(site);
    console.log(`c. warm build           ${seconds(warm.ms)}`);

    const source = await readFile(join(site, EDITED.file), 'utf8');
    if (!source.includes(EDITED.from)) throw new Error(`${EDITED.file} no longer contains ${EDITED.from}; update scripts/bench.ts`);
    await writeFile(join(site, EDITED.file), source.replace(EDITED.from, EDITED.to));
    const edited = await measureBuild(site);
    const html = await readFile(join(site, 'public', EDITED.page, 'index.html'), 'utf8');
    if (!html.includes('Profile (edited):')) throw new Error('the edited output did not reach the built page');
    console.log(`d. one example edited   ${seconds(edited.ms)}`);
    await writeFile(join(site, EDITED.file), source);
    const memory = await measureBuild(site, { cold: true, sampleMemory: true });
    console.log(`e. peak memory (cold)   ${Math.round((memory.peakRssBytes ?? 0) / 1024 / 1024)} MB`);
    const preview = await measureLivePreview(site, source);
    console.log(`f. save → page served   ${seconds(preview.inPlaceMs)}  (npm run dev; ${seconds(preview.byRenameMs)} for a save by rename)`);

    console.log('\n| step | time |\n| --- | --- |');
    console.log(`| naive baseline (\`npx tsx\` one after another) | ${seconds(naive)} (CPU ${seconds(naiveCpu)}) |`);
    console.log(`| cold build | ${seconds(cold.ms)} (${(cold.ms / naive).toFixed(2)} × baseline; CPU ${seconds(cold.cpuMs)}) |`);
    console.log(`| warm build, nothing changed | ${seconds(warm.ms)} |`);
    console.log(`| build after editing one example | ${seconds(edited.ms)} |`);
    console.log(`| peak memory, cold build | ${Math.round((memory.peakRssBytes ?? 0) / 1024 / 1024)} MB |`);
    console.log(`| live preview, save to served page | ${seconds(preview.inPlaceMs)} (by rename: ${seconds(preview.byRenameMs)}) |`);
  } finally {
    await rm(site, { recursive: true, force: true });
  }
}

/** Runs `npm run build` in the copy: `cold` from an empty cache; `sampleMemory` records the peak memory. */
async function measureBuild(site: string, { cold = false, sampleMemory = false } = {}): Promise<{ ms: number; cpuMs: number; peakRssBytes?: number }> {
  if (cold) await rm(join(site, '.cache'), { recursive: true, force: true });
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const child = spawn('npm', ['run', 'build'], { cwd: site, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1' } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peak = 0;
  const sampler = sampleMemory
    ? setInterval(() => {
        void treeRss(child.pid ?? 0).then((rss) => (peak = Math.max(peak, rss)));
      }, 20)
    : undefined;
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  const ms = performance.now() - started;
  const cpuMs = childrenCpuMs() - cpuBefore;
  if (code !== 0) throw new Error(`npm run build failed:\n${stderr}`);
  return sampleMemory ? { ms, cpuMs, peakRssBytes: peak } : { ms, cpuMs };
}

/**
 * Starts `npm run dev` (the command line's `dev`), then saves the example twice, in place
 * and as editors that save by rename do, and times each save until the server serves the
 * page with the new output.
 */
async function measureLivePreview(site: string, source: string): Promise<{ inPlaceMs: number; byRenameMs: number }> {
  const dev = await startDev({ site, cli: join(site, 'scripts', 'cli.ts') });
  const served = async (text: string): Promise<boolean> => (await dev.fetchPage(EDITED.page))?.text.includes(text) ?? false;
  const file = join(site, EDITED.file);
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
  }
}

/** Resident memory of a process and all its descendants, read from /proc (Linux). */
async function treeRss(rootPid: number): Promise<number> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const inTree = (pid: number): boolean => {
    for (let current: number | undefined = pid; current; current = parents.get(current)) if (current === rootPid) return true;
    return false;
  };
  let total = 0;
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  }
  return total;
}

/**
 * The CPU time (user and system) of this process's children that have ended, and of their
 * own children, read from /proc (Linux; NaN elsewhere). On a shared machine it varies far
 * less than the elapsed time.
 */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of the file (cutime, cstime), counted after the command name (field 2).
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicksPerSecond();
  } catch {
    return Number.NaN;
  }
}

let ticksPerSecond: number | undefined;
function clockTicksPerSecond(): number {
  ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return ticksPerSecond;
}

function timed(task: () => void): number {
  const started = performance.now();
  task();
  return performance.now() - started;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function cpus(): Promise<number> {
  return (await import('node:os')).availableParallelism();
}

await main();
